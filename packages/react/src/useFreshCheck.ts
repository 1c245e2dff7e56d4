'use client'
import type { Decision, EntitlementsClient } from '@entitle/core'
import { useEffect, useMemo, useState } from 'react'

/** `useEntitlement`'s `fresh` option: `true` (always ask the server) or how old confirmed data may be. */
export type FreshOption = boolean | { maxAgeMs: number }

/**
 * @internal The decision as `useEntitlement({ fresh })` shows it: `reason: 'loading'` (not granted)
 * until `client.checkFresh` answered for this feature and amount, then the live decision.
 */
export function useFreshCheck(
  client: EntitlementsClient<string>,
  decision: Decision,
  requested: number | undefined,
  fresh: FreshOption | undefined,
): Decision {
  const maxAgeMs = fresh === undefined || fresh === false ? undefined : fresh === true ? 0 : fresh.maxAgeMs
  const { feature } = decision
  const key = `${feature}\u0000${requested}\u0000${maxAgeMs}`
  const [answered, setAnswered] = useState('')
  useEffect(() => {
    if (maxAgeMs === undefined) return
    let current = true
    const at = `${feature}\u0000${requested}\u0000${maxAgeMs}`
    void client
      .checkFresh(feature, { ...(requested === undefined ? {} : { requested }), maxAgeMs })
      .then(() => {
        if (current) setAnswered(at)
      })
    return () => {
      current = false
    }
  }, [client, feature, requested, maxAgeMs])
  const waiting = maxAgeMs !== undefined && answered !== key
  return useMemo<Decision>(
    () =>
      waiting ? { feature, granted: false, reason: 'loading', isFallback: false, isStale: false } : decision,
    [waiting, feature, decision],
  )
}
