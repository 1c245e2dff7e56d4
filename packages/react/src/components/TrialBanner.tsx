'use client'
import { forwardRef } from 'react'
import { BannerAction } from './banner/BannerAction.js'
import { BannerText } from './banner/BannerText.js'
import { type BannerRootProps, bannerElement } from './banner/bannerElement.js'
import { type TrialBannerModel, type TrialBannerOptions, useTrialBanner } from './banner/useTrialBanner.js'

export type { TrialBannerState } from './banner/useTrialBanner.js'

/** What the render-prop form receives. */
export type TrialBannerRenderProps = Pick<TrialBannerModel, 'state' | 'daysLeft' | 'text' | 'upgrade'>

export interface TrialBannerProps extends BannerRootProps<TrialBannerModel>, TrialBannerOptions {}

/**
 * Days left of the customer's trial (`snapshot.trialEndsAt`), with an upgrade call to action
 * (`data-state` `active`, `ending`, `ended`). Renders nothing without a trial. Made of parts:
 * `<TrialBanner.Root>` (this component) with `.Text` and `.Action`; each takes `asChild`.
 */
const TrialBannerRoot = forwardRef<HTMLDivElement, TrialBannerProps>(function TrialBanner(
  { feature, endingWithinDays, onUpgradeClick, locale, messages, ...props },
  ref,
) {
  return bannerElement(
    useTrialBanner({ feature, endingWithinDays, onUpgradeClick, locale, messages }),
    props,
    ref,
  )
})

export const TrialBanner = Object.assign(TrialBannerRoot, {
  Root: TrialBannerRoot,
  Text: BannerText,
  Action: BannerAction,
})
