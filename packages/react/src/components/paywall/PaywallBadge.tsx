'use client'
import { Icon } from '../icons.js'
import { createPart } from '../primitives/createPart.js'
import { type OfferPartModel, useOfferPart } from './paywallContext.js'

/** The card's badge: "Current plan" on the customer's plan, "Lowest price" on the cheapest offer (`data-kind`); nothing otherwise. */
export const PaywallBadge = createPart<OfferPartModel, HTMLSpanElement>(
  'Paywall.Badge',
  'span',
  'entitle-badge',
  useOfferPart,
  ({ p: { f }, item: { badge } }) =>
    badge === 'current'
      ? [{ 'data-kind': badge }, f.t.currentPlan]
      : badge
        ? [
            { 'data-kind': badge },
            <>
              <Icon name="check" />
              {f.t.cheapest}
            </>,
          ]
        : null,
)
