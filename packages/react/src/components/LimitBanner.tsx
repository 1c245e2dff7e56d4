'use client'
import type { Decision, FeatureKey } from '@entitle/core'
import { forwardRef, type HTMLAttributes, type ReactNode, useId } from 'react'
import { useEntitlement } from '../useEntitlement.js'
import { usePaywall } from '../usePaywall.js'
import { type LocalizedProps, useFormatter } from './i18n.js'
import { Icon } from './icons.js'
import { cx, meterStateOf, useFeature } from './shared.js'

/** `warning`: near the limit; `over-limit`: past a soft limit (still allowed); `limit-reached`: at or past a hard limit (blocked). */
export type LimitBannerState = 'warning' | 'over-limit' | 'limit-reached'

export interface LimitBannerRenderProps {
  decision: Decision
  state: LimitBannerState
  /** The banner's sentence, e.g. "You have reached your Seats limit (3 of 3 seats). Upgrade to add more." */
  text: string
  /** Runs the call to action (`onUpgradeClick`, else opens the paywall). */
  upgrade: () => void
}

export interface LimitBannerProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>, LocalizedProps {
  /** A metered feature. */
  feature: FeatureKey
  /** Share of the limit (0–1) from which the banner warns. `1` shows it only at the limit. Default `0.8`. */
  warnAt?: number
  /**
   * The upgrade call to action. Default: opens the paywall for this feature (`usePaywall().open`),
   * which a `<PaywallDialog>` mounted once in the app shows.
   */
  onUpgradeClick?: () => void
  /** Render-prop form, for headless use: renders only what it returns, and only when the banner shows. */
  children?: (banner: LimitBannerRenderProps) => ReactNode
}

/**
 * A soft-limit warning or a hard-stop message with an upgrade call to action. Renders nothing while
 * the feature is comfortably within its limit, unlimited, loading or not a metered entitlement, and
 * when a fallback decided (`decision.isFallback`: the service is unreachable and nothing is cached):
 * a fallback's limit is the app's guess, so it never upsells; `<UsageMeter>` and `<Paywall>` say
 * "unavailable" there instead.
 */
export const LimitBanner = forwardRef<HTMLDivElement, LimitBannerProps>(function LimitBanner(
  { feature, warnAt = 0.8, onUpgradeClick, locale, messages, children, className, ...rest },
  ref,
) {
  const decision = useEntitlement(feature, { requested: 0 })
  const info = useFeature(feature)
  const paywall = usePaywall()
  const f = useFormatter({ locale, messages })
  const textId = useId()

  const meter = meterStateOf(decision, warnAt)
  const { usage = 0, limit } = decision
  const state: LimitBannerState | null =
    meter === 'exceeded'
      ? 'limit-reached'
      : meter === 'over-soft-limit'
        ? 'over-limit'
        : meter === 'warning'
          ? 'warning'
          : null
  if (state === null) return null

  const text = f.t.limitBanner(
    state,
    info?.name ?? feature,
    f.t.usage(f.usage(usage, limit ?? null, info?.unit)),
  )
  const open = () =>
    paywall.open({ feature, reason: state === 'limit-reached' ? 'limit-exceeded' : 'soft-limit-exceeded' })
  const upgrade = onUpgradeClick ?? open
  if (children) return children({ decision, state, text, upgrade })

  return (
    <div ref={ref} role="status" className={cx('entitle-banner', className)} data-state={state} {...rest}>
      <p className="entitle-banner__text" id={textId}>
        <Icon name={state === 'limit-reached' ? 'blocked' : state === 'over-limit' ? 'over' : 'warning'} />
        <span>{text}</span>
      </p>
      <button type="button" className="entitle-button" aria-describedby={textId} onClick={() => upgrade()}>
        {f.t.upgrade}
      </button>
    </div>
  )
})
