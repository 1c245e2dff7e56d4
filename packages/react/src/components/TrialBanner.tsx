'use client'
import type { EntitlementsSnapshot, FeatureKey } from '@entitle/core'
import { forwardRef, type HTMLAttributes, type ReactNode, useId } from 'react'
import { useEntitlements } from '../useEntitlements.js'
import { usePaywall } from '../usePaywall.js'
import { type LocalizedProps, useFormatter } from './i18n.js'
import { Icon } from './icons.js'
import { cx } from './shared.js'
import { useNow } from './useNow.js'

/** `active`: the trial runs; `ending`: it ends within `endingWithinDays`; `ended`: it is over. */
export type TrialBannerState = 'active' | 'ending' | 'ended'

export interface TrialBannerRenderProps {
  state: TrialBannerState
  /** Whole days left (rounded up); 0 once ended. */
  daysLeft: number
  /** "Your trial ends in 2 days." */
  text: string
  /** Runs the call to action, or `null` when there is none (no `onUpgradeClick` and no feature to upsell). */
  upgrade: (() => void) | null
}

export interface TrialBannerProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>, LocalizedProps {
  /**
   * The feature the default call to action upsells (opens the paywall for it). Default: the first
   * feature the trial grants in the snapshot.
   */
  feature?: FeatureKey
  /** From how many days left the banner shows the `ending` state. Default `3`. */
  endingWithinDays?: number
  /** The upgrade call to action. Default: opens the paywall for `feature` (see `usePaywall`). */
  onUpgradeClick?: () => void
  /** Render-prop form, for headless use: renders only what it returns, and only when there is a trial. */
  children?: (banner: TrialBannerRenderProps) => ReactNode
}

const DAY = 86_400_000

function trialFeature(snapshot: EntitlementsSnapshot | undefined): string | undefined {
  if (!snapshot) return undefined
  for (const [id, e] of Object.entries(snapshot.entitlements)) if (e.source === 'trial') return id
  return undefined
}

/** Days left of the customer's trial (`snapshot.trialEndsAt`), with an upgrade call to action. Renders nothing without a trial. */
export const TrialBanner = forwardRef<HTMLDivElement, TrialBannerProps>(function TrialBanner(
  { feature, endingWithinDays = 3, onUpgradeClick, locale, messages, children, className, ...rest },
  ref,
) {
  const { snapshot } = useEntitlements()
  const paywall = usePaywall()
  const f = useFormatter({ locale, messages })
  const textId = useId()
  const clock = useNow()

  const endsAt = snapshot?.trialEndsAt
  if (!endsAt) return null
  // On the server and while hydrating, the snapshot's own instant: the same on both sides, so the
  // server's "ends in 2 days" hydrates without a mismatch, then follows the real clock.
  const now = clock ?? Date.parse(snapshot.generatedAt)
  const left = Date.parse(endsAt) - now
  const daysLeft = left > 0 ? Math.ceil(left / DAY) : 0
  const state: TrialBannerState = left <= 0 ? 'ended' : daysLeft <= endingWithinDays ? 'ending' : 'active'
  const text = state === 'ended' ? f.t.trialEnded : f.t.trialEnds(f.relative(endsAt, now))
  const upsell = feature ?? trialFeature(snapshot)
  // A feature id read from the snapshot: one of the registered keys whenever the server and catalog agree.
  const open = upsell === undefined ? null : () => paywall.open({ feature: upsell as FeatureKey })
  const upgrade = onUpgradeClick ?? open
  if (children) return children({ state, daysLeft, text, upgrade })

  return (
    <div ref={ref} role="status" className={cx('entitle-banner', className)} data-state={state} {...rest}>
      <p className="entitle-banner__text" id={textId}>
        <Icon name={state === 'ended' ? 'lock' : 'clock'} />
        <span>{text}</span>
      </p>
      {upgrade && (
        <button type="button" className="entitle-button" aria-describedby={textId} onClick={() => upgrade()}>
          {f.t.upgrade}
        </button>
      )}
    </div>
  )
})
