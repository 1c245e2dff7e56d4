'use client'
import type { Decision, FeatureKey } from '@entitle/core'
import type { ReactNode } from 'react'
import { useEntitlement } from '../useEntitlement.js'

export interface GateProps {
  /** The feature to check. */
  feature: FeatureKey
  /** Units about to be used (metered features): granted when `usage + requested <= limit`. Default: 1 for metered features. */
  requested?: number
  /**
   * Rendered when the check is denied, e.g. a `<Paywall>`. A function receives the decision.
   * Default: nothing.
   */
  fallback?: ReactNode | ((decision: Decision) => ReactNode)
  /** Rendered while there is no data yet (reason `'loading'`, no fallback grant). Default: nothing. */
  loading?: ReactNode
  /**
   * Rendered when the check is granted. A function is the render-prop form: it renders for every
   * decision (granted, denied or loading) and `fallback` / `loading` are not used.
   */
  children?: ReactNode | ((decision: Decision) => ReactNode)
}

/**
 * Shows its children only when the customer is entitled to `feature`. Renders no element of its own.
 *
 * ```tsx
 * <Gate feature="ai-assistant" fallback={<Paywall feature="ai-assistant" onUpgrade={upgrade} />}>
 *   <AiAssistant />
 * </Gate>
 * ```
 */
export function Gate({ feature, requested, fallback, loading, children }: GateProps): ReactNode {
  const decision = useEntitlement(feature, requested === undefined ? undefined : { requested })
  if (typeof children === 'function') return children(decision)
  if (decision.granted) return children
  if (decision.reason === 'loading') return loading ?? null
  return typeof fallback === 'function' ? fallback(decision) : (fallback ?? null)
}
