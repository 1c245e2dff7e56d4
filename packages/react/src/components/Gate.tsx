'use client'
import type { CheckoutState, Decision, FeatureKey } from '@entitle/core'
import type { ReactNode } from 'react'
import { useCheckout } from '../useCheckout.js'
import { useEntitlement } from '../useEntitlement.js'
import { UpgradeStatus } from './UpgradeStatus.js'

export interface GateProps {
  /** The feature to check. */
  feature: FeatureKey
  /** Units about to be used (metered features): granted when `usage + requested <= limit`. Default: 1 for metered features. */
  requested?: number
  /**
   * Decide on server data, not the cache: `true` fetches before deciding (the children wait, as
   * while loading), `{ maxAgeMs }` accepts data the server confirmed that recently (see
   * `client.checkFresh`). For where preventing an overage matters more than speed. Default `false`
   * (the cached check).
   */
  fresh?: boolean | { maxAgeMs: number }
  /**
   * Rendered when the check is denied, e.g. a `<Paywall>`. A function receives the decision.
   * Default: nothing.
   */
  fallback?: ReactNode | ((decision: Decision) => ReactNode)
  /** Rendered while there is no data yet (reason `'loading'`, no fallback grant). Default: nothing. */
  loading?: ReactNode
  /**
   * Rendered instead of `fallback` while an upgrade of this feature is being confirmed after a
   * hosted checkout (and after a timeout, with "Check again"). A function receives the checkout
   * state. Default: "Confirming your upgrade to Premium…" (`UpgradeStatus`).
   */
  confirming?: ReactNode | ((checkout: CheckoutState) => ReactNode)
  /**
   * Rendered when the check is granted. A function is the render-prop form: it renders for every
   * decision (granted, denied or loading) and `fallback` / `loading` / `confirming` are not used.
   */
  children?: ReactNode | ((decision: Decision) => ReactNode)
}

/**
 * Shows its children only when the customer is entitled to `feature`. Renders no element of its own
 * (except the default `confirming` notice on the way back from a checkout).
 *
 * ```tsx
 * <Gate feature="ai-assistant" fallback={<Paywall feature="ai-assistant" onUpgrade={upgrade} />}>
 *   <AiAssistant />
 * </Gate>
 * ```
 */
export function Gate({
  feature,
  requested,
  fresh,
  fallback,
  loading,
  confirming,
  children,
}: GateProps): ReactNode {
  const decision = useEntitlement(feature, {
    ...(requested === undefined ? {} : { requested }),
    ...(fresh === undefined ? {} : { fresh }),
  })
  const checkout = useCheckout()
  if (typeof children === 'function') return children(decision)
  if (decision.granted) return children
  if (decision.reason === 'loading') return loading ?? null
  if (
    checkout?.pending.feature === feature &&
    (checkout.status === 'confirming' || checkout.status === 'timeout')
  )
    return typeof confirming === 'function'
      ? confirming(checkout)
      : (confirming ?? (
          <UpgradeStatus
            status={checkout.status}
            offerName={checkout.pending.offer.name}
            onCheckAgain={checkout.retry}
          />
        ))
  return typeof fallback === 'function' ? fallback(decision) : (fallback ?? null)
}
