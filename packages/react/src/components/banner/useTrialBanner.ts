'use client'
import type { EntitlementsSnapshot, FeatureKey } from '@entitle/core'
import { useId } from 'react'
import { useEntitlements } from '../../useEntitlements.js'
import { usePaywall } from '../../usePaywall.js'
import { type LocalizedProps, useFormatter } from '../i18n.js'
import { useNow } from '../useNow.js'
import type { BannerModel } from './bannerContext.js'

/** `active`: the trial runs; `ending`: it ends within `endingWithinDays`; `ended`: it is over. */
export type TrialBannerState = 'active' | 'ending' | 'ended'

export interface TrialBannerOptions extends LocalizedProps {
  /**
   * The feature the default call to action upsells (opens the paywall for it). Default: the first
   * feature the trial grants in the snapshot.
   */
  feature?: FeatureKey
  /** From how many days left the banner shows the `ending` state. Default `3`. */
  endingWithinDays?: number
  /** The upgrade call to action. Default: opens the paywall for `feature` (see `usePaywall`). */
  onUpgradeClick?: () => void
}

export interface TrialBannerModel extends BannerModel {
  state: TrialBannerState
  /** Whole days left (rounded up); 0 once ended. */
  daysLeft: number
  /** "Your trial ends in 2 days." */
  text: string
  /** Runs the call to action, or `null` when there is none (no `onUpgradeClick` and no feature to upsell). */
  upgrade: (() => void) | null
}

const DAY = 86_400_000

function trialFeature(snapshot: EntitlementsSnapshot): string | undefined {
  for (const [id, e] of Object.entries(snapshot.entitlements)) if (e.source === 'trial') return id
  return undefined
}

/** The customer's trial as a banner shows it, or `null` without a trial. */
export function useTrialBanner(options: TrialBannerOptions = {}): TrialBannerModel | null {
  const { feature, endingWithinDays = 3, onUpgradeClick, locale, messages } = options
  const { snapshot } = useEntitlements()
  const paywall = usePaywall()
  const f = useFormatter({ locale, messages })
  const clock = useNow()
  const textId = useId()

  const endsAt = snapshot?.trialEndsAt
  if (!endsAt) return null
  // On the server and while hydrating, the snapshot's own instant: the same on both sides, so the
  // server's "ends in 2 days" hydrates without a mismatch, then follows the real clock.
  const now = clock ?? Date.parse(snapshot.generatedAt)
  const left = Date.parse(endsAt) - now
  const daysLeft = left > 0 ? Math.ceil(left / DAY) : 0
  const state: TrialBannerState = left <= 0 ? 'ended' : daysLeft <= endingWithinDays ? 'ending' : 'active'
  const upsell = feature ?? trialFeature(snapshot)
  // A feature id read from the snapshot: one of the registered keys whenever the server and catalog agree.
  const open = upsell === undefined ? null : () => paywall.open({ feature: upsell as FeatureKey })
  return {
    state,
    daysLeft,
    text: state === 'ended' ? f.t.trialEnded : f.t.trialEnds(f.relative(endsAt, now)),
    upgrade: onUpgradeClick ?? open,
    actionLabel: f.t.upgrade,
    icon: state === 'ended' ? 'lock' : 'clock',
    textId,
  }
}
