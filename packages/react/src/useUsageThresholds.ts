'use client'
import type { EntitlementsClient, FeatureKey } from '@entitle/core'
import { useEffect } from 'react'
import { useEntitlementsContext } from './context.js'
import { useDecision } from './useEntitlement.js'

// Per client: which side of each threshold each customer's meter was last seen on, so two components
// watching one meter report a crossing once.
const sides = new WeakMap<EntitlementsClient<string>, Map<string, boolean>>()

/**
 * Reports `usage_threshold_crossed` to the client's `onEvent` each time a meter's usage reaches one of
 * `thresholds` (fractions of the limit: `0.8` = 80 %, `1` = the limit) from below: once per crossing,
 * whichever components watch it; going back below (a released seat, a new period) arms it again. The
 * first reading only sets where the meter stands (a meter already past a threshold when the page
 * opens has not crossed it here). Fallback numbers and unlimited meters never count. `UsageMeter` and
 * `LimitBanner` do this with `thresholds` (default: their `warnAt` and 1).
 */
export function useUsageThresholds(feature: FeatureKey, thresholds: readonly number[]): void {
  const { client } = useEntitlementsContext('useUsageThresholds')
  const decision = useDecision(client, feature, 0)
  const list = thresholds.join(',')
  useEffect(() => {
    const { usage, limit } = decision
    if (decision.isFallback || usage === undefined || typeof limit !== 'number' || limit <= 0) return
    const seen = sides.get(client) ?? new Map<string, boolean>()
    sides.set(client, seen)
    const customer = client.getState().customerId
    for (const threshold of list.split(',').map(Number)) {
      if (!(threshold > 0)) continue
      const key = `${customer}\u0000${feature}\u0000${threshold}`
      const above = usage >= limit * threshold
      const before = seen.get(key)
      seen.set(key, above)
      if (above && before === false)
        client.track({ type: 'usage_threshold_crossed', feature, threshold, usage, limit })
    }
  }, [client, feature, decision, list])
}
