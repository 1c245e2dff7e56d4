'use client'
import { createPart } from '../primitives/createPart.js'
import { actionButton } from './actionButton.js'
import { type OfferPartModel, useOfferPart } from './paywallContext.js'

/**
 * "Contact sales" on a sales-led offer: calls `onContactSales`, or, without it, is a link to the
 * offer's `contactUrl` when the catalog gives one. Reports `contact_sales_clicked`. Nothing on other offers.
 */
// A button or, to the catalog's `contactUrl`, a link: typed for both.
export const PaywallContactSalesButton = createPart<OfferPartModel, HTMLElement>(
  'Paywall.ContactSalesButton',
  'button',
  'entitle-button',
  useOfferPart,
  ({ p, item: { view } }) => {
    if (view?.kind !== 'contact-sales' || view.offer.isCurrent) return null
    const { offer } = view
    const href = p.salesLinks ? offer.contactUrl : undefined
    return href === undefined
      ? actionButton(p, false, '', view.action, 'secondary', () => p.contactSales(offer))
      : [{ href, 'data-variant': 'secondary', onClick: () => p.contactSales(offer) }, view.action, 'a']
  },
)
