'use client'
import type { Decision, EntitlementsClient, FeatureKey } from '@entitle/core'
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react'
import { useEntitlementsContext } from './context.js'
import { checkShared } from './decisionCache.js'
import { type FreshOption, useFreshCheck } from './useFreshCheck.js'

/** Options of `useEntitlement`. */
export interface UseEntitlementOptions {
  /** Units about to be used (metered features): `usage + requested <= limit`. Default: the client's (1 for metered). */
  requested?: number
  /**
   * Decide on server data rather than the cache, where preventing an overage matters more than
   * speed: `true` asks the server first, `{ maxAgeMs }` accepts data it confirmed that recently
   * (`client.checkFresh`). Until that answer the decision is `reason: 'loading'` (not granted); then
   * it follows the client as usual. Default `false`: the cached check.
   */
  fresh?: FreshOption
}

/**
 * The decision for one feature, re-rendering only when *that* decision changes (a usage change on
 * another feature, or a new snapshot that leaves this feature as it was, does not re-render).
 *
 * Reports `check_denied` (and `limit_reached` when a limit is hit) to the client's `onEvent` once per
 * transition into that state, from an effect: never during render, never on every render.
 *
 * Before any data arrives the decision is `reason: 'loading'` (or the client's fallback), never a denial.
 */
export function useEntitlement(feature: FeatureKey, options?: UseEntitlementOptions): Decision {
  const { client } = useEntitlementsContext('useEntitlement')
  const requested = options?.requested
  const decision = useFreshCheck(client, useDecision(client, feature, requested), requested, options?.fresh)
  useDenialAnalytics(client, decision)
  return decision
}

/** @internal The subscribed decision, without analytics. */
export function useDecision(
  client: EntitlementsClient<string>,
  feature: string,
  requested: number | undefined,
): Decision {
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client])
  const getSnapshot = useCallback(() => checkShared(client, feature, requested), [client, feature, requested])
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}

/** @internal Fires `check_denied` / `limit_reached` once per transition of the rendered decision. */
export function useDenialAnalytics(client: EntitlementsClient<string>, decision: Decision): void {
  // What was last reported for this hook: `feature\0reason`, or '' when the decision was not denied / over limit.
  const reported = useRef({ denied: '', limit: '' })
  useEffect(() => {
    const { feature, reason, granted } = decision
    const key = `${feature}\u0000${reason}`
    const denied = !granted && reason !== 'loading' ? key : ''
    const overLimit = reason === 'limit-exceeded' || reason === 'soft-limit-exceeded' ? key : ''
    const last = reported.current
    if (denied !== '' && denied !== last.denied) {
      client.track({
        type: 'check_denied',
        feature,
        reason,
        ...(decision.requested === undefined ? {} : { requested: decision.requested }),
      })
    }
    if (overLimit !== '' && overLimit !== last.limit) {
      client.track({
        type: 'limit_reached',
        feature,
        reason,
        ...(decision.usage === undefined ? {} : { usage: decision.usage }),
        ...(decision.limit === undefined ? {} : { limit: decision.limit }),
      })
    }
    reported.current = { denied, limit: overLimit }
  }, [client, decision])
}
