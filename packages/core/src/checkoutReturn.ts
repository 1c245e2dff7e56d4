// The way back from a hosted checkout, as the client handles it on `start()` (a lazy chunk, loaded
// only when the app set `checkoutReturn` and the URL says the customer is coming back): the marker
// is removed from the address bar, the pending checkout read, and the client waits for the
// entitlement that was bought, live or by polling. The outcome is `state.checkout`.

import { type CheckoutReturnMatcher, matchCheckoutReturn, takePendingCheckout } from './checkout.js'
import type { CheckoutState } from './clientTypes.js'
import { offerTaken } from './offerTaken.js'
import type { EntitlementEvent } from './types.js'
import { type Waitable, waitFor } from './waitFor.js'

export interface CheckoutReturnContext {
  client: Waitable & { track(event: EntitlementEvent): void }
  matcher: CheckoutReturnMatcher
  timeoutMs: number
  /** Sets `state.checkout`. */
  set(state: CheckoutState | undefined): void
}

/** Handles the current URL if it is a checkout return; returns whether it was. */
export function handleCheckoutReturn({ client, matcher, timeoutMs, set }: CheckoutReturnContext): boolean {
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
