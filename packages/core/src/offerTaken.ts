// "Has the customer got what they chose?" for a purchase made without a feature in mind (a pricing
// page, a customer portal): the snapshot shows the plan, the add-on, or the trial. A paywall waits
// for the blocked feature instead.
import type { EntitlementsSnapshot } from './types.js'

/** What was taken: a plan, an add-on, or a plan's free trial. */
export interface TakenOffer {
  type: 'plan' | 'addon'
  id: string
  trial?: boolean
  /** The subscription change sent (`offer.change`): when given, the snapshot must show exactly it (an add-on removed, too). */
  change?: { planId: string; addons: readonly string[] }
}

/** A `waitFor` condition: the snapshot shows `offer` taken. */
export function offerTaken(offer: TakenOffer): (snapshot: EntitlementsSnapshot) => boolean {
  const change = offer.change
  return (s) =>
    offer.trial
      ? s.trialEndsAt !== null && Date.parse(s.trialEndsAt) > Date.parse(s.generatedAt)
      : change
        ? s.plan?.id === change.planId &&
          (s.addons ?? []).length === change.addons.length &&
          (s.addons ?? []).every((a) => change.addons.includes(a.id))
        : offer.type === 'addon'
          ? (s.addons ?? []).some((a) => a.id === offer.id)
          : s.plan?.id === offer.id
}
