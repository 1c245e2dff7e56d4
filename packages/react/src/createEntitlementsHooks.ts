'use client'
import type { Decision, EntitlementsClient } from '@entitle/core'
import { useEntitlementsClient } from './context.js'
import type { HelpersDefinition, HelpersShape, NoHelpers } from './helpers.js'
import { type AccessOptions, type AccessResult, useAccess } from './useAccess.js'
import { type UseEntitlementOptions, useEntitlement } from './useEntitlement.js'
import { type UseEntitlementsResult, useEntitlementsValue } from './useEntitlements.js'
import { type UseReportUsageResult, useReportUsage } from './useReportUsage.js'

/** The hooks of `createEntitlementsHooks<F, H>()`, typed by your feature keys `F` and helpers `H`. */
export interface EntitlementsHooks<F extends string, H extends HelpersShape> {
  useEntitlement(feature: F, options?: UseEntitlementOptions): Decision
  useEntitlements(): UseEntitlementsResult<F, H>
  useReportUsage(feature: F): UseReportUsageResult
  useAccess(options: AccessOptions<F>): AccessResult
  useEntitlementsClient(): EntitlementsClient<F>
  /** `defineHelpers`, with `check` typed by `F`. */
  defineHelpers<D extends HelpersShape>(definition: HelpersDefinition<D, F>): HelpersDefinition<D, F>
}

/**
 * The same hooks, typed without a global `Register` augmentation: handy for libraries, or for apps
 * with several catalogs. Returns the very same functions (no runtime cost).
 *
 * ```ts
 * type Feature = FeatureIdsOf<typeof catalog>
 * export const helpers = defineHelpers((check: CheckFn<Feature>) => ({ canInviteMembers: (n: number) => … }))
 * export const { useEntitlement, useEntitlements } = createEntitlementsHooks<Feature, HelpersOf<typeof helpers>>()
 * ```
 */
export function createEntitlementsHooks<
  F extends string,
  H extends HelpersShape = NoHelpers,
>(): EntitlementsHooks<F, H> {
  return {
    // The same functions; only their parameter types narrow from FeatureKey to F.
    useEntitlement: useEntitlement as unknown as EntitlementsHooks<F, H>['useEntitlement'],
    useEntitlements: useEntitlementsValue as unknown as () => UseEntitlementsResult<F, H>,
    useReportUsage: useReportUsage as unknown as EntitlementsHooks<F, H>['useReportUsage'],
    useAccess: useAccess as unknown as EntitlementsHooks<F, H>['useAccess'],
    useEntitlementsClient: useEntitlementsClient as () => EntitlementsClient<F>,
    defineHelpers: (definition) => definition,
  }
}
