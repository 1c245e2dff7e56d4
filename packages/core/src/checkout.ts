// A hosted checkout (Stripe Checkout and the like) takes the customer to another site and back; the
// new entitlements arrive later, through the billing provider's webhook. Before the redirect the
// paywall remembers what was being bought (in sessionStorage: this tab only, gone with it); on the
// way back the client recognises the return by the app's own marker in the URL, and waits for the
// entitlement (checkoutReturn.ts). Nothing here throws: storage may be missing or hostile.
import type { StorageLike } from './clientTypes.js'
import type { DecisionReason } from './types.js'

/** What a paywall remembers across the redirect to a hosted checkout. */
export interface PendingCheckout {
  customerId: string
  /**
   * The feature the customer was buying, and for how many units (metered); `''` for a purchase made
   * for no feature in particular (a pricing page): the way back then waits for the offer itself.
   */
  feature: string
  requested?: number
  /** Why it was blocked (for the `upgrade_completed` event). */
  reason: DecisionReason
  /** The offer taken. */
  offer: { type: 'plan' | 'addon'; id: string; name: string }
  /** Epoch ms the redirect started. */
  startedAt: number
  /** Where the paywall was: `'dialog'` (a `PaywallDialog`, reopened on the way back) or `'inline'`. */
  surface: 'inline' | 'dialog'
}

/**
 * How the app recognises the way back from a checkout: the name of a URL parameter it put in the
 * return and cancel URLs (`?checkout=success`, `?checkout=cancel`: the value `cancel` or `cancelled`
 * means cancelled, anything else success; the parameter is removed from the address bar), or a
 * function of the URL.
 */
export type CheckoutReturnMatcher = string | ((url: URL) => 'success' | 'cancel' | null)

/** The sessionStorage key of the pending checkout. */
export const PENDING_CHECKOUT_KEY = 'entitle:v1:checkout'
/** A pending checkout older than this is forgotten (a tab left on the checkout page for a day). */
const MAX_PENDING_MS = 86_400_000

function session(): StorageLike | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage
  } catch {
    return undefined
  }
}

/** Remembers a checkout about to start (the paywall calls it right before redirecting). */
export function rememberCheckout(
  pending: PendingCheckout,
  storage: StorageLike | undefined = session(),
): void {
  try {
    storage?.setItem(PENDING_CHECKOUT_KEY, JSON.stringify(pending))
  } catch {
    // Full or blocked storage: the return still refreshes; it just cannot say what was bought.
  }
}

/** The pending checkout of `customerId`, removed from storage; `undefined` if none, stale or malformed. */
export function takePendingCheckout(
  customerId: string,
  now: number,
  storage: StorageLike | undefined = session(),
): PendingCheckout | undefined {
  let raw: string | null | undefined
  try {
    raw = storage?.getItem(PENDING_CHECKOUT_KEY)
    storage?.removeItem(PENDING_CHECKOUT_KEY)
  } catch {
    return undefined
  }
  try {
    const p = JSON.parse(raw ?? 'null') as PendingCheckout | null
    const fresh = typeof p?.startedAt === 'number' && now - p.startedAt < MAX_PENDING_MS
    const valid =
      p?.customerId === customerId &&
      typeof p.feature === 'string' &&
      (p.requested === undefined || typeof p.requested === 'number') &&
      typeof p.offer?.id === 'string' &&
      typeof p.offer.name === 'string'
    return fresh && valid ? p : undefined
  } catch {
    return undefined
  }
}

/** Whether `url` is the way back from a checkout, and which way. */
export function matchCheckoutReturn(matcher: CheckoutReturnMatcher, url: URL): 'success' | 'cancel' | null {
  if (typeof matcher === 'function') return matcher(url)
  const value = url.searchParams.get(matcher)
  if (value === null) return null
  return value === 'cancel' || value === 'cancelled' ? 'cancel' : 'success'
}
