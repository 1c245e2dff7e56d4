'use client'
import type { DecisionReason, FeatureKey } from '@entitle/core'
import { useCallback, useMemo } from 'react'
import { useStore } from 'zustand'
import { useEntitlementsContext } from './context.js'
import type { PaywallRequest, PaywallState } from './paywallStore.js'

export interface UsePaywallResult {
  isOpen: boolean
  /** The feature of the last `open()` (kept after `close()`), or `null`. */
  feature: FeatureKey | null
  reason: DecisionReason | null
  requested: number | null
  /** Open the paywall for a feature. `reason` defaults to the feature's current decision's reason. */
  open(request: PaywallRequest): void
  close(): void
}

const selectIsOpen = (s: PaywallState) => s.isOpen
const selectFeature = (s: PaywallState) => s.feature
const selectReason = (s: PaywallState) => s.reason
const selectRequested = (s: PaywallState) => s.requested

/**
 * UI state of the upsell flow (which feature, why, open or closed), from the provider's zustand store:
 * any component can open the paywall that a `<PaywallDialog>` elsewhere shows.
 */
export function usePaywall(): UsePaywallResult {
  const { client, paywallStore } = useEntitlementsContext('usePaywall')
  const isOpen = useStore(paywallStore, selectIsOpen)
  const feature = useStore(paywallStore, selectFeature)
  const reason = useStore(paywallStore, selectReason)
  const requested = useStore(paywallStore, selectRequested)

  const open = useCallback(
    (request: PaywallRequest) => {
      const reason =
        request.reason ??
        client.check(
          request.feature,
          request.requested === undefined ? undefined : { requested: request.requested },
        ).reason
      paywallStore.getState().open({ ...request, reason })
    },
    [client, paywallStore],
  )
  const close = useCallback(() => paywallStore.getState().close(), [paywallStore])

  return useMemo(
    // The store holds what `open()` was given, which its type restricts to FeatureKey.
    () => ({ isOpen, feature: feature as FeatureKey | null, reason, requested, open, close }),
    [isOpen, feature, reason, requested, open, close],
  )
}
