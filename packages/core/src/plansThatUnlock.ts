// What a paywall offers: the plans (alone or with add-ons) and add-ons that would grant a request,
// cheapest first. Pure and catalog-only: it never looks at a snapshot, so the server's view of the
// customer stays the one source of truth for checks, and this only answers "what could they buy?".
//
// Grants are combined with the engine's `combineGrants`, the rule every backend applies, so an offer
// never promises a value the server would not grant. Prices are compared honestly: never across
// currencies, and by what the first year costs, so a one-time price is not taken for a monthly one.
import { grantOf, indexCatalog, isSoldWith } from './engine/catalogIndex.js'
import { type Contribution, combineGrants } from './engine/combine.js'
import type { Addon, Catalog, FeatureKind, Grant, Plan, Price } from './types.js'

export interface UnlockOptions {
  /**
   * Metered features: units the customer wants to use (default 1, as in `evaluate()`; `NaN` and
   * negatives count as 0). Config features with numeric values: the smallest value that unlocks, e.g.
   * `30` for "at least 30 days of retention" (default: any value). Ignored for boolean features.
   */
  requested?: number
  /** Units already used (metered features), e.g. `decision.usage`. Default 0. */
  usage?: number
  /**
   * The customer's plan. It is marked `isCurrent` (and listed only if it already unlocks the request),
   * and add-ons are offered on top of it. Without it no add-ons are offered alone: an add-on needs a plan.
   */
  currentPlanId?: string | null
  /**
   * Add-ons the customer already has: added to the current plan's grant (and kept, where they are
   * sold with it, by an offer of another plan), never offered again. Default none.
   */
  currentAddons?: readonly string[]
  /**
   * The customer's currency (ISO 4217): offers in it are ranked first; offers in other currencies are
   * listed after them, grouped by currency and never ranked against it. Default: the current plan's
   * currency, else that of the first priced plan or add-on of the catalog.
   */
  currency?: string
  /** Most add-ons an offer combines with one plan. Default 3. */
  maxAddons?: number
}

/** An add-on an offer buys. */
export interface OfferAddon {
  id: string
  name: string
  price: Price | null
}

/**
 * What the customer would pay after taking an offer, by billing interval, in minor units of one
 * currency: the plan, the add-ons kept with it and the ones the offer buys.
 */
export interface OfferCost {
  currency: string
  /** Billed every month. */
  monthly: number
  /** Billed every year. */
  yearly: number
  /** Paid once. */
  oneTime: number
}

/** What to send to `changePlan(planId, { addons })` to take an offer: the plan and exactly these add-ons. */
export interface OfferChange {
  planId: string
  addons: string[]
}

interface OfferBase {
  id: string
  name: string
  description?: string
  /** The offer's own price, as in the catalog. `null`: "contact us". */
  price: Price | null
  /** The subscription change that takes the offer (see `OfferChange`). */
  change: OfferChange
  /** What the customer would pay after taking it (see `OfferCost`); `null` when a price is "contact us". */
  cost: OfferCost | null
  /** The recurring part of `cost` per month (yearly prices count 1/12, may be fractional; one-time ones not at all). */
  monthlyTotal: number | null
  /** What the first year costs: 12 × monthly + yearly + one-time. Offers are ranked by it. */
  firstYearTotal: number | null
  /** `cost.currency`, or `null` without a cost. */
  currency: string | null
  /**
   * In the customer's currency (see `UnlockOptions.currency`), so ranked against the others. `false`:
   * another currency (listed after, grouped) or no price.
   */
  comparable: boolean
  /**
   * Bought through sales (`salesLed` in the catalog, or no price): a paywall offers "Contact sales",
   * never a subscription change. Listed last.
   */
  salesLed: boolean
  /** The catalog's `contactUrl` of a sales-led offer (`https:` or `mailto:`). */
  contactUrl?: string
  /**
   * What the customer would have for the feature after taking the offer, e.g. `{ kind: 'metered',
   * limit: 15, … }` for "+5 seats" on a 10-seat plan. Render it: "Premium — $49/mo — 10 seats".
   */
  grant: Grant
  /** The customer's current plan (or an add-on they have), which already unlocks the request. */
  isCurrent: boolean
}

export interface PlanOffer extends OfferBase {
  type: 'plan'
  /** Days of free trial a new subscriber gets; 0 = none. */
  trialDays: number
  /**
   * The add-ons bought with the plan, cheapest combination that unlocks (empty when the plan alone
   * does), e.g. Premium + "AI assistant" for `ai-assistant` on Basic.
   */
  addons: OfferAddon[]
}

export interface AddonOffer extends OfferBase {
  type: 'addon'
  /** The plan the add-on is bought with (the current plan). */
  planId: string
  /** The add-on's own grant for the feature, e.g. `limit: 5` of "+5 seats" (`grant` is the total). */
  addonGrant: Grant
}

/** A plan (with the add-ons it needs) or an add-on that would grant the request. */
export type Offer = PlanOffer | AddonOffer

/** Combinations of add-ons tried per plan, at most (subsets of the add-ons that grant the feature). */
const MAX_COMBINATIONS = 512

/**
 * The offers that would grant `feature` (for `usage + requested` units if metered; a value of at
 * least `requested` for a numeric config feature):
 *
 * - each plan that unlocks, alone or with the cheapest combination of the add-ons sold with it (the
 *   current plan counts the add-ons the customer has; another plan keeps those sold with it too, as a
 *   plan change does);
 * - each add-on that unlocks on top of the current plan and the add-ons the customer has.
 *
 * Grants combine as every backend combines them (`combineGrants`): metered limits add up, the larger
 * config value wins. Ranked by `firstYearTotal` within the customer's currency; then other
 * currencies, grouped, each ranked on its own; sales-led offers ("contact us") last. Ties keep
 * catalog order, plans before add-ons. Returns `[]` when nothing in the catalog grants the feature.
 */
export function plansThatUnlock(catalog: Catalog, feature: string, options: UnlockOptions = {}): Offer[] {
  const index = indexCatalog(catalog)
  const kind: FeatureKind | undefined = index.features.get(feature)?.kind
  const requested = options.requested === undefined ? undefined : positive(options.requested)
  const needed = positive(options.usage) + (requested ?? 1)
  const maxAddons = options.maxAddons ?? 3
  const currentPlan =
    options.currentPlanId == null ? undefined : (index.plans.get(options.currentPlanId) ?? undefined)
  const owned = catalog.addons.filter(
    (addon) => options.currentAddons?.includes(addon.id) && isSoldWith(addon, currentPlan),
  )
  const currency =
    options.currency ??
    currentPlan?.price?.currency ??
    [...catalog.plans, ...catalog.addons].find((o) => o.price !== null)?.price?.currency

  /** The combined grant of a plan and add-ons, and whether it covers the request. */
  const judge = (plan: Plan, addons: readonly Addon[]): Grant | undefined => {
    const list: Contribution[] = []
    const add = (source: 'plan' | 'addon', offer: Plan | Addon) => {
      const grant = grantOf(offer, feature)
      // Grants of another kind than the catalog's are ignored, as the engine ignores them.
      if (grant !== undefined && (kind === undefined || grant.kind === kind))
        list.push({ source, grant, expiresAt: null })
    }
    add('plan', plan)
    for (const addon of addons) add('addon', addon)
    const kindOfList = list[0]?.grant.kind
    const grant = combineGrants(list.filter((c) => c.grant.kind === kindOfList))?.grant
    return grant !== undefined && covers(grant, needed, requested) ? grant : undefined
  }

  const offers: Offer[] = []
  for (const plan of catalog.plans) {
    const isCurrent = plan === currentPlan
    const kept = isCurrent ? owned : owned.filter((addon) => isSoldWith(addon, plan))
    let best: { grant: Grant; addons: Addon[]; cost: OfferCost | null } | undefined
    const alone = judge(plan, kept)
    if (alone !== undefined) best = { grant: alone, addons: [], cost: costOf([plan, ...kept]) ?? null }
    else {
      // The add-ons that could help: sold with the plan, not kept already, granting the feature.
      const candidates = catalog.addons.filter(
        (addon) => !kept.includes(addon) && isSoldWith(addon, plan) && grantOf(addon, feature) !== undefined,
      )
      const covering: Addon[][] = []
      for (const combination of combinations(candidates, maxAddons)) {
        // Only minimal combinations: one that holds a smaller covering one is never cheaper.
        if (covering.some((smaller) => smaller.every((addon) => combination.includes(addon)))) continue
        const grant = judge(plan, [...kept, ...combination])
        if (grant === undefined) continue
        covering.push(combination)
        // A single add-on on the current plan is an add-on offer of its own (below).
        if (isCurrent && combination.length === 1) continue
        const cost = costOf([plan, ...kept, ...combination])
        if (cost === undefined) continue // currencies that cannot be added up
        if (best === undefined || cheaper(cost, best.cost)) best = { grant, addons: combination, cost }
      }
    }
    if (best === undefined) continue
    offers.push({
      type: 'plan',
      ...describe(plan),
      ...priced(best.cost, currency),
      ...sales(plan),
      change: { planId: plan.id, addons: [...kept, ...best.addons].map((a) => a.id) },
      addons: best.addons.map((a) => ({ id: a.id, name: a.name, price: a.price })),
      grant: best.grant,
      isCurrent: isCurrent && best.addons.length === 0,
      trialDays: plan.trialDays,
    })
  }

  if (currentPlan !== undefined) {
    for (const addon of catalog.addons) {
      const addonGrant = grantOf(addon, feature)
      if (addonGrant === undefined || owned.includes(addon) || !isSoldWith(addon, currentPlan)) continue
      const grant = judge(currentPlan, [...owned, addon])
      const cost = costOf([currentPlan, ...owned, addon])
      if (grant === undefined || cost === undefined) continue
      offers.push({
        type: 'addon',
        ...describe(addon),
        ...priced(cost, currency),
        ...sales(addon),
        change: { planId: currentPlan.id, addons: [...owned, addon].map((a) => a.id) },
        grant,
        isCurrent: false,
        planId: currentPlan.id,
        addonGrant,
      })
    }
  }

  return rank(offers)
}

/** Ranked: the customer's currency by first-year cost, then each other currency apart, then sales-led. */
function rank(offers: Offer[]): Offer[] {
  const group = (o: Offer) => (o.salesLed ? '~' : o.comparable ? '' : (o.currency ?? '~'))
  const place = (g: string) => (g === '' ? 0 : g === '~' ? 2 : 1)
  // Other currencies in the order they first appear (a stable sort keeps it).
  const groups = [...new Set(offers.map(group))].sort((a, b) => place(a) - place(b))
  // Array.prototype.sort is stable: equal totals keep catalog order (plans first).
  return offers.sort(
    (a, b) =>
      groups.indexOf(group(a)) - groups.indexOf(group(b)) ||
      (a.firstYearTotal ?? Infinity) - (b.firstYearTotal ?? Infinity),
  )
}

function describe(offer: Plan | Addon): {
  id: string
  name: string
  description?: string
  price: Price | null
} {
  return {
    id: offer.id,
    name: offer.name,
    ...(offer.description === undefined ? {} : { description: offer.description }),
    price: offer.price,
  }
}

function sales(offer: Plan | Addon): { salesLed: boolean; contactUrl?: string } {
  return {
    salesLed: offer.salesLed === true || offer.price === null,
    ...(offer.contactUrl === undefined ? {} : { contactUrl: offer.contactUrl }),
  }
}

function priced(
  cost: OfferCost | null,
  currency: string | undefined,
): Pick<OfferBase, 'cost' | 'monthlyTotal' | 'firstYearTotal' | 'currency' | 'comparable'> {
  if (cost === null)
    return { cost, monthlyTotal: null, firstYearTotal: null, currency: null, comparable: false }
  return {
    cost,
    monthlyTotal: cost.monthly + cost.yearly / 12,
    firstYearTotal: firstYear(cost),
    currency: cost.currency,
    comparable: cost.currency === currency,
  }
}

/**
 * What a set of plan and add-ons costs together: `null` when a price is "contact us", `undefined`
 * when their currencies differ (nothing charges two currencies at once). A price of 0 is free in any
 * currency.
 */
function costOf(offers: readonly (Plan | Addon)[]): OfferCost | null | undefined {
  const cost: OfferCost = { currency: '', monthly: 0, yearly: 0, oneTime: 0 }
  for (const { price } of offers) {
    if (price === null) return null
    if (price.amount === 0) continue
    if (cost.currency !== '' && cost.currency !== price.currency) return undefined
    cost.currency = price.currency
    if (price.interval === 'month') cost.monthly += price.amount
    else if (price.interval === 'year') cost.yearly += price.amount
    else cost.oneTime += price.amount
  }
  if (cost.currency === '') cost.currency = offers.find((o) => o.price !== null)?.price?.currency ?? ''
  return cost
}

function firstYear(cost: OfferCost): number {
  return 12 * cost.monthly + cost.yearly + cost.oneTime
}

/** Whether `a` is cheaper than `b` (a priced cost beats "contact us"). */
function cheaper(a: OfferCost | null, b: OfferCost | null): boolean {
  if (a === null) return false
  return b === null || firstYear(a) < firstYear(b)
}

/** Non-empty subsets of `items` of at most `max` members, smaller ones first, in catalog order. */
function* combinations<T>(items: readonly T[], max: number): Generator<T[]> {
  let tried = 0
  for (let size = 1; size <= Math.min(max, items.length); size++) {
    const pick = (start: number, chosen: T[]): T[][] => {
      if (chosen.length === size) return [chosen]
      const out: T[][] = []
      for (let i = start; i < items.length; i++) out.push(...pick(i + 1, [...chosen, items[i] as T]))
      return out
    }
    for (const combination of pick(0, [])) {
      if (++tried > MAX_COMBINATIONS) return
      yield combination
    }
  }
}

/** `NaN`, negatives and missing count as 0. */
function positive(n: number | undefined): number {
  return n !== undefined && n > 0 ? n : 0
}

/** Whether a combined grant covers `needed` metered units, or a config value of at least `minimum`. */
function covers(grant: Grant, needed: number, minimum: number | undefined): boolean {
  if (grant.kind === 'metered') return grant.limit === null || needed <= grant.limit
  if (grant.kind === 'config' && minimum !== undefined && typeof grant.value === 'number')
    return grant.value >= minimum
  return true
}
