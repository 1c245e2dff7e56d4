'use client'
import type { FeatureKey } from '@entitle/core'
import { forwardRef } from 'react'
import { BannerAction } from './banner/BannerAction.js'
import { BannerText } from './banner/BannerText.js'
import { type BannerRootProps, bannerElement } from './banner/bannerElement.js'
import { type LimitBannerModel, type LimitBannerOptions, useLimitBanner } from './banner/useLimitBanner.js'

export type { LimitBannerState } from './banner/useLimitBanner.js'

/** What the render-prop form receives. */
export type LimitBannerRenderProps = Pick<LimitBannerModel, 'decision' | 'state' | 'text' | 'upgrade'>

export interface LimitBannerProps extends BannerRootProps<LimitBannerModel>, LimitBannerOptions {
  /** A metered feature. */
  feature: FeatureKey
}

/**
 * A soft-limit warning or a hard-stop message with an upgrade call to action. `data-state` is the
 * meter's limit state (`warning`, `over-soft-limit`, `exceeded`). Renders nothing while the feature
 * is comfortably within its limit, unlimited, loading or not a metered entitlement, and when a
 * fallback decided (`decision.isFallback`: the service is unreachable and nothing is cached): a
 * fallback's limit is the app's guess, so it never upsells; `<UsageMeter>` and `<Paywall>` say
 * "unavailable" there instead.
 *
 * Made of parts: `<LimitBanner.Root feature>` (this component) with `.Text` and `.Action` as its
 * children (the default), or your own markup around them; each takes `asChild`.
 */
const LimitBannerRoot = forwardRef<HTMLDivElement, LimitBannerProps>(function LimitBanner(
  { feature, warnAt, thresholds, onUpgradeClick, locale, messages, ...props },
  ref,
) {
  return bannerElement(
    useLimitBanner(feature, { warnAt, thresholds, onUpgradeClick, locale, messages }),
    props,
    ref,
  )
})

export const LimitBanner = Object.assign(LimitBannerRoot, {
  Root: LimitBannerRoot,
  Text: BannerText,
  Action: BannerAction,
})
