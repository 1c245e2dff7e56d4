// The mock clock: the injected clock plus however far the admin API moved it. Time only moves
// forward, and only to instants a Date can hold. The offset is kept in the store's meta, so a
// persistent mock server (PGlite data directory) keeps its moved clock across restarts.
import { ApiError, type Store } from '@entitle/server'

const MAX_INSTANT = 8.64e15
const META_KEY = 'mock-server:clock-offset-ms'

export interface MockClock {
  /** Now on the mock clock, epoch ms. */
  now(): number
  /** Moves the clock to `target` (epoch ms): forward only, within the range of dates. */
  setNow(target: number): Promise<void>
  /** Back to the injected clock (reset). */
  reset(): Promise<void>
  /** Reads the offset a persistent store kept. */
  restore(): Promise<void>
}

export function createMockClock(base: () => number, store: Store): MockClock {
  let offsetMs = 0
  const now = (): number => base() + offsetMs
  return {
    now,
    async setNow(target) {
      const current = now()
      if (!Number.isFinite(target) || target > MAX_INSTANT) {
        throw new ApiError(
          400,
          'invalid_request',
          `now: must be an instant between now and ${new Date(MAX_INSTANT).toISOString()}`,
        )
      }
      if (target < current) {
        throw new ApiError(
          400,
          'invalid_request',
          `now: the clock only moves forward (it is ${new Date(current).toISOString()})`,
        )
      }
      offsetMs += target - current
      await store.writeMeta(META_KEY, offsetMs)
    },
    async reset() {
      offsetMs = 0
      await store.writeMeta(META_KEY, 0)
    },
    async restore() {
      const saved = await store.readMeta(META_KEY)
      if (typeof saved === 'number' && Number.isFinite(saved)) offsetMs = saved
    },
  }
}
