'use client'
import { createPart } from '../primitives/createPart.js'
import { type OfferPartModel, useOfferPart } from './paywallContext.js'

/** The offer's name ("Premium + AI assistant"), a heading one level below the paywall's title. */
export const PaywallOfferName = createPart<OfferPartModel, HTMLHeadingElement>(
  'Paywall.OfferName',
  'h3',
  'entitle-paywall__offer-name',
  useOfferPart,
  ({ p, item }) => [{}, item.name, `h${p.headingLevel + 1}` as 'h3'],
)
