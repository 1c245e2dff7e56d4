// One app-wide notice (a polite status line at the top of the page): what the demo says after a
// request it cannot show elsewhere, e.g. "Our sales team will write to you".
import { useSyncExternalStore } from 'react'

let notice = ''
const listeners = new Set<() => void>()

export function notify(text: string): void {
  notice = text
  for (const listener of [...listeners]) listener()
}

export function useNotice(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => notice,
    () => '',
  )
}
