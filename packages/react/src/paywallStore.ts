// UI state of upsell flows: which feature the paywall is about, why, and whether it is open.
// Server state (snapshot, catalog) stays in the query cache; this store holds only what the user is
// looking at. One store per <EntitlementsProvider>, so two providers (or two SSR requests) never share it.
import type { DecisionReason, FeatureKey } from '@entitle/core'
import { createStore, type StoreApi } from 'zustand/vanilla'

/** What opened the paywall. */
export interface PaywallRequest<F extends string = FeatureKey> {
  /** The blocked feature. */
  feature: F
  /** Why it is blocked. Default (through `usePaywall().open`): the current decision's reason. */
  reason?: DecisionReason
  /** Units the user asked for (metered features). */
  requested?: number
}

export interface PaywallState {
  isOpen: boolean
  /** The feature of the last `open()`; kept after `close()` so a closing animation can still read it. */
  feature: string | null
  reason: DecisionReason | null
  requested: number | null
  open(request: PaywallRequest<string>): void
  close(): void
}

export type PaywallStore = StoreApi<PaywallState>

/** A new paywall store, closed. */
export function createPaywallStore(): PaywallStore {
  return createStore<PaywallState>()((set) => ({
    isOpen: false,
    feature: null,
    reason: null,
    requested: null,
    open: ({ feature, reason, requested }) =>
      set({ isOpen: true, feature, reason: reason ?? null, requested: requested ?? null }),
    close: () => set({ isOpen: false }),
  }))
}
