'use client'
import { createPart } from '../primitives/createPart.js'
import { type OfferPartModel, useOfferPart } from './paywallContext.js'

/** The catalog's description of the offer, as text; nothing without one. */
export const PaywallOfferDescription = createPart<OfferPartModel, HTMLParagraphElement>(
  'Paywall.OfferDescription',
  'p',
  'entitle-paywall__offer-detail',
  useOfferPart,
  ({ item }) => (item.description ? [{}, item.description] : null),
)
