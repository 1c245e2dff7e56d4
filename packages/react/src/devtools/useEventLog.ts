'use client'
import type { EntitlementEvent, EntitlementsClient } from '@entitle/core'
import { useEffect, useState } from 'react'

/** One logged event, with when it happened. */
export interface LoggedEvent {
  at: number
  event: EntitlementEvent
  id: number
}

let next = 0

/** The client's events from mount on (`subscribeEvents`), newest first, at most `max`. */
export function useEventLog(client: EntitlementsClient<string>, max = 50): LoggedEvent[] {
  const [log, setLog] = useState<LoggedEvent[]>([])
  useEffect(
    () =>
      client.subscribeEvents?.((event) =>
        setLog((old) => [{ at: Date.now(), event, id: next++ }, ...old].slice(0, max)),
      ),
    [client, max],
  )
  return log
}
