'use client'
import type {
  ChangePlanOptions,
  ConfigValue,
  Decision,
  EntitlementsClientState,
  EntitlementsError,
  EntitlementsSnapshot,
  FeatureKey,
  LiveStatus,
  ReportUsageOptions,
  UsageResult,
} from '@entitle/core'
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react'
import { useEntitlementsContext } from './context.js'
import { devWarn } from './dev.js'
import type { HelpersShape, NoHelpers, RegisteredHelpers, Widen } from './helpers.js'
import { reportMissingHelpers } from './missingHelpers.js'

// Module-scoped on purpose (see dev.ts): the package builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** What `useEntitlements()` returns besides your helpers. */
export interface EntitlementsValue<F extends string = FeatureKey> {
  /** Synchronous check against the current snapshot (or fallbacks). Never throws, never fetches. */
  check(feature: F, options?: { requested?: number }): Decision
  /** A config entitlement's value, or `fallback` when it is not granted. */
  value<T extends ConfigValue>(feature: F, fallback: T): Widen<T>
  /** No snapshot yet (no initial, persisted or fetched data). */
  isLoading: boolean
  /** The snapshot shown could not be refreshed (from storage, or the last fetch failed). */
  isStale: boolean
  /** The last fetch error, when the latest fetch failed. */
  error: EntitlementsError | null
  snapshot: EntitlementsSnapshot | undefined
  customerId: string
  /**
   * The live-updates connection: `'open'` (server changes arrive as they happen), `'connecting'`,
   * `'reconnecting'` (backing off after a drop or an error), or `'off'` (live updates disabled,
   * stopped, or given up after an auth answer). Read-only: for a status pill, not for gating.
   */
  live: LiveStatus
  /** Fetch the snapshot now. Rejects with `EntitlementsError` (handle it where you call it). */
  refresh(): Promise<EntitlementsSnapshot>
  /** Optimistic usage report (see `useReportUsage` for pending/error state). */
  reportUsage(feature: F, amount: number, options?: ReportUsageOptions): Promise<UsageResult>
  /** Change the subscription; resolves with the new snapshot. */
  changePlan(planId: string, options?: ChangePlanOptions): Promise<EntitlementsSnapshot>
}

/** `useEntitlements()`: the base value plus your helpers (a helper cannot shadow a base field). */
export type UseEntitlementsResult<
  F extends string = FeatureKey,
  H extends HelpersShape = NoHelpers,
> = EntitlementsValue<F> & Omit<H, keyof EntitlementsValue>

const baseKeys = [
  'check',
  'value',
  'isLoading',
  'isStale',
  'error',
  'snapshot',
  'customerId',
  'live',
  'refresh',
  'reportUsage',
  'changePlan',
]

/**
 * Everything about the customer's entitlements, plus the business helpers given to the provider.
 *
 * Re-renders on **every** change of the client's state (any feature, loading, errors): that is its
 * contract, since `check` and the helpers can read anything. For a component that depends on one
 * feature, use `useEntitlement(feature)`, which re-renders only when that feature's decision changes.
 */
export function useEntitlements(): UseEntitlementsResult<FeatureKey, RegisteredHelpers> {
  return useEntitlementsValue() as unknown as UseEntitlementsResult<FeatureKey, RegisteredHelpers>
}

/** @internal Untyped implementation shared with `createEntitlementsHooks`. */
export function useEntitlementsValue(): EntitlementsValue<string> {
  const { client, helpers } = useEntitlementsContext('useEntitlements')
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client])
  const getState = useCallback((): EntitlementsClientState => client.getState(), [client])
  const state = useSyncExternalStore(subscribe, getState, getState)

  const actions = useMemo(
    () => ({
      check: (feature: string, options?: { requested?: number }) => client.check(feature, options),
      value: <T extends ConfigValue>(feature: string, fallback: T): Widen<T> =>
        client.value(feature, fallback as ConfigValue) as Widen<T>,
      refresh: () => client.refresh(),
      reportUsage: (feature: string, amount: number, options?: ReportUsageOptions) =>
        client.reportUsage(feature, amount, options),
      changePlan: (planId: string, options?: ChangePlanOptions) => client.changePlan(planId, options),
    }),
    [client],
  )

  useEffect(() => {
    // Inline (not a shared flag) so that production builds drop the branch and its message (dev.ts).
    try {
      if (process.env.NODE_ENV !== 'production')
        for (const key of baseKeys)
          if (key in helpers) devWarn(`helper "${key}" is ignored: it shadows useEntitlements().${key}.`)
    } catch {}
  }, [helpers])

  return useMemo(() => {
    const value = {
      ...(helpers as Record<string, never>),
      ...actions,
      isLoading: state.status === 'loading' && state.snapshot === undefined,
      isStale: state.isStale,
      error: state.error,
      snapshot: state.snapshot,
      customerId: state.customerId,
      live: state.live ?? 'off',
    }
    // In development, a helper the types promise but this provider was not given fails saying what
    // to pass (`helpers={helpers}`), instead of `… is not a function`. Inline so production drops it.
    try {
      if (process.env.NODE_ENV !== 'production') return reportMissingHelpers(value, Object.keys(helpers))
    } catch {}
    return value
  }, [helpers, actions, state])
}
