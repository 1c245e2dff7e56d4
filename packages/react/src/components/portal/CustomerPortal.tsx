'use client'
import { forwardRef, type HTMLAttributes } from 'react'
import type { LocalizedProps } from '../i18n.js'
import type { PricingActions } from '../pricing/usePricingTable.js'
import { cx } from '../shared.js'
import { AddonOverview } from './AddonOverview.js'
import { EntitlementSources } from './EntitlementSources.js'
import { SubscriptionSummary, type SubscriptionSummaryProps } from './SubscriptionSummary.js'
import { UsageOverview } from './UsageOverview.js'

export interface CustomerPortalProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>,
    LocalizedProps,
    Omit<PricingActions, 'onStartTrial' | 'onContactSales'>,
    Pick<SubscriptionSummaryProps, 'onChangePlan' | 'updatePaymentUrl' | 'onUpdatePayment' | 'onKeepPlan'> {
  /** Heading level of the sections' titles. Default `2`. */
  headingLevel?: 2 | 3 | 4 | 5 | 6
  /** Share of each limit (0–1) from which a meter warns. Default `0.8`. */
  warnAt?: number
}

/**
 * Where the customer stands, in four sections, each usable on its own: `SubscriptionSummary` (plan,
 * price, status, renewal / trial / scheduled-change dates, a failed payment), `UsageOverview` (every
 * meter with its reset), `AddonOverview` (add-ons owned and available, bought through the upgrade
 * flow) and `EntitlementSources` (where each entitlement comes from, and when it ends).
 */
export const CustomerPortal = forwardRef<HTMLDivElement, CustomerPortalProps>(function CustomerPortal(
  {
    headingLevel = 2,
    warnAt,
    onSelectPlan,
    onRequestUpgrade,
    onUpgraded,
    navigate,
    onChangePlan,
    updatePaymentUrl,
    onUpdatePayment,
    onKeepPlan,
    locale,
    messages,
    className,
    ...rest
  },
  ref,
) {
  const common = { headingLevel, locale, messages }
  return (
    <div ref={ref} className={cx('entitle-portal', className)} {...rest}>
      <SubscriptionSummary
        {...common}
        onChangePlan={onChangePlan}
        updatePaymentUrl={updatePaymentUrl}
        onUpdatePayment={onUpdatePayment}
        onKeepPlan={onKeepPlan}
      />
      <UsageOverview {...common} warnAt={warnAt} />
      <AddonOverview
        {...common}
        onSelectPlan={onSelectPlan}
        onRequestUpgrade={onRequestUpgrade}
        onUpgraded={onUpgraded}
        navigate={navigate}
      />
      <EntitlementSources {...common} />
    </div>
  )
})
