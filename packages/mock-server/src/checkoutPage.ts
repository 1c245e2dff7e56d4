// The simulated checkout's page: plain HTML, no script, every catalog text escaped. Pay and Cancel
// are form posts to the mock server, which answers with a redirect back to the app.
import type { Price } from '@entitle/core/engine'

export interface CheckoutPageView {
  id: string
  customerId: string
  plan: { name: string; price: Price | null }
  addons: { name: string; price: Price | null }[]
  state: 'open' | 'paid' | 'cancelled' | 'expired'
  delayMs: number
  returnUrl: string
  cancelUrl: string
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )

function money(amount: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency })
    return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2))
  } catch {
    return `${amount / 100} ${currency}`
  }
}

const PER: Record<Price['interval'], string> = { month: ' / month', year: ' / year', one_time: ' once' }

function priceText(price: Price | null): string {
  if (price === null) return 'Contact us'
  if (price.amount === 0) return 'Free'
  return `${money(price.amount, price.currency)}${PER[price.interval]}`
}

/** "$68.00 / month", or "$360.00 / year + $19.00 / month": what the customer pays, per interval. */
export function totalText(prices: readonly (Price | null)[]): string {
  if (prices.some((p) => p === null)) return 'Contact us'
  const sums = new Map<string, { amount: number; currency: string; interval: Price['interval'] }>()
  for (const price of prices as Price[]) {
    if (price.amount === 0) continue
    const key = `${price.currency}:${price.interval}`
    const sum = sums.get(key) ?? { amount: 0, currency: price.currency, interval: price.interval }
    sum.amount += price.amount
    sums.set(key, sum)
  }
  if (sums.size === 0) return 'Free'
  return [...sums.values()].map((s) => `${money(s.amount, s.currency)}${PER[s.interval]}`).join(' + ')
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f5f8; color: #1b1e28; }
  @media (prefers-color-scheme: dark) { body { background: #14161c; color: #e8eaf0; } main { background: #1f222b; border-color: #343846; } }
  main { width: min(28rem, calc(100vw - 2rem)); background: #fff; border: 1px solid #dfe2ea; border-radius: 12px; padding: 1.75rem; box-sizing: border-box; }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
  .muted { color: #5b6275; font-size: .9rem; margin: 0 0 1.25rem; }
  @media (prefers-color-scheme: dark) { .muted { color: #a3a9ba; } }
  table { width: 100%; border-collapse: collapse; margin-bottom: 1.25rem; }
  th, td { padding: .5rem 0; text-align: start; border-bottom: 1px solid #dfe2ea; }
  td:last-child, th:last-child { text-align: end; }
  tfoot th, tfoot td { font-weight: 700; border-bottom: 0; }
  .actions { display: flex; gap: .75rem; flex-wrap: wrap; }
  button, a.button { font: inherit; border-radius: 8px; padding: .6rem 1.1rem; border: 1px solid #3552c9; cursor: pointer; text-decoration: none; }
  .pay { background: #3552c9; color: #fff; }
  .cancel, a.button { background: transparent; color: inherit; border-color: #9aa1b4; }
  button:focus-visible, a:focus-visible { outline: 3px solid #8aa2ff; outline-offset: 2px; }
  .note { font-size: .85rem; margin-top: 1.25rem; }
`

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`
}

/** The page of a session (`undefined`: no such session). */
export function checkoutPage(view: CheckoutPageView | undefined): string {
  if (view === undefined)
    return layout(
      'Checkout not found',
      '<h1>Checkout not found</h1><p class="muted">This checkout link is not valid. Go back to the app and try again.</p>',
    )
  const items = [{ name: view.plan.name, price: view.plan.price }, ...view.addons]
  const total = totalText(items.map((i) => i.price))
  if (view.state !== 'open') {
    const [title, text, href, link] =
      view.state === 'paid'
        ? ['Payment received', 'This checkout is complete.', view.returnUrl, 'Back to the app']
        : view.state === 'cancelled'
          ? ['Checkout cancelled', 'Nothing was charged.', view.cancelUrl, 'Back to the app']
          : [
              'Checkout expired',
              'This checkout has expired; nothing was charged. Start again from the app.',
              view.cancelUrl,
              'Back to the app',
            ]
    return layout(
      title,
      `<h1>${title}</h1><p class="muted">${text}</p><p><a class="button" href="${escapeHtml(href)}">${link}</a></p>`,
    )
  }
  const rows = items
    .map((i) => `<tr><td>${escapeHtml(i.name)}</td><td>${escapeHtml(priceText(i.price))}</td></tr>`)
    .join('')
  const seconds = (view.delayMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })
  return layout(
    `Checkout: ${view.plan.name}`,
    `<h1>Checkout</h1>
<p class="muted">Simulated hosted checkout for customer <strong>${escapeHtml(view.customerId)}</strong>.</p>
<table>
<caption class="muted" style="caption-side: top; text-align: start">Your order</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Price</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row">Total</th><td>${escapeHtml(total)}</td></tr></tfoot>
</table>
<div class="actions">
<form method="post" action="/checkout/${escapeHtml(view.id)}/pay"><button class="pay" type="submit">Pay ${escapeHtml(total)}</button></form>
<form method="post" action="/checkout/${escapeHtml(view.id)}/cancel"><button class="cancel" type="submit">Cancel</button></form>
</div>
<p class="note muted">No card needed: this page plays Stripe Checkout's part for the demo. Paying takes you back at once; the change reaches the app ${seconds} s later, as a webhook would.</p>`,
  )
}
