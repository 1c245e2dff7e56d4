// How LogPilot sells: the paywall's chosen offer becomes a hosted checkout session. Here the mock
// server plays Stripe Checkout (POST /v1/customers/:id/checkout-sessions, then its own page); a real
// app asks its backend for a Stripe Checkout session the same way. The paywall navigates to the
// session's URL, and the way back (`?checkout=success` / `cancel`) is recognised by the client
// (`checkoutReturn: 'checkout'` in client.ts), which waits for the webhook's entitlement.
import type { OfferChange } from '@entitle/core'
import { ENTITLE_URL } from './client'

/** The URL parameter the return and cancel URLs carry (the client's `checkoutReturn`). */
export const CHECKOUT_PARAM = 'checkout'

/** This page, with `?checkout=<outcome>`: where the checkout sends the customer back. */
function back(outcome: 'success' | 'cancel'): string {
  const url = new URL(window.location.href)
  url.searchParams.set(CHECKOUT_PARAM, outcome)
  return url.href
}

/** Opens a checkout session for a subscription change (an offer's `change`); resolves `{ redirectUrl }` for the paywall. */
export async function startCheckout(
  customerId: string,
  change: OfferChange,
): Promise<{ redirectUrl: string }> {
  const response = await fetch(
    `${ENTITLE_URL}/v1/customers/${encodeURIComponent(customerId)}/checkout-sessions`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer demo-${customerId}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        planId: change.planId,
        addons: change.addons,
        returnUrl: back('success'),
        cancelUrl: back('cancel'),
      }),
    },
  )
  const json = (await response.json().catch(() => null)) as {
    url?: string
    error?: { message?: string }
  } | null
  if (!response.ok || typeof json?.url !== 'string')
    throw new Error(json?.error?.message ?? `the checkout could not start (HTTP ${response.status})`)
  return { redirectUrl: json.url }
}
