// What a paywall offers: the plans and add-ons that would grant a request, cheapest first.
// Pure and catalog-only: it never looks at a snapshot, so the server's view of the customer stays the
// one source of truth for checks, and this only answers "what could they buy?".
import { grantOf, isSoldWith } from './engine/catalogIndex.js'
import { type Contribution, combineGrants } from './engine/combine.js'
import type { Catalog, Grant, Price } from './types.js'

export interface UnlockOptions {
  /**
   * Units the customer wants to use (metered features). Default 1, as in `evaluate()`; `NaN` and
   * negatives count as 0. Ignored for boolean and config features.
   */
  requested?: number
  /** Units already used (metered features), e.g. `decision.usage`. Default 0. */
  usage?: number
  /**
   * The customer's plan. It is marked `isCurrent` (and listed only if it already unlocks the request),
   * and add-ons are offered on top of it. Without it no add-ons are offered: an add-on needs a plan.
   */
  currentPlanId?: string | null
  /** Add-ons the customer already has: added to the current plan's grant, never offered again. Default none. */
  currentAddons?: readonly string[]
}

interface OfferBase {
  id: string
  name: string
  description?: string
  /** The offer's own price, as in the catalog. `null`: "contact us". */
  price: Price | null
  /**
   * What the customer would pay per month after taking the offer, in minor units: the plan's price,
   * or for an add-on the current plan's plus the add-ons they have plus this one. Yearly prices count
   * as 1/12 (may be fractional), one-time prices in full. `null` when a price is "contact us".
   * Offers are sorted by it.
   */
  monthlyTotal: number | null
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
}

export interface AddonOffer extends OfferBase {
  type: 'addon'
  /** The plan the add-on is bought with (the current plan). */
  planId: string
  /** The add-on's own grant for the feature, e.g. `limit: 5` of "+5 seats" (`grant` is the total). */
  addonGrant: Grant
}

/** A plan or add-on that would grant the request. */
export type Offer = PlanOffer | AddonOffer

/**
 * The plans and add-ons that would grant `feature` (for `usage + requested` units, if metered),
 * cheapest first by `monthlyTotal`, "contact us" last; ties keep catalog order, plans before add-ons.
 *
 * - A plan unlocks when its own grant covers the request (metered: `limit` null or
 *   `usage + requested <= limit`; the enforcement does not matter: a paywall sells headroom). The
 *   current plan counts the add-ons the customer has; other plans are judged alone, since a plan
 *   change picks its add-ons anew.
 * - An add-on unlocks when it is available for the current plan, not already owned, and the current
 *   plan's grant plus owned add-ons plus it covers the request, combined as every backend combines
 *   them (`combineGrants`): metered limits add up, the larger config value wins.
 *
 * Returns `[]` when nothing in the catalog grants the feature.
 */
export function plansThatUnlock(catalog: Catalog, feature: string, options: UnlockOptions = {}): Offer[] {
  const requested = options.requested === undefined ? 1 : positive(options.requested)
  const usage = positive(options.usage)
  const needed = usage + requested
  const currentPlan = catalog.plans.find((plan) => plan.id === options.currentPlanId)
  const owned = catalog.addons.filter(
    (addon) => options.currentAddons?.includes(addon.id) && isSoldWith(addon, currentPlan),
  )

  // The current subscription: the plan, plus what the owned add-ons grant and cost.
  const current: Contribution[] = []
  const planGrant = grantOf(currentPlan, feature)
  if (planGrant !== undefined) current.push({ source: 'plan', grant: planGrant, expiresAt: null })
  let currentMonthly = currentPlan === undefined ? null : monthly(currentPlan.price)
  for (const addon of owned) {
    const addonGrant = grantOf(addon, feature)
    if (addonGrant !== undefined) current.push({ source: 'addon', grant: addonGrant, expiresAt: null })
    currentMonthly = add(currentMonthly, monthly(addon.price))
  }
  const currentGrant = combined(current)

  const offers: Offer[] = []
  for (const plan of catalog.plans) {
    const isCurrent = plan === currentPlan
    const grant = isCurrent ? currentGrant : grantOf(plan, feature)
    if (grant === undefined || !covers(grant, needed)) continue
    offers.push({
      type: 'plan',
      id: plan.id,
      name: plan.name,
      ...(plan.description === undefined ? {} : { description: plan.description }),
      price: plan.price,
      monthlyTotal: isCurrent ? currentMonthly : monthly(plan.price),
      grant,
      isCurrent,
      trialDays: plan.trialDays,
    })
  }

  if (currentPlan !== undefined) {
    for (const addon of catalog.addons) {
      const addonGrant = grantOf(addon, feature)
      if (addonGrant === undefined || owned.includes(addon) || !isSoldWith(addon, currentPlan)) continue
      const grant = combined([...current, { source: 'addon', grant: addonGrant, expiresAt: null }])
      if (grant === undefined || !covers(grant, needed)) continue
      offers.push({
        type: 'addon',
        id: addon.id,
        name: addon.name,
        ...(addon.description === undefined ? {} : { description: addon.description }),
        price: addon.price,
        monthlyTotal: add(currentMonthly, monthly(addon.price)),
        grant,
        isCurrent: false,
        planId: currentPlan.id,
        addonGrant,
      })
    }
  }

  // Array.prototype.sort is stable: equal totals keep catalog order (plans first).
  return offers.sort((a, b) => (a.monthlyTotal ?? Infinity) - (b.monthlyTotal ?? Infinity))
}

/** `NaN`, negatives and missing count as 0. */
function positive(n: number | undefined): number {
  return n !== undefined && n > 0 ? n : 0
}

function covers(grant: Grant, needed: number): boolean {
  return grant.kind !== 'metered' || grant.limit === null || needed <= grant.limit
}

/** What a set of grants amounts to, by the backends' combination rule (grants of another kind than the first dropped). */
function combined(list: Contribution[]): Grant | undefined {
  const kind = list[0]?.grant.kind
  return combineGrants(list.filter((c) => c.grant.kind === kind))?.grant
}

function monthly(price: Price | null): number | null {
  if (price === null) return null
  return price.interval === 'year' ? price.amount / 12 : price.amount
}

function add(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b
}
