'use client'
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react'
import { type AsChildProps, contentOf, mergeProps, Slot } from '../primitives/Slot.js'
import { itemOf, type PaywallOfferView } from './offerViews.js'
import { PaywallCurrentPlan, PaywallOffer } from './PaywallOffer.js'
import { OfferContext, usePaywallPart } from './paywallContext.js'

export interface PaywallOffersProps extends Omit<HTMLAttributes<HTMLUListElement>, 'children'>, AsChildProps {
  /**
   * Each offer's card: a function called for every offer (cheapest first), inside that offer's
   * context, so the offer's parts (`Paywall.Offer`, `.Price`, `.UpgradeButton`…) know which offer
   * they are about. Other children replace the list's content. Default: the current plan's card,
   * then a `Paywall.Offer` per offer. With `asChild`, your list element, which gets the default content.
   */
  children?: ReactNode | ((offer: PaywallOfferView) => ReactNode)
}

/** The offers (a `ul`), when there are offers to show: not while loading, confirming, after success, or without a catalog. */
export const PaywallOffers = forwardRef<HTMLUListElement, PaywallOffersProps>(function PaywallOffers(
  { asChild, children, ...props },
  ref,
) {
  const m = usePaywallPart('Paywall.Offers')
  if (m.body !== 'offers') return null
  const each = typeof children === 'function' ? children : undefined
  const list = m.offers.map((view) => (
    <OfferContext.Provider key={`${view.offer.type}:${view.offer.id}:${view.name}`} value={itemOf(view)}>
      {each ? each(view) : <PaywallOffer />}
    </OfferContext.Provider>
  ))
  const content = each ? (
    list
  ) : (
    <>
      <PaywallCurrentPlan />
      {list}
    </>
  )
  const Comp = asChild ? Slot : 'ul'
  return (
    <Comp ref={ref} {...mergeProps({ className: 'entitle-paywall__offers' }, props)}>
      {contentOf(asChild, each ? undefined : (children as ReactNode), content)}
    </Comp>
  )
})
