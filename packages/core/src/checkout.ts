// A hosted checkout (Stripe Checkout and the like) takes the customer to another site and back; the
// new entitlements arrive later, through the billing provider's webhook. Before the redirect the
// paywall remembers what was being bought (in sessionStorage: this tab only, gone with it); on the
// way back the client recognises the return by the app's own marker in the URL, and waits for the
// entitlement (checkoutReturn.ts, which reads what this remembered). Nothing here throws: storage may
// be missing or hostile. The entry `@entitle/core/checkout`: loaded by a paywall only when it redirects.
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
