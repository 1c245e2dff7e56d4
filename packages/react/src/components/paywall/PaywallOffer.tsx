'use client'
import { forwardRef, type LiHTMLAttributes } from 'react'
import { createPart } from '../primitives/createPart.js'
import type { AsChildProps } from '../primitives/Slot.js'
import { PaywallBadge } from './PaywallBadge.js'
import { PaywallContactSalesButton } from './PaywallContactSalesButton.js'
import { PaywallGrants } from './PaywallGrants.js'
import { PaywallOfferDescription } from './PaywallOfferDescription.js'
import { PaywallOfferName } from './PaywallOfferName.js'
import { PaywallPrice } from './PaywallPrice.js'
import { PaywallTrialButton } from './PaywallTrialButton.js'
import { PaywallUpgradeButton } from './PaywallUpgradeButton.js'
import { OfferContext, type OfferPartModel, useOfferPart, usePaywallPart } from './paywallContext.js'

/** The default card: badge, name, price, what it grants, description, and its buttons. */
function OfferContent() {
  const { item } = useOfferPart('Paywall.Offer')
  return (
    <>
      {item.badge && (
        <span className="entitle-paywall__badges">
          <PaywallBadge />
        </span>
      )}
      <PaywallOfferName />
      <PaywallPrice />
      <PaywallGrants />
      <PaywallOfferDescription />
      {item.view && !item.view.offer.isCurrent && (
        <div className="entitle-paywall__actions">
          <PaywallUpgradeButton />
          <PaywallContactSalesButton />
          <PaywallTrialButton />
        </div>
      )}
    </>
  )
}

const offerContent = <OfferContent />

/**
 * One card of `Paywall.Offers` (an `li`): `data-kind` (`plan`, `addon`), `data-highlighted` on the
 * cheapest, `data-current` on the customer's plan, `data-sales-led`. Default content: `Badge`,
 * `OfferName`, `Price`, `Grants`, `OfferDescription`, then `UpgradeButton`, `ContactSalesButton` and
 * `TrialButton` (each renders only where it applies).
 */
export const PaywallOffer = createPart<OfferPartModel, HTMLLIElement, LiHTMLAttributes<HTMLLIElement>>(
  'Paywall.Offer',
  'li',
  'entitle-paywall__offer',
  useOfferPart,
  ({ item: { view } }) => {
    const offer = view?.offer
    return [
      {
        'data-kind': offer?.type,
        'data-sales-led': offer?.salesLed ? '' : undefined,
        'data-current': !offer || offer.isCurrent ? '' : undefined,
        'data-highlighted': view?.isCheapest ? '' : undefined,
      },
      offerContent,
    ]
  },
)

/**
 * The customer's current plan as a card (its name, price and what it has of the feature), for
 * comparison, when it is not itself an offer; nothing otherwise. `Paywall.Offers` shows it first.
 */
export const PaywallCurrentPlan = forwardRef<HTMLLIElement, LiHTMLAttributes<HTMLLIElement> & AsChildProps>(
  function PaywallCurrentPlan(props, ref) {
    const { current } = usePaywallPart('Paywall.CurrentPlan')
    return current ? (
      <OfferContext.Provider value={current}>
        <PaywallOffer ref={ref} {...props} />
      </OfferContext.Provider>
    ) : null
  },
)
