// Going to a hosted checkout: what `onUpgrade` resolved with is checked (an http(s) URL only, never
// `javascript:`), what is being bought is remembered for the way back (sessionStorage), and the
// browser navigates. The way back is the client's (`checkoutReturn`, in @entitle/core). A chunk of its
// own: only an app that redirects loads it, when it does.
import type { PendingCheckout } from '@entitle/core'
import { rememberCheckout } from '@entitle/core/checkout'

/** What `onUpgrade` resolves with to send the customer to a hosted checkout. */
export interface CheckoutRedirect {
  redirectUrl: string
}

/** Checks the URL, remembers the checkout, navigates. Throws for a URL that is not http(s). */
export function redirectToCheckout(
  url: string,
  pending: PendingCheckout,
  navigate: (url: string) => void = (href) => window.location.assign(href),
): void {
  let parsed: URL | undefined
  try {
    parsed = new URL(url, typeof location === 'undefined' ? undefined : location.href)
  } catch {}
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
    throw new Error(`onUpgrade resolved with a redirectUrl that is not an http(s) URL: ${url.slice(0, 60)}`)
  rememberCheckout(pending)
  navigate(parsed.href)
}
