'use client'
import { useSyncExternalStore } from 'react'

// One clock for every component's time-based text ("resets in 4 days", "your trial ends in 2 days").
// The snapshot is the current minute, so it is stable between renders without a cache, and one shared
// interval plus `visibilitychange` (a tab coming back after a night) moves every reader forward.
// On the server and during hydration it is `null`: time-based text is left out there and filled in
// right after hydration, so server and client HTML never differ because the clock moved.

const MINUTE = 60_000
const listeners = new Set<() => void>()
let timer: ReturnType<typeof setInterval> | undefined

const tick = () => {
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    timer = setInterval(tick, MINUTE)
    document.addEventListener('visibilitychange', tick)
  }
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', tick)
    }
  }
}

const getSnapshot = () => Math.floor(Date.now() / MINUTE) * MINUTE
const getServerSnapshot = () => null

/** `Date.now()` to the minute, kept current; `null` on the server and while hydrating. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
}
