'use client'
import type { Decision, DecisionReason, FeatureKey } from '@entitle/core'
import { useId } from 'react'
import { useEntitlement } from '../../useEntitlement.js'
import { usePaywall } from '../../usePaywall.js'
import { useUsageThresholds } from '../../useUsageThresholds.js'
import { type LocalizedProps, useFormatter } from '../i18n.js'
import type { IconName } from '../icons.js'
import { useFeature } from '../shared.js'
import { type LimitBannerState, meterStateOf, STATE_ICON } from '../states.js'
import type { BannerModel } from './bannerContext.js'

export type { LimitBannerState } from '../states.js'

export interface LimitBannerOptions extends LocalizedProps {
  /** Share of the limit (0–1) from which the banner warns. `1` shows it only at the limit. Default `0.8`. */
  warnAt?: number
  /**
   * Shares of the limit (0.8 = 80 %) whose crossing from below is reported to the client's `onEvent`
   * as `usage_threshold_crossed`, once per crossing (see `useUsageThresholds`). Default `[warnAt, 1]`.
   */
  thresholds?: readonly number[]
  /**
   * The upgrade call to action. Default: opens the paywall for this feature (`usePaywall().open`),
   * which a `<PaywallDialog>` mounted once in the app shows.
   */
  onUpgradeClick?: () => void
}

export interface LimitBannerModel extends BannerModel {
  decision: Decision
  state: LimitBannerState
  /** The banner's sentence, e.g. "You have reached your Seats limit (3 of 3 seats). Upgrade to add more." */
  text: string
  /** Runs the call to action (`onUpgradeClick`, else opens the paywall). */
  upgrade: () => void
}

// The reason the paywall opens with, in the decision's words: near a limit is still within it.
const OPEN_REASON: Record<LimitBannerState, DecisionReason> = {
  warning: 'within-limit',
  'over-soft-limit': 'soft-limit-exceeded',
  exceeded: 'limit-exceeded',
}

/** What a limit banner shows for a metered feature, or `null` when it shows nothing. */
export function useLimitBanner(
  feature: FeatureKey,
  options: LimitBannerOptions = {},
): LimitBannerModel | null {
  const { warnAt = 0.8, thresholds, onUpgradeClick, locale, messages } = options
  const decision = useEntitlement(feature, { requested: 0 })
  useUsageThresholds(feature, thresholds ?? [warnAt, 1])
  const info = useFeature(feature)
  const paywall = usePaywall()
  const f = useFormatter({ locale, messages })
  const textId = useId()
  const meter = meterStateOf(decision, warnAt)
  if (meter !== 'warning' && meter !== 'over-soft-limit' && meter !== 'exceeded') return null
  const { usage = 0, limit } = decision
  const open = () => paywall.open({ feature, reason: OPEN_REASON[meter] })
  return {
    decision,
    state: meter,
    text: f.t.limitBanner(meter, info?.name ?? feature, f.t.usage(f.usage(usage, limit ?? null, info?.unit))),
    icon: STATE_ICON[meter] as IconName,
    upgrade: onUpgradeClick ?? open,
    actionLabel: f.t.upgrade,
    textId,
  }
}
