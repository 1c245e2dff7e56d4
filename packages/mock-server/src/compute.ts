// Sources → snapshot. The combination rules are written down in the package README
// ("How entitlements combine"); keep the two in step.
import type {
  Addon,
  Catalog,
  ConfigValue,
  Entitlement,
  EntitlementsSnapshot,
  Feature,
  Grant,
  GrantSource,
  Plan,
} from '@entitle/core'
import { nextPeriodStart, periodStart } from './periods.js'
import type { CustomerRecord, UsageRecord } from './state.js'

/** One source's grant of one feature, active at the instant computed. */
export interface Contribution {
  source: GrantSource
  grant: Grant
  /** Epoch ms when this source stops granting; `null` = never. */
  expiresAt: number | null
}

/** Specificity of a source: the most specific one is reported when several decide a value. */
export const SOURCE_RANK: Readonly<Record<GrantSource, number>> = {
  plan: 1,
  addon: 2,
  trial: 3,
  promotion: 4,
  override: 5,
}

interface CatalogIndex {
  features: Map<string, Feature>
  plans: Map<string, Plan>
  addons: Map<string, Addon>
}

// Catalogs are immutable once loaded, so their lookup maps are built once per object.
const indexes = new WeakMap<Catalog, CatalogIndex>()

/** Lookup maps of a catalog (cached per catalog object). */
export function indexCatalog(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog)
  if (!index) {
    index = {
      features: new Map(catalog.features.map((f) => [f.id, f])),
      plans: new Map(catalog.plans.map((p) => [p.id, p])),
      addons: new Map(catalog.addons.map((a) => [a.id, a])),
    }
    indexes.set(catalog, index)
  }
  return index
}

const toIso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString())

/** Latest expiry of a set of contributions (`null` when any of them never expires). */
function latestExpiry(list: readonly Contribution[]): number | null {
  let latest = Number.NEGATIVE_INFINITY
  for (const c of list) {
    if (c.expiresAt === null) return null
    if (c.expiresAt > latest) latest = c.expiresAt
  }
  return latest
}

/**
 * The source reported for a value decided by `list`: the one that keeps it longest (so a feature
 * the plan also grants is not shown as "ending with the trial"), then the most specific.
 */
function reportedSource(list: readonly Contribution[]): GrantSource {
  let best: Contribution | undefined
  for (const c of list) {
    if (!best) {
      best = c
      continue
    }
    const ce = c.expiresAt ?? Number.POSITIVE_INFINITY
    const be = best.expiresAt ?? Number.POSITIVE_INFINITY
    if (ce > be || (ce === be && SOURCE_RANK[c.source] > SOURCE_RANK[best.source])) best = c
  }
  return best?.source ?? 'plan'
}

/** Orders config values: numbers and booleans by size (true > false); anything else compares equal. */
function compareConfig(a: ConfigValue, b: ConfigValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  return 0
}

/** The combined grant of one feature, or `undefined` when nothing grants it. */
export interface CombinedGrant {
  grant: Grant
  source: GrantSource
  expiresAt: number | null
}

/**
 * Combines the contributions of one feature (all of the feature's kind, overrides excluded):
 * - boolean: granted when any source grants it;
 * - config: the larger value wins (numbers, booleans); otherwise the most specific source's value;
 * - metered: the largest limit among plan, trial, promotion and Stripe grants, plus every add-on's
 *   limit on top; unlimited (`null`) wins over any number.
 */
export function combine(list: readonly Contribution[]): CombinedGrant | undefined {
  const first = list[0]
  if (!first) return undefined
  const expiresAt = latestExpiry(list)
  switch (first.grant.kind) {
    case 'boolean':
      return { grant: { kind: 'boolean' }, source: reportedSource(list), expiresAt }
    case 'config': {
      let winner = first
      for (const c of list) {
        if (c.grant.kind !== 'config' || winner.grant.kind !== 'config') continue
        const cmp = compareConfig(c.grant.value, winner.grant.value)
        if (cmp > 0 || (cmp === 0 && SOURCE_RANK[c.source] > SOURCE_RANK[winner.source])) winner = c
      }
      const value = winner.grant.kind === 'config' ? winner.grant.value : 0
      const deciding = list.filter((c) => c.grant.kind === 'config' && c.grant.value === value)
      return { grant: { kind: 'config', value }, source: reportedSource(deciding), expiresAt }
    }
    case 'metered': {
      const meters = list.flatMap((c) => (c.grant.kind === 'metered' ? [{ c, g: c.grant }] : []))
      const bases = meters.filter((m) => m.c.source !== 'addon')
      const addons = meters.filter((m) => m.c.source === 'addon')
      // The meter's shape (enforcement, reset period) is the base grant's: add-ons top it up.
      let shape = bases[0] ?? addons[0]
      for (const m of bases) {
        if (!shape || (shape.g.limit !== null && (m.g.limit === null || m.g.limit > shape.g.limit))) shape = m
      }
      if (!shape) return undefined
      const unlimited = meters.filter((m) => m.g.limit === null)
      let limit: number | null
      let deciding: Contribution[]
      if (unlimited.length > 0) {
        limit = null
        deciding = unlimited.map((m) => m.c)
      } else {
        const baseLimit = bases.reduce((max, m) => Math.max(max, m.g.limit ?? 0), 0)
        limit = baseLimit + addons.reduce((sum, m) => sum + (m.g.limit ?? 0), 0)
        deciding = [...bases.filter((m) => m.g.limit === baseLimit), ...addons].map((m) => m.c)
      }
      return {
        grant: { kind: 'metered', limit, enforcement: shape.g.enforcement, resetPeriod: shape.g.resetPeriod },
        source: reportedSource(deciding),
        expiresAt,
      }
    }
  }
}

/** Usage of a meter in the period containing `now` (0 after a reset: usage resets lazily). */
export function currentUsage(record: UsageRecord | undefined, grant: Grant, now: number): number {
  if (!record || grant.kind !== 'metered') return 0
  if (record.period !== grant.resetPeriod) return 0
  if (grant.resetPeriod === null) return record.used
  return record.periodStart === periodStart(grant.resetPeriod, now) ? record.used : 0
}

/** The wire entitlement of a combined grant. */
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
      }
  }
}

/**
 * The grant a Stripe-managed feature gets: Stripe only says "granted", so boolean features are
 * granted as such and config/metered features take a plan's grant from the catalog: `planId`'s
 * when it grants the feature, else the first plan that does (catalogs list plans cheapest first,
 * so an unknown limit errs on the small side).
 */
export function stripeGrantFor(
  catalog: Catalog,
  featureId: string,
  planId?: string | null,
): Grant | undefined {
  const index = indexCatalog(catalog)
  const feature = index.features.get(featureId)
  if (!feature) return undefined
  if (feature.kind === 'boolean') return { kind: 'boolean' }
  const own = planId ? index.plans.get(planId)?.grants[featureId] : undefined
  if (own?.kind === feature.kind) return own
  for (const plan of catalog.plans) {
    const g = plan.grants[featureId]
    if (g?.kind === feature.kind) return g
  }
  return undefined
}

/** A computed snapshot (without `version`/`generatedAt`) and the next instant it changes by itself. */
export interface ComputedEntitlements {
  plan: EntitlementsSnapshot['plan']
  /** The add-ons in effect (sold with the plan), in the order bought: the snapshot's `addons`. */
  addons: NonNullable<EntitlementsSnapshot['addons']>
  trialEndsAt: string | null
  entitlements: Record<string, Entitlement>
  /** Epoch ms of the next expiry or period reset; `Infinity` when none. */
  nextChangeAt: number
}

/** Computes one customer's entitlements at `now` from every source. */
export function computeEntitlements(
  catalog: Catalog,
  customer: CustomerRecord,
  now: number,
): ComputedEntitlements {
  const index = indexCatalog(catalog)
  const byFeature = new Map<string, Contribution[]>()
  const overrides = new Map<string, CustomerRecord['overrides'][number]>()
  let nextChangeAt = Number.POSITIVE_INFINITY
  const ends = (t: number | null): boolean => {
    if (t === null) return false
    if (t <= now) return true
    if (t < nextChangeAt) nextChangeAt = t
    return false
  }
  const add = (source: GrantSource, featureId: string, grant: Grant, expiresAt: number | null): void => {
    // The catalog is the truth about a feature's kind: a grant of another kind is ignored.
    if (index.features.get(featureId)?.kind !== grant.kind) return
    const list = byFeature.get(featureId)
    if (list) list.push({ source, grant, expiresAt })
    else byFeature.set(featureId, [{ source, grant, expiresAt }])
  }
  const addAll = (source: GrantSource, grants: Record<string, Grant>, expiresAt: number | null): void => {
    for (const id in grants) {
      const g = grants[id]
      if (g) add(source, id, g, expiresAt)
    }
  }

  const plan = customer.planId ? index.plans.get(customer.planId) : undefined
  if (plan) addAll('plan', plan.grants, null)
  for (const id of customer.stripe.features) {
    const g = stripeGrantFor(catalog, id, customer.planId)
    if (g) add('plan', id, g, null)
  }
  const addons: ComputedEntitlements['addons'] = []
  for (const id of customer.addons) {
    const addon = index.addons.get(id)
    // An add-on counts only with a plan it is sold for (and only then is it reported as owned).
    if (addon && plan && addon.availableFor.includes(plan.id)) {
      addAll('addon', addon.grants, null)
      addons.push({ id: addon.id, name: addon.name })
    }
  }
  const trial = customer.trial
  const trialPlan = trial && !ends(trial.endsAt) ? index.plans.get(trial.planId) : undefined
  if (trial && trialPlan) addAll('trial', trialPlan.grants, trial.endsAt)
  for (const p of customer.promotions) {
    if (!ends(p.endsAt)) add('promotion', p.feature, p.grant, p.endsAt)
  }
  for (const o of customer.overrides) {
    if (!ends(o.endsAt) && index.features.has(o.feature)) overrides.set(o.feature, o)
  }

  const entitlements: Record<string, Entitlement> = {}
  // Catalog order keeps the JSON stable, so equal content serializes equally (see store versions).
  for (const feature of catalog.features) {
    const list = byFeature.get(feature.id) ?? []
    let combined = combine(list)
    const override = overrides.get(feature.id)
    if (override) {
      if (override.grant === null || override.grant.kind !== feature.kind) continue
      const own: Contribution = { source: 'override', grant: override.grant, expiresAt: override.endsAt }
      combined = { grant: override.grant, source: 'override', expiresAt: latestExpiry([own, ...list]) }
    }
    if (!combined) continue
    const usage = currentUsage(customer.usage[feature.id], combined.grant, now)
    const entitlement = toEntitlement(combined, usage, now)
    if (entitlement.kind === 'metered' && entitlement.resetsAt) {
      const t = Date.parse(entitlement.resetsAt)
      if (t < nextChangeAt) nextChangeAt = t
    }
    entitlements[feature.id] = entitlement
  }

  return {
    plan: plan ? { id: plan.id, name: plan.name } : null,
    addons,
    trialEndsAt: trial && trialPlan ? toIso(trial.endsAt) : null,
    entitlements,
    nextChangeAt,
  }
}
