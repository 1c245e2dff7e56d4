// `client.waitFor(condition)`: resolves once the customer's snapshot satisfies a condition, e.g. after
// a checkout whose result arrives later through a webhook. Driven by the live stream while it is open
// (each snapshot it brings is tested), by polling with backoff otherwise; a slow poll runs even while
// the stream is open, so a lost event cannot keep the wait going. Loaded lazily by the client.
// It makes its errors through the client (`error`): importing errors.js here would put it in a chunk
// of its own that every first load fetches (a module both chunks reach is split out).
import type { EntitlementsClient } from './clientTypes.js'
import type { EntitlementsError } from './errors.js'
import type { EntitlementsSnapshot } from './types.js'

/**
 * What to wait for: a feature granted (for `requested` units, if metered), or any condition on the
 * snapshot. Only data the server confirmed counts: never a fallback, a restored snapshot or one that
 * could not be refreshed.
 */
export type WaitCondition<F extends string = string> =
  | { feature: F; requested?: number }
  | ((snapshot: EntitlementsSnapshot) => boolean)

export interface WaitForOptions {
  /** Give up after this many ms: rejects with `EntitlementsError` code `'timeout'`. Default 30_000. */
  timeoutMs?: number
  /** Stops waiting: rejects with `EntitlementsError` code `'aborted'`. Default: none. */
  signal?: AbortSignal
  /** First wait between polls while no live stream is open, ms; it doubles after each poll. Default 500. */
  intervalMs?: number
  /** Longest wait between polls, ms; also the safety poll while the stream is open. Default 5_000. */
  maxIntervalMs?: number
}

/** The parts of the client a wait uses. */
export type Waitable = Pick<EntitlementsClient<string>, 'getState' | 'subscribe' | 'refresh' | 'check'>

/** Makes the `EntitlementsError` a wait rejects with. */
export type WaitError = (code: 'timeout' | 'aborted', message: string, cause?: unknown) => EntitlementsError

const noop = () => {}

/** Resolves with the snapshot once `condition` holds (see `EntitlementsClient.waitFor`). */
export function waitFor(
  client: Waitable,
  condition: WaitCondition,
  options: WaitForOptions,
  error: WaitError,
): Promise<EntitlementsSnapshot> {
  const { signal, timeoutMs = 30_000, intervalMs = 500, maxIntervalMs = 5_000 } = options
  return new Promise((resolve, reject) => {
    let done = false
    let poll: ReturnType<typeof setTimeout> | undefined
    let delay = intervalMs
    const finish = (settle: () => void) => {
      if (done) return
      done = true
      clearTimeout(poll)
      clearTimeout(timer)
      unsubscribe()
      signal?.removeEventListener('abort', onAbort)
      settle()
    }
    const test = () => {
      const state = client.getState()
      const snapshot = state.snapshot
      if (snapshot === undefined || state.isStale) return
      let met: boolean
      if (typeof condition === 'function') met = condition(snapshot)
      else {
        const d = client.check(
          condition.feature,
          condition.requested === undefined ? undefined : { requested: condition.requested },
        )
        met = d.granted && !d.isFallback && !d.isStale
      }
      if (met) finish(() => resolve(snapshot))
    }
    const tick = () => {
      // While the stream is open it brings every change: only the slow safety poll asks the server.
      if (client.getState().live !== 'open' || delay >= maxIntervalMs) client.refresh().catch(noop)
      poll = setTimeout(tick, delay)
      delay = Math.min(delay * 2, maxIntervalMs)
    }
    const onAbort = () => finish(() => reject(error('aborted', 'waitFor: aborted', signal?.reason)))
    const unsubscribe = client.subscribe(test)
    const timer = setTimeout(
      () =>
        finish(() => reject(error('timeout', `waitFor: the condition did not hold within ${timeoutMs} ms`))),
      timeoutMs,
    )
    if (signal?.aborted) return onAbort()
    signal?.addEventListener('abort', onAbort, { once: true })
    test()
    if (!done) tick()
  })
}
