'use client'
import { forwardRef, type ReactNode } from 'react'
import { useCatalog } from '../../useCatalog.js'
import { useEntitlements } from '../../useEntitlements.js'
import { defaultBillingMessages } from '../billingMessages.js'
import { useFormatter } from '../i18n.js'
import { SubscriptionBanner, type SubscriptionBannerProps } from '../SubscriptionBanner.js'
import { PortalSection, type PortalSectionProps } from './portalSection.js'

export interface SubscriptionSummaryProps
  extends PortalSectionProps,
    Pick<SubscriptionBannerProps, 'updatePaymentUrl' | 'onUpdatePayment' | 'onKeepPlan'> {
  /** A "Change plan" button (e.g. to your pricing page). Default: none. */
  onChangePlan?: (() => void) | undefined
  /** Extra content after the summary (your own actions). Default: none. */
  children?: ReactNode
}

/**
 * The customer's plan and what it costs, with its add-ons; where the subscription stands
 * (`data-state`: `active`, `trialing`, `past_due`, `unpaid`, `none`, or `loading`) with the renewal or
 * trial end date; and a failed payment or a change scheduled for the end of the period
 * (`SubscriptionBanner`, with "Update payment method" and "Keep Premium").
 */
export const SubscriptionSummary = forwardRef<HTMLElement, SubscriptionSummaryProps>(
  function SubscriptionSummary(
    {
      onChangePlan,
      updatePaymentUrl,
      onUpdatePayment,
      onKeepPlan,
      locale,
      messages,
      title,
      children,
      ...rest
    },
    ref,
  ) {
    const { snapshot } = useEntitlements()
    const { catalog } = useCatalog()
    const f = useFormatter({ locale, messages }, defaultBillingMessages)
    const { t } = f
    const subscription = snapshot?.subscription
    const status = subscription?.status ?? (snapshot?.plan ? 'active' : 'none')
    const plan = catalog?.plans.find((p) => p.id === snapshot?.plan?.id)
    const addons = snapshot?.addons ?? []
    const trialEndsAt = snapshot?.trialEndsAt
    const periodEnd = subscription?.currentPeriodEnd
    const date =
      trialEndsAt != null
        ? t.trialUntil(f.date(trialEndsAt))
        : status === 'active' && periodEnd && !subscription?.scheduledChange
          ? t.renewsOn(f.date(periodEnd))
          : null
    const banner = { updatePaymentUrl, onUpdatePayment, onKeepPlan, locale, messages }
    return (
      <PortalSection
        ref={ref}
        name="subscription"
        defaultTitle={t.portalTitle}
        title={title}
        state={snapshot ? status : 'loading'}
        aria-busy={snapshot ? undefined : true}
        {...rest}
      >
        {snapshot === undefined ? (
          <p className="entitle-portal__muted">{t.loading}</p>
        ) : (
          <>
            <div className="entitle-portal__plan">
              <span className="entitle-portal__plan-name">
                {snapshot.plan?.name ?? t.subscriptionStatus('none')}
              </span>
              <span className="entitle-badge" data-kind="status" data-state={status}>
                {t.subscriptionStatus(status)}
              </span>
            </div>
            <p className="entitle-portal__muted">
              {plan ? f.price(plan.price) : null}
              {addons.length > 0 && ` · ${t.withAddonsList(addons.map((a) => a.name).join(', '))}`}
            </p>
            {date && <p className="entitle-portal__date">{date}</p>}
            <SubscriptionBanner {...banner} />
            {(onChangePlan || children) && (
              <div className="entitle-portal__actions">
                {onChangePlan && (
                  <button
                    type="button"
                    className="entitle-button"
                    data-variant="secondary"
                    onClick={onChangePlan}
                  >
                    {t.changePlan}
                  </button>
                )}
                {children}
              </div>
            )}
          </>
        )}
      </PortalSection>
    )
  },
)
