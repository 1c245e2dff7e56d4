'use client'
import { createPart } from '../primitives/createPart.js'
import { type OfferPartModel, useOfferPart } from './paywallContext.js'

/** What the card gives of the blocked feature: "10 seats", "Unlimited seats", "Includes AI assistant", "Not included". */
export const PaywallGrants = createPart<OfferPartModel, HTMLParagraphElement>(
  'Paywall.Grants',
  'p',
  'entitle-paywall__offer-detail',
  useOfferPart,
  ({ item }) => (item.grants ? [{}, item.grants] : null),
)
