import type { Offer } from '@entitle/core'
import { CustomerPortal, PricingTable, TrialBanner, useCatalog } from '@entitle/react'
import { useCallback, useRef } from 'react'
import { contactSales, requestUpgrade, useUpdatePayment } from '../App'
import { ownedAddons } from '../billing'
import { startCheckout } from '../checkout'
import { useEntitlements } from '../entitlements'
import { PageHeader } from './PageHeader'

/**
 * Billing: where the customer stands (`CustomerPortal`: plan, renewal, meters, add-ons, where each
 * entitlement comes from) and the plans (`PricingTable`). Purchases go through the hosted checkout
 * and back, like the paywalls'; removing an add-on needs no payment; a cheaper plan starts at the end
 * of the period (`downgradeAt="period_end"`).
 */
export function BillingPage() {
  const plans = useRef<HTMLDivElement>(null)
  const select = useSelectOffer()
  const updatePayment = useUpdatePayment()
  return (
    <>
      <PageHeader title="Billing">Your plan, add-ons and what they entitle you to.</PageHeader>
      <TrialBanner className="spaced-bottom" />
      <CustomerPortal
        className="spaced-bottom"
        onSelectPlan={select}
        onRequestUpgrade={requestUpgrade}
        onUpdatePayment={updatePayment}
        onChangePlan={() => {
          plans.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })
          plans.current?.querySelector<HTMLElement>('h2')?.focus()
        }}
      />
      <div ref={plans}>
        <PricingTable
          showAddons={false}
          downgradeAt="period_end"
          onSelectPlan={select}
          onContactSales={contactSales}
          onRequestUpgrade={requestUpgrade}
        />
      </div>
    </>
  )
}

/** An offer of the portal or the pricing table: removing an add-on is in-app, buying goes to the checkout. */
function useSelectOffer(): (offer: Offer) => Promise<unknown> {
  const { customerId, snapshot, changePlan } = useEntitlements()
  const { catalog } = useCatalog()
  return useCallback(
    (offer: Offer) => {
      const owned = ownedAddons(snapshot, catalog).map((a) => a.id)
      const removing = offer.type === 'addon' && owned.includes(offer.id)
      return removing
        ? changePlan(offer.change.planId, { addons: offer.change.addons })
        : startCheckout(customerId, offer.change)
    },
    [customerId, snapshot, catalog, changePlan],
  )
}
