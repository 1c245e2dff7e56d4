// The way back from a hosted checkout, as the client handles it on `start()` (a lazy chunk, loaded
// only when the app set `checkoutReturn` and the URL says the customer is coming back): the marker
// is removed from the address bar, the pending checkout read, and the client waits for the
// entitlement that was bought, live or by polling. The outcome is `state.checkout`.

// It imports nothing the main chunk exports at runtime (types only; offerTaken comes with the context):
// with code splitting, a module both chunks reach is split out and loaded with the main one, used or not.
import type { CheckoutReturnMatcher, PendingCheckout } from './checkout.js'
import type { CheckoutState, StorageLike } from './clientTypes.js'
import type { offerTaken } from './offerTaken.js'
import type { EntitlementEvent } from './types.js'
import { type Waitable, type WaitError, waitFor } from './waitFor.js'

/** `PENDING_CHECKOUT_KEY` of checkout.ts (the same string, kept apart for the reason above). */
const KEY = 'entitle:v1:checkout'
/** A pending checkout older than this is forgotten (a tab left on the checkout page for a day). */
const MAX_PENDING_MS = 86_400_000

function session(): StorageLike | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage
  } catch {
    return undefined
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
    raw = storage?.getItem(KEY)
    storage?.removeItem(KEY)
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

export interface CheckoutReturnContext {
  client: Waitable & { track(event: EntitlementEvent): void }
  matcher: CheckoutReturnMatcher
  timeoutMs: number
  /** The client's error for a wait that timed out. */
  error: WaitError
  /** `offerTaken`, for a purchase made for no feature in particular. */
  offerTaken: typeof offerTaken
  /** Sets `state.checkout`. */
  set(state: CheckoutState | undefined): void
}

/** Handles the current URL if it is a checkout return; returns whether it was. */
export function handleCheckoutReturn({
  client,
  matcher,
  timeoutMs,
  error,
  offerTaken,
  set,
}: CheckoutReturnContext): boolean {
  const url = new URL(location.href)
  const result = matchCheckoutReturn(matcher, url)
  if (result === null) return false
  if (typeof matcher === 'string') {
    // A reload must not announce the return again.
    url.searchParams.delete(matcher)
    history.replaceState(history.state, '', url)
  }
  const returnedAt = Date.now()
  const pending = takePendingCheckout(client.getState().customerId, returnedAt)
  if (pending === undefined) {
    // Back without knowing what was bought (another tab, a bookmarked URL): show the latest data.
    client.refresh().catch(() => {})
    return true
  }
  const dismiss = () => set(undefined)
  const state = (status: CheckoutState['status'], confirmedAt: number | null = null): CheckoutState => ({
    status,
    pending,
    returnedAt,
    confirmedAt,
    retry: wait,
    dismiss,
  })
  let waiting = false
  function wait() {
    if (waiting) return
    waiting = true
    set(state('confirming'))
    waitFor(
      client,
      // A purchase made for no feature in particular (a pricing page): the offer shows in the snapshot.
      pending!.feature === ''
        ? offerTaken(pending!.offer)
        : {
            feature: pending!.feature,
            ...(pending!.requested === undefined ? {} : { requested: pending!.requested }),
          },
      { timeoutMs },
      error,
    ).then(
      () => {
        waiting = false
        client.track({
          type: 'upgrade_completed',
          feature: pending!.feature,
          reason: pending!.reason,
          planId: pending!.offer.id,
        })
        set(state('confirmed', Date.now()))
      },
      () => {
        waiting = false
        set(state('timeout'))
      },
    )
  }
  if (result === 'cancel') set(state('cancelled'))
  else wait()
  return true
}
