// A plan or add-on of the catalog as an `Offer` (what `onSelectPlan`, `onStartTrial` and the upgrade flow take),
// for one picked from a pricing table or a portal rather than found by `plansThatUnlock`.
import type { Addon, AddonOffer, Catalog, Grant, OfferCost, Plan, PlanOffer, Price } from '@entitle/core'

const add = (cost: OfferCost, price: Price | null) => {
  if (!price || price.currency !== cost.currency) return
  if (price.interval === 'month') cost.monthly += price.amount
  else if (price.interval === 'year') cost.yearly += price.amount
  else cost.oneTime += price.amount
}

/**
 * `plan` as an offer: its change keeps the add-ons the customer has that are sold with it (as a plan
 * change does), its cost counts them, and `grant` is the plan's grant for `feature` when one is given.
 */
export function planOffer(
  catalog: Catalog,
  plan: Plan,
  options: {
    currentPlanId?: string | undefined
    currentAddons?: readonly string[]
    feature?: string | undefined
  },
): PlanOffer {
  const kept: Addon[] = catalog.addons.filter(
    (a) => options.currentAddons?.includes(a.id) && a.availableFor.includes(plan.id),
  )
  const salesLed = plan.salesLed === true || plan.price === null
  let cost: OfferCost | null = null
  if (plan.price !== null) {
    cost = { currency: plan.price.currency, monthly: 0, yearly: 0, oneTime: 0 }
    add(cost, plan.price)
    for (const addon of kept) add(cost, addon.price)
  }
  const feature = options.feature
  const grant: Grant =
    feature !== undefined && Object.hasOwn(plan.grants, feature) ? plan.grants[feature]! : { kind: 'boolean' }
  return {
    type: 'plan',
    id: plan.id,
    name: plan.name,
    ...(plan.description === undefined ? {} : { description: plan.description }),
    price: plan.price,
    change: { planId: plan.id, addons: kept.map((a) => a.id) },
    cost,
    monthlyTotal: cost ? cost.monthly + cost.yearly / 12 : null,
    firstYearTotal: cost ? 12 * cost.monthly + cost.yearly + cost.oneTime : null,
    currency: cost?.currency ?? null,
    comparable: cost !== null,
    salesLed,
    ...(plan.contactUrl === undefined ? {} : { contactUrl: plan.contactUrl }),
    grant,
    isCurrent: plan.id === options.currentPlanId,
    trialDays: plan.trialDays,
    addons: [],
  }
}

/** An add-on bought (or removed) on the current plan: the change lists exactly the add-ons wanted. */
export function addonOffer(addon: Addon, planId: string, addons: string[]): AddonOffer {
  const price = addon.price
  const cost =
    price === null
      ? null
      : {
          currency: price.currency,
          monthly: price.interval === 'month' ? price.amount : 0,
          yearly: price.interval === 'year' ? price.amount : 0,
          oneTime: price.interval === 'one_time' ? price.amount : 0,
        }
  return {
    type: 'addon',
    id: addon.id,
    name: addon.name,
    ...(addon.description === undefined ? {} : { description: addon.description }),
    price,
    planId,
    change: { planId, addons },
    cost,
    monthlyTotal: cost ? cost.monthly + cost.yearly / 12 : null,
    firstYearTotal: cost ? 12 * cost.monthly + cost.yearly + cost.oneTime : null,
    currency: cost?.currency ?? null,
    comparable: cost !== null,
    salesLed: addon.salesLed === true || price === null,
    ...(addon.contactUrl === undefined ? {} : { contactUrl: addon.contactUrl }),
    grant: { kind: 'boolean' },
    addonGrant: { kind: 'boolean' },
    isCurrent: false,
  }
}
