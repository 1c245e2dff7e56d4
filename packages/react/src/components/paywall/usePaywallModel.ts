'use client'
import type { Decision, FeatureKey, Offer, PlanOffer } from '@entitle/core'
import { useEffect, useId, useMemo, useRef } from 'react'
import { useCatalog } from '../../useCatalog.js'
import { useEntitlement } from '../../useEntitlement.js'
import { useEntitlements } from '../../useEntitlements.js'
import { useTrack } from '../../useTrack.js'
import {
  type UpgradeFlow,
  type UpgradeFlowOptions,
  type UpgradeFlowStatus,
  useUpgradeFlow,
} from '../../useUpgradeFlow.js'
import { type Formatter, type LocalizedProps, useFormatter } from '../i18n.js'
import { useFeature } from '../shared.js'
import { type UpsellReason, upsellReasonOf } from '../states.js'
import { useNow } from '../useNow.js'
import { offerName, offerViews, type PaywallItem, type PaywallOfferView } from './offerViews.js'

/**
 * `loading`: no decision or catalog yet; `idle`: offers shown; then the upgrade flow's states (see
 * `UpgradeFlowStatus`): `pending`, `redirecting` (to a hosted checkout), `confirming`, `timeout`,
 * `error`, `success`, `requested` (an admin was asked), `cancelled` (back from a cancelled checkout).
 */
export type PaywallStatus = 'loading' | UpgradeFlowStatus

export interface PaywallRenderProps {
  decision: Decision
  reason: UpsellReason
  status: PaywallStatus
  title: string
  description: string
  offers: PaywallOfferView[]
  /** The current plan's name, when known. */
  currentPlan: string | undefined
  /** The offer being upgraded to (pending), or the last one tried. */
  selected: Offer | null
  /** The name of the offer the flow is about (also on the way back from a checkout). */
  selectedName: string | null
  /** Whether `selected` was a trial start rather than an upgrade. */
  selectedTrial: boolean
  /** The error's own message after a failed upgrade or trial start. */
  error: string | null
  /** The sentence the paywall shows for that error ("You have already used your free trial of Enterprise."). */
  errorText: string | null
  /** Whether the user may buy (`canManageBilling`); if not, offers are "Ask an admin". */
  canManageBilling: boolean
  /** Starts an upgrade (tracks it, calls `onUpgrade`, follows a redirect, confirms the entitlement). */
  upgrade: (offer: Offer) => Promise<void>
  /** Starts the plan's free trial (tracks it, calls `onStartTrial`, updates `status`). */
  startTrial: (offer: PlanOffer) => Promise<void>
  /** "Contact sales" on a sales-led offer (tracks it, calls `onContactSales`). */
  contactSales: (offer: Offer) => void
  /** "Ask an admin" (tracks it, calls `onRequestUpgrade`). */
  requestUpgrade: (offer: Offer) => Promise<void>
  /** After a `timeout`: waits for the entitlement again. */
  checkAgain: () => void
}

/** Options of the paywall's model: its props besides the markup's. */
export interface PaywallModelOptions
  extends LocalizedProps,
    Pick<
      UpgradeFlowOptions,
      | 'onUpgrade'
      | 'onUpgraded'
      | 'onStartTrial'
      | 'onContactSales'
      | 'onRequestUpgrade'
      | 'confirmTimeoutMs'
      | 'surface'
      | 'navigate'
    > {
  requested?: number | undefined
  showTrials?: boolean | undefined
  headingLevel?: 2 | 3 | 4 | 5 | undefined
  titleId?: string | undefined
}

/**
 * What stands where the offers go: `loading` ("Loading plans…"), `waiting` (confirming an upgrade,
 * or its timeout), `success` (nothing), `unavailable` (no catalog), `empty` (nothing unlocks it),
 * `offers`.
 */
export type PaywallBody = 'loading' | 'waiting' | 'success' | 'unavailable' | 'empty' | 'offers'

/** @internal Everything the paywall's parts read, computed once by `Paywall.Root`. */
export interface PaywallModel extends PaywallRenderProps {
  f: Formatter
  flow: UpgradeFlow
  body: PaywallBody
  /** The current plan's card, when it is not itself an offer. */
  current: PaywallItem | null
  /** Every button waits while something runs, or while the page leaves for a checkout. */
  blocked: boolean
  featureName: string
  titleId: string
  headingLevel: 2 | 3 | 4 | 5
  /** "Contact sales" is a link to the offer's `contactUrl` when the app handles no click. */
  salesLinks: boolean
}

/** The paywall of `feature`: decision, offers, texts and the upgrade flow (see `Paywall`). */
export function usePaywallModel(feature: FeatureKey, options: PaywallModelOptions): PaywallModel {
  const { requested, showTrials = true, headingLevel = 2, locale, messages } = options
  const decision = useEntitlement(feature, requested === undefined ? undefined : { requested })
  const { snapshot } = useEntitlements()
  const { catalog, error: catalogError } = useCatalog()
  const info = useFeature(feature)
  const track = useTrack()
  const f = useFormatter({ locale, messages })
  const { t } = f
  const generatedId = useId()
  const plan = snapshot?.plan ?? undefined
  const flow = useUpgradeFlow({
    ...options,
    describe: (offer) => offerName(offer, plan?.id, f),
    feature,
    reason: decision.reason,
  })

  // On the server and while hydrating, the snapshot's own instant: the same on both sides.
  const now = useNow() ?? (snapshot ? Date.parse(snapshot.generatedAt) : 0)
  const trialEndsAt = snapshot?.trialEndsAt
  const reason = upsellReasonOf(decision, trialEndsAt, now)
  const trialRunning = trialEndsAt != null && Date.parse(trialEndsAt) > now
  const loading = decision.reason === 'loading' || (catalog === undefined && catalogError === null)
  const status: PaywallStatus = loading && flow.status === 'idle' ? 'loading' : flow.status
  const featureName = info?.name ?? feature
  const buyer = flow.canManageBilling
  // Owned add-ons (an optional wire field: older backends omit it) are never offered again.
  const owned = snapshot?.addons
  const { offers, current } = useMemo(
    () =>
      catalog
        ? offerViews(
            catalog,
            {
              feature,
              featureName,
              unit: info?.unit,
              requested,
              usage: decision.usage,
              currentPlan: plan,
              ownedAddons: (owned ?? []).map((a) => a.id),
              canManageBilling: buyer,
              trials: showTrials && !trialRunning,
            },
            f,
          )
        : { offers: [], current: null },
    [
      catalog,
      feature,
      featureName,
      info,
      requested,
      decision.usage,
      plan,
      owned,
      buyer,
      showTrials,
      trialRunning,
      f,
    ],
  )

  // One `paywall_viewed` per feature and reason the user actually sees.
  const viewed = useRef('')
  useEffect(() => {
    const key = `${feature}\u0000${decision.reason}`
    if (decision.reason === 'loading' || decision.granted || viewed.current === key) return
    viewed.current = key
    track({ type: 'paywall_viewed', feature, reason: decision.reason })
  }, [feature, decision.reason, decision.granted, track])

  const usageText =
    decision.usage !== undefined && typeof decision.limit === 'number'
      ? t.usage(f.usage(decision.usage, decision.limit, info?.unit))
      : undefined
  const errorText =
    flow.error === null
      ? null
      : flow.usedTrial
        ? t.trialAlreadyUsed(flow.offer?.name ?? '')
        : flow.action === 'trial'
          ? t.trialFailed(flow.error)
          : t.upgradeFailed(flow.error)
  return {
    decision,
    reason,
    status,
    title: t.paywallTitle(reason, featureName),
    description: t.paywallDescription(reason, featureName, usageText),
    offers,
    currentPlan: plan?.name,
    selected: flow.offer,
    selectedName: flow.offerName,
    selectedTrial: flow.action === 'trial',
    error: flow.error,
    errorText,
    canManageBilling: buyer,
    upgrade: flow.upgrade,
    startTrial: flow.startTrial,
    contactSales: flow.contactSales,
    requestUpgrade: flow.requestUpgrade,
    checkAgain: flow.checkAgain,
    f,
    flow,
    body:
      status === 'loading'
        ? 'loading'
        : status === 'confirming' || status === 'timeout'
          ? 'waiting'
          : status === 'success'
            ? 'success'
            : catalog === undefined
              ? 'unavailable'
              : offers.length === 0
                ? 'empty'
                : 'offers',
    current,
    blocked: status === 'pending' || status === 'redirecting',
    featureName,
    titleId: options.titleId ?? generatedId,
    headingLevel,
    salesLinks: options.onContactSales === undefined,
  }
}
