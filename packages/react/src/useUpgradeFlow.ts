'use client'
// The upgrade flow of a paywall, as one hook: an upgrade (in-app, or to a hosted checkout and back),
// a trial start, "Contact sales", "Ask an admin"; the confirmation that the entitlement arrived;
// the analytics funnel. The paywall components render it; a headless paywall can use it directly.
import { type DecisionReason, type FeatureKey, type Offer, offerTaken, type PlanOffer } from '@entitle/core'
import { useEffect, useRef, useState } from 'react'
import type { CheckoutRedirect } from './checkoutRedirect.js'
import { useEntitlementsContext } from './context.js'
import { devWarn } from './dev.js'
import { useCanManageBilling, useCheckout } from './useCheckout.js'
import { useTrack } from './useTrack.js'

// Module-scoped on purpose (see dev.ts): the package builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/**
 * `idle`: nothing running; `pending`: `onUpgrade` (a trial start, a request) runs; `redirecting`: on
 * the way to a hosted checkout; `confirming`: waiting for the entitlement (after an in-app upgrade, or
 * back from a checkout); `timeout`: it did not arrive in time ("Check again"); `error`: the upgrade
 * failed; `success`: the entitlement is there; `requested`: an admin was asked; `cancelled`: back from
 * a cancelled checkout.
 */
export type UpgradeFlowStatus =
  | 'idle'
  | 'pending'
  | 'redirecting'
  | 'confirming'
  | 'timeout'
  | 'error'
  | 'success'
  | 'requested'
  | 'cancelled'

/** What an upsell callback gets besides the offer: the feature and amount the customer wanted. */
export interface UpsellContext {
  /** `''` on a pricing page or portal (no feature in particular). */
  feature: FeatureKey
  requested?: number
}

export interface UpgradeFlowOptions {
  /**
   * The feature being bought. Without one (a pricing page, a customer portal), the flow waits for the
   * offer itself to show in the snapshot (the plan, the add-on, the trial: `offerTaken`), and the
   * events carry `feature: ''`.
   */
  feature?: FeatureKey | undefined
  requested?: number | undefined
  /** Why the feature is blocked (for the analytics events). */
  reason: DecisionReason
  /**
   * Performs the upgrade. Resolves (the change is made: the flow then refreshes the client and waits
   * for the entitlement), resolves `{ redirectUrl }` (a hosted checkout: the flow remembers the
   * purchase and navigates there), or rejects (its message is shown). Default: the client's
   * `changePlan(offer.change.planId, { addons: offer.change.addons })`.
   */
  onUpgrade?: ((offer: Offer) => Promise<unknown>) | undefined
  /** Starts a plan's free trial. Default: `changePlan(offer.id, { trial: true })`. */
  onStartTrial?: ((offer: PlanOffer) => Promise<unknown>) | undefined
  /** A member who may not manage billing asks an admin for the offer. Default: none (only tracked). */
  onRequestUpgrade?: ((offer: Offer, context: UpsellContext) => unknown) | undefined
  /** "Contact sales" on a sales-led offer. Default: none (the offer's `contactUrl` link, if it has one). */
  onContactSales?: ((offer: Offer, context: UpsellContext) => unknown) | undefined
  /** Called once the entitlement arrived after an in-app upgrade or trial. Default: none. */
  onUpgraded?: ((offer: Offer) => void) | undefined
  /** How long to wait for the entitlement after an in-app upgrade, ms. Default 30_000. */
  confirmTimeoutMs?: number | undefined
  /** Where the paywall is shown (a `PaywallDialog` reopens on the way back from a checkout). Default `'inline'`. */
  surface?: 'inline' | 'dialog' | undefined
  /** How to go to a hosted checkout. Default: `window.location.assign(url)`. */
  navigate?: ((url: string) => void) | undefined
  /** An offer's name as shown ("Premium + AI assistant"), for messages and the way back. Default: `offer.name`. */
  describe?: ((offer: Offer) => string) | undefined
}

export interface UpgradeFlow {
  status: UpgradeFlowStatus
  /** The offer the flow is about (being bought, asked for, or the last tried); `null` when idle. */
  offer: Offer | null
  /** Its name; on the way back from a checkout, the name of what was bought. */
  offerName: string | null
  /** What is running or ran: an upgrade, a trial start, a request to an admin. */
  action: 'upgrade' | 'trial' | 'request' | null
  /** The error's own message (`error`). */
  error: string | null
  /** The server refused a trial because this plan's trial was used before (`trial_already_used`). */
  usedTrial: boolean
  /** Whether the user may buy (the provider's `canManageBilling`). */
  canManageBilling: boolean
  upgrade(offer: Offer): Promise<void>
  startTrial(offer: PlanOffer): Promise<void>
  requestUpgrade(offer: Offer): Promise<void>
  contactSales(offer: Offer): void
  /** After a `timeout`: waits for the entitlement again. */
  checkAgain(): void
}

interface Local {
  status: UpgradeFlowStatus
  offer: Offer | null
  action: UpgradeFlow['action']
  error: string | null
  used: boolean
}

/** The redirect URL `onUpgrade` resolved with, if it resolved with one. */
const redirectOf = (result: unknown): string | undefined => {
  const url = (result as Partial<CheckoutRedirect> | null | undefined)?.redirectUrl
  return typeof url === 'string' ? url : undefined
}
const IDLE: Local = { status: 'idle', offer: null, action: null, error: null, used: false }
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
// The server answers `409 trial_already_used` (kept by the client as `serverCode`); an app's own
// `onStartTrial` may reject with that code directly.
const usedTrial = (error: unknown) => {
  const e = error as { code?: unknown; serverCode?: unknown } | null
  return e?.serverCode === 'trial_already_used' || e?.code === 'trial_already_used'
}
const RETURN_STATUS = {
  confirming: 'confirming',
  timeout: 'timeout',
  confirmed: 'success',
  cancelled: 'cancelled',
} as const

/** The upgrade flow of one paywall (see `UpgradeFlowOptions`). A second action while one runs does nothing. */
export function useUpgradeFlow(options: UpgradeFlowOptions): UpgradeFlow {
  const { requested, reason, onUpgrade, onStartTrial, onRequestUpgrade, onContactSales } = options
  const { onUpgraded, confirmTimeoutMs = 30_000, surface = 'inline', navigate } = options
  const describe = options.describe ?? ((offer: Offer) => offer.name)
  // '' for "no feature in particular" (see `feature`): what the events and the way back carry.
  const feature = (options.feature ?? '') as FeatureKey
  const { client } = useEntitlementsContext('useUpgradeFlow')
  const track = useTrack()
  const canManageBilling = useCanManageBilling()
  const checkout = useCheckout()
  const [local, setLocal] = useState<Local>(IDLE)
  const busy = useRef(false)
  const waiting = useRef<AbortController | null>(null)
  useEffect(() => () => waiting.current?.abort(), [])

  const context: UpsellContext = requested === undefined ? { feature } : { feature, requested }
  const eventOf = (offer: Offer, trial = false) => ({
    feature,
    reason,
    planId: offer.id,
    ...(trial ? { trial } : {}),
  })

  /** Waits for the entitlement bought; `success` or `timeout`. */
  const confirm = async (offer: Offer, action: 'upgrade' | 'trial') => {
    const trial = action === 'trial'
    setLocal({ ...IDLE, status: 'confirming', offer, action })
    waiting.current?.abort()
    const controller = new AbortController()
    waiting.current = controller
    try {
      await client.waitFor(
        (feature as string) === ''
          ? offerTaken({ type: offer.type, id: offer.id, trial, change: offer.change })
          : { feature, ...(requested === undefined ? {} : { requested }) },
        { timeoutMs: confirmTimeoutMs, signal: controller.signal },
      )
    } catch {
      if (!controller.signal.aborted) setLocal({ ...IDLE, status: 'timeout', offer, action })
      return
    }
    track({ type: 'upgrade_completed', ...eventOf(offer, trial) })
    setLocal({ ...IDLE, status: 'success', offer, action })
    onUpgraded?.(offer)
  }

  const run = async (offer: Offer, action: 'upgrade' | 'trial') => {
    if (busy.current || !canManageBilling) return
    busy.current = true
    const trial = action === 'trial'
    let leaving = false
    track({ type: 'upgrade_clicked', ...eventOf(offer, trial) })
    setLocal({ ...IDLE, status: 'pending', offer, action })
    try {
      const result = await (trial
        ? onStartTrial
          ? onStartTrial(offer as PlanOffer)
          : client.changePlan(offer.id, { trial: true })
        : onUpgrade
          ? onUpgrade(offer)
          : client.changePlan(offer.change.planId, { addons: offer.change.addons }))
      const url = redirectOf(result)
      if (url !== undefined) {
        const { redirectToCheckout } = await import('./checkoutRedirect.js')
        redirectToCheckout(
          url,
          {
            customerId: client.getState().customerId,
            feature,
            ...(requested === undefined ? {} : { requested }),
            reason,
            offer: { type: offer.type, id: offer.id, name: describe(offer) },
            startedAt: Date.now(),
            surface,
          },
          navigate,
        )
        // Stays busy: the page is leaving, a second click must not start a second checkout.
        leaving = true
        setLocal({ ...IDLE, status: 'redirecting', offer, action })
        return
      }
      // The change was made elsewhere (the app's backend, a webhook): never rely on the stream alone.
      if (trial ? onStartTrial : onUpgrade) await client.refresh().catch(() => {})
    } catch (error) {
      track({ type: 'upgrade_failed', ...eventOf(offer, trial), error: messageOf(error) })
      setLocal({
        ...IDLE,
        status: 'error',
        offer,
        action,
        error: messageOf(error),
        used: trial && usedTrial(error),
      })
      return
    } finally {
      if (!leaving) busy.current = false
    }
    await confirm(offer, action)
  }

  const requestUpgrade = async (offer: Offer) => {
    if (busy.current) return
    busy.current = true
    track({ type: 'upgrade_requested', ...eventOf(offer) })
    try {
      if (process.env.NODE_ENV !== 'production' && onRequestUpgrade === undefined)
        devWarn(
          'A member who may not manage billing asked to upgrade, but the paywall has no onRequestUpgrade: only the upgrade_requested event records it. Pass onRequestUpgrade to notify an admin.',
        )
    } catch {}
    setLocal({ ...IDLE, status: 'pending', offer, action: 'request' })
    try {
      await onRequestUpgrade?.(offer, context)
      setLocal({ ...IDLE, status: 'requested', offer, action: 'request' })
    } catch (error) {
      setLocal({ ...IDLE, status: 'error', offer, action: 'request', error: messageOf(error) })
    } finally {
      busy.current = false
    }
  }

  const contactSales = (offer: Offer) => {
    track({ type: 'contact_sales_clicked', ...eventOf(offer) })
    onContactSales?.(offer, context)
  }

  const fromReturn = local.status === 'idle' && checkout?.pending.feature === feature ? checkout : undefined
  const checkAgain = () => {
    if (local.status === 'timeout' && local.offer && local.action !== 'request')
      void confirm(local.offer, local.action ?? 'upgrade')
    else fromReturn?.retry()
  }

  return {
    status: fromReturn ? RETURN_STATUS[fromReturn.status] : local.status,
    offer: local.offer,
    offerName: fromReturn ? fromReturn.pending.offer.name : local.offer ? describe(local.offer) : null,
    action: fromReturn ? 'upgrade' : local.action,
    error: local.error,
    usedTrial: local.used,
    canManageBilling,
    upgrade: (offer) => run(offer, 'upgrade'),
    startTrial: (offer) => run(offer, 'trial'),
    requestUpgrade,
    contactSales,
    checkAgain,
  }
}
