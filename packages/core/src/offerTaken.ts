// "Has the customer got what they chose?" for a purchase made without a feature in mind (a pricing
// page, a customer portal): the snapshot shows the plan, the add-on, or the trial. A paywall waits
// for the blocked feature instead.
import type { EntitlementsSnapshot } from './types.js'

/** What was taken: a plan, an add-on, or a plan's free trial. */
export interface TakenOffer {
  type: 'plan' | 'addon'
  id: string
  trial?: boolean
}

/** A `waitFor` condition: the snapshot shows `offer` taken. */
export function offerTaken(offer: TakenOffer): (snapshot: EntitlementsSnapshot) => boolean {
  return (s) =>
    offer.trial
      ? s.trialEndsAt !== null && Date.parse(s.trialEndsAt) > Date.parse(s.generatedAt)
      : offer.type === 'addon'
        ? (s.addons ?? []).some((a) => a.id === offer.id)
        : s.plan?.id === offer.id
}
