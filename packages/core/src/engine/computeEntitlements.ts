// Sources → entitlements: what a customer is entitled to at an instant, from their subscription,
// add-ons, trial, promotions, overrides, Stripe grants and usage.
import { nextPeriodStart, periodStart } from '../periods.js'
import type {
  Catalog,
  Entitlement,
  EntitlementsSnapshot,
  Grant,
  GrantSource,
  MeteredEntitlement,
  SubscriptionInfo,
} from '../types.js'
import { grantOf, indexCatalog, isSoldWith } from './catalogIndex.js'
import { type CombinedGrant, type Contribution, combineGrants, latestExpiry } from './combine.js'
import type { CustomerState, CustomerUsage, UsageRecord } from './customerState.js'
import { setOwn, usageRecordOf } from './customerState.js'
import {
  effectiveState,
  isUnpaid,
  nextLifecycleChange,
  planGrantsFor,
  subscriptionInfo,
} from './lifecycle.js'

/** One customer's entitlements at an instant: a snapshot without its identity and version. */
export interface ComputedEntitlements {
  plan: EntitlementsSnapshot['plan']
  /** The add-ons in effect (sold with the plan), in the order bought. */
  addons: NonNullable<EntitlementsSnapshot['addons']>
  trialEndsAt: string | null
  /** The subscription's lifecycle (status, period end, grace period, a scheduled change). */
  subscription: SubscriptionInfo
  entitlements: Record<string, Entitlement>
  /** Epoch ms of the next instant this changes by itself (an end, a period reset); `Infinity`: never. */
  nextChangeAt: number
}

const toIso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString())

/**
 * The grant a Stripe-managed feature gets. Stripe only says "granted", so a boolean feature is
 * granted as such, and a config or metered feature takes a plan's grant from the catalog: `planId`'s
 * when it grants the feature, else the first plan's that does (catalogs list plans cheapest first,
 * so an unknown limit errs on the small side).
 */
export function stripeGrantFor(catalog: Catalog, feature: string, planId?: string | null): Grant | undefined {
  const index = indexCatalog(catalog)
  const info = index.features.get(feature)
  if (info === undefined) return undefined
  if (info.kind === 'boolean') return { kind: 'boolean' }
  const own = planId ? grantOf(index.plans.get(planId), feature) : undefined
  if (own?.kind === info.kind) return own
  for (const plan of catalog.plans) {
    const grant = grantOf(plan, feature)
    if (grant?.kind === info.kind) return grant
  }
  return undefined
}

/**
 * Usage of a meter shaped like `grant` in the period that contains `now`: the record's count while
 * it belongs to that period, else 0 (usage resets lazily: nothing to schedule).
 */
export function currentUsage(record: UsageRecord | undefined, grant: Grant, now: number): number {
  if (record === undefined || grant.kind !== 'metered' || record.period !== grant.resetPeriod) return 0
  if (grant.resetPeriod === null) return record.used
  return record.periodStart === periodStart(grant.resetPeriod, now) ? record.used : 0
}

/** The wire entitlement of a combined grant with `usage` used, at `now`. */
export function toEntitlement(combined: CombinedGrant, usage: number, now: number): Entitlement {
  const { grant, source } = combined
  const expiresAt = toIso(combined.expiresAt)
  switch (grant.kind) {
    case 'boolean':
      return { kind: 'boolean', source, expiresAt }
    case 'config':
      return { kind: 'config', value: grant.value, source, expiresAt }
    case 'metered':
      return {
        kind: 'metered',
        usage,
        limit: grant.limit,
        enforcement: grant.enforcement,
        resetPeriod: grant.resetPeriod,
        resetsAt: grant.resetPeriod ? toIso(nextPeriodStart(grant.resetPeriod, now)) : null,
        source,
        expiresAt,
      } satisfies MeteredEntitlement
  }
}

/**
 * Combines every source of every catalog feature for one customer at `now` (see `combineGrants`):
 * - `plan`: the plan's grants (the terms bought, for a grandfathered plan version; none once a grace
 *   period ended unpaid) and the features Stripe grants; a change scheduled for an instant that has
 *   come is in effect;
 * - `addon`: each add-on sold with the plan (others do not count, and are not listed);
 * - `trial`: the trial plan's grants until the trial ends;
 * - `promotion`: one feature each, until its end;
 * - `override`: replaces whatever the others give for its feature (`grant: null` revokes it).
 * Grants whose kind is not the catalog's kind for the feature are ignored; ended ones are dropped.
 * Entitlements are listed in catalog order, so equal content serializes equally.
 */
export function computeEntitlements(
  catalog: Catalog,
  stored: CustomerState,
  usage: CustomerUsage,
  now: number,
): ComputedEntitlements {
  const index = indexCatalog(catalog)
  // A change scheduled for an instant that has come is in effect (lifecycle.ts).
  const state = effectiveState(catalog, stored, now)
  const unpaid = isUnpaid(state, now)
  const byFeature = new Map<string, Contribution[]>()
  const overrides = new Map<string, CustomerState['overrides'][number]>()
  let nextChangeAt = nextLifecycleChange(state, now)
  const ended = (endsAt: number | null): boolean => {
    if (endsAt === null) return false
    if (endsAt <= now) return true
    if (endsAt < nextChangeAt) nextChangeAt = endsAt
    return false
  }
  const add = (source: GrantSource, feature: string, grant: Grant, expiresAt: number | null): void => {
    if (index.features.get(feature)?.kind !== grant.kind) return
    const list = byFeature.get(feature)
    if (list) list.push({ source, grant, expiresAt })
    else byFeature.set(feature, [{ source, grant, expiresAt }])
  }
  const addAll = (source: GrantSource, grants: Record<string, Grant>, expiresAt: number | null): void => {
    for (const feature of Object.keys(grants)) {
      const grant = grants[feature]
      if (grant) add(source, feature, grant, expiresAt)
    }
  }

  const plan = state.planId === null ? undefined : index.plans.get(state.planId)
  // A grace period that ended unpaid takes the plan's (and its add-ons') entitlements away.
  if (plan && !unpaid) addAll('plan', planGrantsFor(plan, state), null)
  for (const feature of state.stripe.features) {
    const grant = stripeGrantFor(catalog, feature, state.planId)
    if (grant) add('plan', feature, grant, null)
  }
  const addons: ComputedEntitlements['addons'] = []
  for (const id of state.addons) {
    const addon = index.addons.get(id)
    if (addon && !unpaid && isSoldWith(addon, plan)) {
      addAll('addon', addon.grants, null)
      addons.push({ id: addon.id, name: addon.name })
    }
  }
  const trial = state.trial
  const trialPlan = trial && !ended(trial.endsAt) ? index.plans.get(trial.planId) : undefined
  if (trial && trialPlan) addAll('trial', trialPlan.grants, trial.endsAt)
  for (const promotion of state.promotions) {
    if (!ended(promotion.endsAt)) add('promotion', promotion.feature, promotion.grant, promotion.endsAt)
  }
  for (const override of state.overrides) {
    if (!ended(override.endsAt) && index.features.has(override.feature))
      overrides.set(override.feature, override)
  }

  const entitlements: Record<string, Entitlement> = {}
  for (const feature of catalog.features) {
    const list = byFeature.get(feature.id) ?? []
    let combined = combineGrants(list)
    const override = overrides.get(feature.id)
    if (override) {
      if (override.grant === null || override.grant.kind !== feature.kind) continue
      const own: Contribution = { source: 'override', grant: override.grant, expiresAt: override.endsAt }
      combined = { grant: override.grant, source: 'override', expiresAt: latestExpiry([own, ...list]) }
    }
    if (!combined) continue
    const used = currentUsage(usageRecordOf(usage, feature.id), combined.grant, now)
    const entitlement = toEntitlement(combined, used, now)
    if (entitlement.kind === 'metered' && entitlement.resetsAt) {
      const resetsAt = Date.parse(entitlement.resetsAt)
      if (resetsAt < nextChangeAt) nextChangeAt = resetsAt
    }
    setOwn(entitlements, feature.id, entitlement)
  }

  return {
    plan: plan ? { id: plan.id, name: plan.name } : null,
    addons,
    trialEndsAt: trial && trialPlan ? toIso(trial.endsAt) : null,
    subscription: subscriptionInfo(catalog, state, now),
    entitlements,
    nextChangeAt,
  }
}
