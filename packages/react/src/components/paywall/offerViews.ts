// What a paywall offers, as a pure function of the catalog, the customer and the strings: the
// offers of `plansThatUnlock` with their names, prices, grants, buttons and badges, and the current
// plan's card. No React: the paywall's hook memoizes it, tests call it directly.
import { type Catalog, type Grant, type Offer, plansThatUnlock } from '@entitle/core'
import type { Formatter } from '../i18n.js'

/** One offer as the paywall shows it. */
export interface PaywallOfferView {
  /** What `plansThatUnlock` returned; passed to `onUpgrade`. */
  offer: Offer
  /** Its name: "Premium", or "Premium + AI assistant" for a plan with the add-ons it needs. */
  name: string
  /**
   * The button: "Upgrade to Premium" / "Add +5 seats"; "Contact sales" for a sales-led offer; "Ask an
   * admin to upgrade to Premium" for a member who may not manage billing.
   */
  action: string
  /** What the action does: buy it, contact sales, or ask an admin. */
  kind: 'upgrade' | 'contact-sales' | 'ask-admin'
  /** "$49.00 / month" (the total for a plan with add-ons), or "Contact us". */
  price: string
  /** What the customer would have for this feature: "10 seats", "Unlimited seats", "Includes AI assistant". */
  grants: string
  /** The cheapest offer in the customer's currency (highlighted). */
  isCheapest: boolean
  /**
   * "Start 14-day free trial" for a plan with `trialDays > 0`; `null` when no trial is offered
   * (add-ons, the current plan, sales-led plans, members who may not buy, `showTrials={false}`, or
   * while a trial is running).
   */
  trial: string | null
}

/** A card of the paywall's list: an offer, or the customer's current plan (nothing to buy). */
export interface PaywallItem {
  /** The offer; `null` on the current plan's card. */
  view: PaywallOfferView | null
  name: string
  /** `null` when the catalog does not list the current plan. */
  price: string | null
  grants: string | null
  description: string | undefined
  /** The badge the card wears: the customer's current plan, or the cheapest offer. */
  badge: 'current' | 'cheapest' | null
}

export interface OfferViewsInput {
  /** The blocked feature's id, and its name and unit from the catalog. */
  feature: string
  featureName: string
  unit: string | undefined
  requested: number | undefined
  /** The decision's usage of a metered feature. */
  usage: number | undefined
  /** The customer's plan (`snapshot.plan`), when known. */
  currentPlan: { id: string; name: string } | undefined
  /** Add-ons owned: never offered again, kept when another is bought. */
  ownedAddons: readonly string[]
  /** Whether the user may buy; if not, every offer is "Ask an admin". */
  canManageBilling: boolean
  /** Offer free trials (`showTrials`, and no trial running). */
  trials: boolean
}

/** The paywall's offers (cheapest first) and, when the current plan is not one of them, its card. */
export interface OfferViews {
  offers: PaywallOfferView[]
  current: PaywallItem | null
}

/** "Premium + AI assistant" for a plan with the add-ons it needs; on the current plan, the add-ons alone. */
export function offerName(offer: Offer, currentPlanId: string | undefined, f: Formatter): string {
  const added = offer.type === 'plan' ? offer.addons.map((a) => a.name) : []
  if (added.length === 0) return offer.name
  return offer.id === currentPlanId
    ? f.t.withAddons(added[0] ?? '', added.slice(1))
    : f.t.withAddons(offer.name, added)
}

/** What a grant gives of the feature: "10 seats", "Unlimited seats", "Includes AI assistant", "Not included". */
function grantText(grant: Grant | undefined, input: OfferViewsInput, f: Formatter): string {
  const { t } = f
  if (grant === undefined) return t.notIncluded
  if (grant.kind !== 'metered') return t.includes(input.featureName)
  return t.grants(grant.limit === null ? null : f.number(grant.limit), f.unit(input.unit, grant.limit ?? 2))
}

/** The offers of `catalog` that unlock the feature, as the paywall shows them. */
export function offerViews(catalog: Catalog, input: OfferViewsInput, f: Formatter): OfferViews {
  const { t } = f
  const { feature, requested, usage, currentPlan, canManageBilling: buyer } = input
  const currentPlanId = currentPlan?.id
  const offers = plansThatUnlock(catalog, feature, {
    ...(requested === undefined ? {} : { requested }),
    ...(usage === undefined ? {} : { usage }),
    currentPlanId: currentPlanId ?? null,
    currentAddons: input.ownedAddons,
  })
  const cheapest = offers.find((o) => !o.isCurrent && o.comparable && !o.salesLed)
  const views = offers.map<PaywallOfferView>((offer) => {
    const added = offer.type === 'plan' ? offer.addons : []
    const onCurrent = offer.type === 'addon' || (offer.id === currentPlanId && added.length > 0)
    const name = offerName(offer, currentPlanId, f)
    const kind = !buyer ? 'ask-admin' : offer.salesLed ? 'contact-sales' : 'upgrade'
    return {
      offer,
      name,
      kind,
      action:
        kind === 'ask-admin'
          ? t.askAdmin(name, onCurrent)
          : kind === 'contact-sales'
            ? t.contactSales
            : onCurrent
              ? t.addAddon(name)
              : t.upgradeTo(name),
      price: added.length === 0 ? f.price(offer.price) : f.total([offer.price, ...added.map((a) => a.price)]),
      grants: grantText(offer.grant, input, f),
      isCheapest: offer === cheapest,
      trial:
        buyer &&
        input.trials &&
        !offer.salesLed &&
        offer.type === 'plan' &&
        !offer.isCurrent &&
        offer.trialDays > 0
          ? f.trial(offer.trialDays, offer.name)
          : null,
    }
  })
  // The customer's plan, for comparison, unless it is itself an offer.
  const plan = catalog.plans.find((p) => p.id === currentPlanId)
  const current: PaywallItem | null =
    currentPlan && !offers.some((o) => o.type === 'plan' && o.isCurrent)
      ? {
          view: null,
          name: currentPlan.name,
          price: plan ? f.price(plan.price) : null,
          grants: plan
            ? grantText(Object.hasOwn(plan.grants, feature) ? plan.grants[feature] : undefined, input, f)
            : null,
          description: undefined,
          badge: 'current',
        }
      : null
  return { offers: views, current }
}

/** An offer's card. */
export function itemOf(view: PaywallOfferView): PaywallItem {
  return {
    view,
    name: view.name,
    price: view.price,
    grants: view.grants,
    description: view.offer.description,
    badge: view.offer.isCurrent ? 'current' : view.isCheapest ? 'cheapest' : null,
  }
}
