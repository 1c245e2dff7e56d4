'use client'
import type { SubscriptionInfo } from '@entitle/core'
import { forwardRef, type HTMLAttributes, type ReactNode, useId, useState } from 'react'
import { useCanManageBilling } from '../useCheckout.js'
import { useEntitlements } from '../useEntitlements.js'
import { type LocalizedProps, useFormatter } from './i18n.js'
import { Icon } from './icons.js'
import { cx } from './shared.js'

/**
 * `past-due`: a payment failed, the plan stays until the grace period ends; `unpaid`: it ended and
 * the plan's entitlements are gone; `scheduled-change`: the plan changes at the end of the period (a
 * downgrade); `ending`: the subscription ends then.
 */
export type SubscriptionBannerState = 'past-due' | 'unpaid' | 'scheduled-change' | 'ending'

export interface SubscriptionBannerRenderProps {
  state: SubscriptionBannerState
  /** "Your last payment failed. Update your payment method by Dec 8, 2026 to keep Premium." */
  text: string
  subscription: SubscriptionInfo
  /** Runs "Update payment method", or `null` when there is none (no handler or URL, or a member who may not manage billing). */
  updatePayment: (() => void) | null
  /** Cancels a scheduled change ("Keep Premium"), or `null` when not offered. */
  keepPlan: (() => Promise<void>) | null
}

export interface SubscriptionBannerProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>,
    LocalizedProps {
  /** "Update payment method" as a link, e.g. your billing provider's customer portal. Default: none. */
  updatePaymentUrl?: string
  /** "Update payment method" as a button (wins over `updatePaymentUrl`). Default: none. */
  onUpdatePayment?: () => void
  /**
   * "Keep Premium" on a scheduled change. Default: `changePlan(currentPlan, { addons: owned, at: 'now' })`
   * (an immediate change to the current plan cancels the scheduled one); `false` hides it. Shown only to
   * users who may manage billing (`canManageBilling`).
   */
  onKeepPlan?: (() => Promise<unknown>) | false
  /** Render-prop form, for headless use: renders only what it returns, and only when there is something to say. */
  children?: (banner: SubscriptionBannerRenderProps) => ReactNode
}

/** The state worth a banner, if any: a billing problem first, then a scheduled change. */
function stateOf(subscription: SubscriptionInfo | undefined): SubscriptionBannerState | null {
  if (!subscription) return null
  if (subscription.status === 'past_due') return 'past-due'
  if (subscription.status === 'unpaid') return 'unpaid'
  if (subscription.scheduledChange) return subscription.scheduledChange.plan ? 'scheduled-change' : 'ending'
  return null
}

/**
 * The subscription's lifecycle, from `snapshot.subscription`: a failed payment ("Update your
 * payment method by …", then "paused" once the grace period is over), or a change scheduled for the
 * end of the billing period (a downgrade, a cancellation) with "Keep Premium". Renders nothing when
 * all is well. Display only: what these do to entitlements is already in the snapshot.
 */
export const SubscriptionBanner = forwardRef<HTMLDivElement, SubscriptionBannerProps>(
  function SubscriptionBanner(
    { updatePaymentUrl, onUpdatePayment, onKeepPlan, locale, messages, children, className, ...rest },
    ref,
  ) {
    const { snapshot, changePlan } = useEntitlements()
    const buyer = useCanManageBilling()
    const f = useFormatter({ locale, messages })
    const { t } = f
    const textId = useId()
    const [keeping, setKeeping] = useState(false)
    const subscription = snapshot?.subscription
    const state = stateOf(subscription)
    if (!snapshot || !subscription || state === null) return null

    const planName = snapshot.plan?.name ?? ''
    const change = subscription.scheduledChange
    const text =
      state === 'past-due'
        ? t.pastDue(f.date(subscription.graceEndsAt ?? snapshot.generatedAt), planName)
        : state === 'unpaid'
          ? t.unpaid(planName)
          : change?.plan
            ? t.scheduledChange(
                f.date(change.at),
                planName,
                t.withAddons(
                  change.plan.name,
                  change.addons.map((a) => a.name),
                ),
              )
            : t.subscriptionEnds(f.date(change?.at ?? snapshot.generatedAt), planName)
    const billingProblem = state === 'past-due' || state === 'unpaid'
    const updatePayment =
      !buyer || !billingProblem
        ? null
        : (onUpdatePayment ?? (updatePaymentUrl ? () => window.location.assign(updatePaymentUrl) : null))
    const current = snapshot.plan
    const keepPlan =
      !buyer || billingProblem || onKeepPlan === false || current === null
        ? null
        : async () => {
            setKeeping(true)
            try {
              await (onKeepPlan
                ? onKeepPlan()
                : changePlan(current.id, { addons: (snapshot.addons ?? []).map((a) => a.id), at: 'now' }))
            } catch {
              // The banner stays as it is; the server's answer is the truth either way.
            } finally {
              setKeeping(false)
            }
          }
    if (children) return children({ state, text, subscription, updatePayment, keepPlan })

    return (
      <div
        ref={ref}
        role={billingProblem ? 'alert' : 'status'}
        className={cx('entitle-banner', className)}
        data-state={state}
        {...rest}
      >
        <p className="entitle-banner__text" id={textId}>
          <Icon name={billingProblem ? 'warning' : 'clock'} />
          <span>{text}</span>
        </p>
        {updatePayment &&
          (onUpdatePayment === undefined && updatePaymentUrl ? (
            <a className="entitle-button" href={updatePaymentUrl} aria-describedby={textId}>
              {t.updatePayment}
            </a>
          ) : (
            <button
              type="button"
              className="entitle-button"
              aria-describedby={textId}
              onClick={() => updatePayment()}
            >
              {t.updatePayment}
            </button>
          ))}
        {keepPlan && (
          <button
            type="button"
            className="entitle-button"
            data-variant="secondary"
            aria-describedby={textId}
            aria-busy={keeping || undefined}
            onClick={() => void keepPlan()}
          >
            {keeping && <span className="entitle-spinner" aria-hidden="true" />}
            {t.keepPlan(planName)}
          </button>
        )}
      </div>
    )
  },
)
