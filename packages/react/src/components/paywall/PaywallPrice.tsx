'use client'
import { createPart } from '../primitives/createPart.js'
import { type OfferPartModel, useOfferPart } from './paywallContext.js'

/** "$49.00 / month" (a plan with add-ons: the total), "Free", "Contact us"; nothing when unknown. */
export const PaywallPrice = createPart<OfferPartModel, HTMLParagraphElement>(
  'Paywall.Price',
  'p',
  'entitle-paywall__price',
  useOfferPart,
  ({ item }) => (item.price === null ? null : [{}, item.price]),
)
