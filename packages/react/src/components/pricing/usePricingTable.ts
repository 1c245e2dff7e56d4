'use client'
import {
  type Addon,
  type AddonOffer,
  type Catalog,
  type FeatureKey,
  type Offer,
  type PlanOffer,
  plansThatUnlock,
} from '@entitle/core'
import { useMemo, useState } from 'react'
import { useCatalog } from '../../useCatalog.js'
import { useEntitlements } from '../../useEntitlements.js'
import { type UpgradeFlow, useUpgradeFlow } from '../../useUpgradeFlow.js'
import { addonOffer, planOffer } from './catalogOffers.js'
import { type BillingInterval, billingIntervals, type PricingColumn, pricingColumns } from './pricingPlans.js'

/**
 * The actions of a pricing table (and a customer portal). They run through the paywall's upgrade flow
 * (`useUpgradeFlow`): a promise keeps the button pending; resolving `{ redirectUrl }` goes to a hosted
 * checkout and back; once done, the table says "Confirming…" until the snapshot shows the plan (or
 * add-on, or trial); a rejection shows its message; analytics events carry `feature: ''`.
 */
export interface PricingActions {
  /**
   * A plan (or an add-on) is chosen. Default: `changePlan(offer.change.planId, { addons: offer.change.addons })`
   * of the nearest provider, the in-app change the mock server and `@entitle/server` accept.
   */
  onSelectPlan?: ((offer: Offer) => Promise<unknown>) | undefined
  /** A plan's free trial is chosen ("Start 14-day free trial"). Default: `changePlan(offer.id, { trial: true })`. */
  onStartTrial?: ((offer: PlanOffer) => Promise<unknown>) | undefined
  /**
   * "Contact sales" on a sales-led plan (no price, or `salesLed`). Default: none; a plan with a
   * `contactUrl` is then a link to it.
   */
  onContactSales?: ((offer: PlanOffer) => unknown) | undefined
  /**
   * A member who may not manage billing (the provider's `canManageBilling`) asks an admin for a plan:
   * the buttons say "Ask an admin to upgrade to Premium". Default: none (only `upgrade_requested` is reported).
   */
  onRequestUpgrade?: ((offer: Offer) => unknown) | undefined
  /** Called once the snapshot shows what was chosen. Default: none. */
  onUpgraded?: ((offer: Offer) => void) | undefined
  /** How to go to a hosted checkout (`onSelectPlan` resolved `{ redirectUrl }`). Default: `window.location.assign(url)`. */
  navigate?: ((url: string) => void) | undefined
  /**
   * When a plan cheaper than the current one takes effect: `'now'` (through `onSelectPlan`, like any
   * plan), or `'period_end'`: the table schedules it itself with `changePlan(plan, { addons, at:
   * 'period_end' })` (what was paid for stays until then; nothing to pay) and marks the plan "From
   * Dec 1, 2026". Default `'now'`.
   */
  downgradeAt?: 'now' | 'period_end' | undefined
}

export interface PricingTableOptions extends PricingActions {
  /** Highlight the cheapest plan (and add-on) that unlocks this feature, and its row. Default: none. */
  feature?: FeatureKey | undefined
  /** The billing interval shown first. Default: the current plan's, else monthly. */
  defaultInterval?: BillingInterval | undefined
}

/** One plan column, with everything its buttons need. */
export interface PricingPlanView extends PricingColumn {
  offer: PlanOffer
  isCurrent: boolean
  /** The plan that unlocks `feature` (the cheapest one without add-ons). */
  isHighlighted: boolean
  /** Bought through sales: "Contact sales" instead of a change. */
  isSalesLed: boolean
  /** Cheaper than the current plan (its button says "Switch to", not "Upgrade to"). */
  isDowngrade: boolean
  /** The plan a change scheduled for the end of the period goes to, and when (ISO), else `null`. */
  scheduledAt: string | null
  /** A free trial is offered (the plan has one, it is not current, no trial runs). */
  canTrial: boolean
}

export interface PricingAddonView {
  addon: Addon
  offer: AddonOffer | null
  owned: boolean
  /** Sold with the current plan. */
  available: boolean
  isHighlighted: boolean
}

/** What a pricing table shows, and its actions, as `PricingTable` renders them. */
export interface PricingTableModel {
  catalog: Catalog | undefined
  status: 'loading' | 'unavailable' | 'ready'
  intervals: BillingInterval[]
  interval: BillingInterval
  setInterval(interval: BillingInterval): void
  plans: PricingPlanView[]
  addons: PricingAddonView[]
  /** The upgrade flow the actions run through (status, offer, error; `canManageBilling`). */
  flow: UpgradeFlow
  /** The action running (pending, or on the way to a checkout): `"plan:premium"`, `"trial:enterprise"`, `"addon:extra-seats"`; `null` when none. */
  pending: string | null
  /** Why the last downgrade at the end of the period could not be scheduled. */
  scheduleError: string | null
  select(offer: Offer): Promise<void>
  startTrial(offer: PlanOffer): Promise<void>
  contactSales(offer: PlanOffer): void
  requestUpgrade(offer: Offer): Promise<void>
}

const yearly = (amount: number, interval: string) => (interval === 'year' ? amount : amount * 12)

/** The catalog's plans for a pricing page, with the customer's current plan, trial and add-ons. */
export function usePricingTable(options: PricingTableOptions = {}): PricingTableModel {
  const { feature, defaultInterval, onSelectPlan, onStartTrial, onContactSales, onRequestUpgrade } = options
  const { onUpgraded, navigate, downgradeAt = 'now' } = options
  const { catalog, error: catalogError } = useCatalog()
  const { snapshot, changePlan } = useEntitlements()
  const [scheduling, setScheduling] = useState<string | null>(null)
  const [scheduleError, setScheduleError] = useState<string | null>(null)
  const scheduled = snapshot?.subscription?.scheduledChange ?? null
  const [chosen, setInterval] = useState<BillingInterval | null>(null)
  // No feature for the flow: `feature` only says what to highlight, and what was chosen (Premium,
  // say) need not grant it; the flow waits for the chosen offer instead.
  const flow = useUpgradeFlow({
    reason: 'entitled',
    onUpgrade: onSelectPlan,
    onStartTrial,
    onContactSales: onContactSales && ((offer) => onContactSales(offer as PlanOffer)),
    onRequestUpgrade: onRequestUpgrade && ((offer) => onRequestUpgrade(offer)),
    onUpgraded,
    navigate,
  })

  const currentPlanId = snapshot?.plan?.id
  const ownedAddons = snapshot?.addons
  const owned = useMemo(() => (ownedAddons ?? []).map((a) => a.id), [ownedAddons])
  const trialRunning =
    snapshot?.subscription?.status === 'trialing' ||
    (snapshot?.trialEndsAt != null && Date.parse(snapshot.trialEndsAt) > Date.parse(snapshot.generatedAt))
  const intervals = useMemo(() => (catalog ? billingIntervals(catalog) : []), [catalog])
  const current = catalog?.plans.find((p) => p.id === currentPlanId)
  const currentInterval = current?.price?.interval
  const interval: BillingInterval =
    chosen ??
    defaultInterval ??
    (currentInterval === 'year' && intervals.includes('year') ? 'year' : (intervals[0] ?? 'month'))

  const unlocking = useMemo(
    () =>
      catalog && feature !== undefined
        ? plansThatUnlock(catalog, feature, { currentPlanId: currentPlanId ?? null, currentAddons: owned })
        : [],
    [catalog, feature, currentPlanId, owned],
  )

  const plans = useMemo<PricingPlanView[]>(() => {
    if (!catalog) return []
    const columns = pricingColumns(catalog, interval)
    const shown = new Set(columns.map((c) => c.plan.id))
    const unlocks = unlocking.find(
      (o) => o.type === 'plan' && !o.isCurrent && o.addons.length === 0 && shown.has(o.id),
    )
    const base = current?.price
    return columns.map((column) => {
      const offer = planOffer(catalog, column.plan, { currentPlanId, currentAddons: owned, feature })
      const price = column.plan.price
      return {
        ...column,
        offer,
        isCurrent: offer.isCurrent,
        isHighlighted: unlocks?.id === column.plan.id,
        isSalesLed: offer.salesLed,
        isDowngrade:
          !offer.isCurrent &&
          base != null &&
          price !== null &&
          price.currency === base.currency &&
          yearly(price.amount, price.interval) < yearly(base.amount, base.interval),
        scheduledAt: scheduled?.plan?.id === column.plan.id ? scheduled.at : null,
        canTrial: !offer.isCurrent && !offer.salesLed && column.plan.trialDays > 0 && !trialRunning,
      }
    })
  }, [catalog, interval, unlocking, current, currentPlanId, owned, feature, trialRunning, scheduled])

  const addons = useMemo<PricingAddonView[]>(() => {
    if (!catalog) return []
    const unlocks = unlocking.find((o) => o.type === 'addon' && !o.isCurrent)
    return catalog.addons.map((addon) => {
      const available = currentPlanId !== undefined && addon.availableFor.includes(currentPlanId)
      const has = owned.includes(addon.id)
      return {
        addon,
        owned: has,
        available,
        isHighlighted: unlocks?.id === addon.id,
        offer:
          available && currentPlanId !== undefined
            ? addonOffer(
                addon,
                currentPlanId,
                has ? owned.filter((id) => id !== addon.id) : [...owned, addon.id],
              )
            : null,
      }
    })
  }, [catalog, unlocking, currentPlanId, owned])

  const running = (flow.status === 'pending' || flow.status === 'redirecting') && flow.offer !== null
  const pending =
    scheduling ??
    (running ? `${flow.action === 'trial' ? 'trial' : flow.offer!.type}:${flow.offer!.id}` : null)
  /** A downgrade at the end of the period: no payment, nothing to wait for but the scheduled change. */
  const schedule = async (offer: PlanOffer) => {
    if (pending !== null) return
    setScheduling(`plan:${offer.id}`)
    setScheduleError(null)
    try {
      await changePlan(offer.change.planId, { addons: offer.change.addons, at: 'period_end' })
    } catch (error) {
      setScheduleError(error instanceof Error ? error.message : String(error))
    } finally {
      setScheduling(null)
    }
  }

  return {
    catalog,
    status: catalog ? 'ready' : catalogError ? 'unavailable' : 'loading',
    intervals,
    interval,
    setInterval,
    plans,
    addons,
    flow,
    pending,
    scheduleError,
    select: (offer) => {
      const view = offer.type === 'plan' ? plans.find((p) => p.plan.id === offer.id) : undefined
      return downgradeAt === 'period_end' && view?.isDowngrade && offer.type === 'plan'
        ? schedule(offer)
        : flow.upgrade(offer)
    },
    startTrial: flow.startTrial,
    contactSales: flow.contactSales,
    requestUpgrade: flow.requestUpgrade,
  }
}
