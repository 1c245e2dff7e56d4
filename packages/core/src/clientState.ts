// The client's state and its listeners: computed from the cache and the current customer, the same
// object while nothing in it changed (what `useSyncExternalStore` needs), and listeners told after
// each change, one broken listener never stopping the others.
import type { CacheEntry } from './cache.js'
import type { CheckoutState, EntitlementsClientState, LiveStatus } from './clientTypes.js'
import type { DevOverrides } from './devOverrides.js'
import type { EntitlementsError } from './errors.js'
import type { Catalog, EntitlementsSnapshot } from './types.js'

export interface StateInputs {
  customerId: string
  entry: CacheEntry<EntitlementsSnapshot> | undefined
  /** The snapshot shown came from storage and no server answer confirmed it yet. */
  restored: boolean
  pendingUsage: number
  catalog: Catalog | undefined
  live: LiveStatus
  checkout?: CheckoutState | undefined
  devOverrides?: DevOverrides | undefined
}

export interface StateStore {
  /** The current state: the previous object when nothing in it changed. */
  compute(): EntitlementsClientState
  /** Recomputes and tells the listeners if anything changed. */
  update(): void
  /** The last computed state, if any (a field, not a call: `check()` reads it on the hot path). */
  readonly last: EntitlementsClientState | undefined
  readonly listeners: Set<() => void>
}

export function createStateStore(
  read: () => StateInputs,
  asError: (raw: unknown) => EntitlementsError,
): StateStore {
  let state: EntitlementsClientState | undefined
  const store: StateStore = { compute, update, last: undefined, listeners: new Set() }
  // The raw error and its EntitlementsError form, so an unchanged error keeps its identity.
  let rawError: unknown = null
  let wrapped: EntitlementsError | null = null
  const listeners = store.listeners

  function compute(): EntitlementsClientState {
    const { customerId, entry, restored, pendingUsage, catalog, live, checkout, devOverrides } = read()
    const snapshot = entry?.data
    const failed = entry?.status === 'error'
    const raw = failed ? entry.error : null
    if (raw !== rawError) {
      rawError = raw
      wrapped = raw === null ? null : asError(raw)
    }
    const status = failed ? 'error' : snapshot ? 'success' : 'loading'
    const isStale = snapshot !== undefined && (failed || restored)
    const p = state
    if (
      p?.customerId === customerId &&
      p.snapshot === snapshot &&
      p.status === status &&
      p.error === wrapped &&
      p.isStale === isStale &&
      p.pendingUsage === pendingUsage &&
      p.catalog === catalog &&
      p.live === live &&
      p.checkout === checkout &&
      p.devOverrides === devOverrides
    )
      return p
    state = {
      customerId,
      snapshot,
      status,
      error: wrapped,
      isStale,
      pendingUsage,
      catalog,
      live,
      checkout,
      ...(devOverrides === undefined ? {} : { devOverrides }),
    }
    ;(store as { last: EntitlementsClientState }).last = state
    return state
  }

  function update() {
    const before = state
    if (compute() === before) return
    for (const listener of [...listeners]) {
      try {
        listener()
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  return store
}
