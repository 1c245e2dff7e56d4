// The Stripe webhook is mounted with the rest of the server: an unsigned event is refused, a signed
// one is applied and reaches the open page. (Signed here with the test's secret, not sent by Stripe.)
import { STRIPE_SUMMARY_EVENT, stripeSignatureHeader } from '@entitle/server'
import { connection, expect, signIn, test } from './fixtures'

const WEBHOOK = '/api/entitlements/v1/webhooks/stripe'

/** Stripe's summary of a customer's active entitlements, as its webhook delivers it. */
function summary(id: string, customer: string, lookupKeys: string[]): string {
  return JSON.stringify({
    id,
    type: STRIPE_SUMMARY_EVENT,
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        object: 'entitlements.active_entitlement_summary',
        customer,
        entitlements: {
          object: 'list',
          has_more: false,
          data: lookupKeys.map((key, i) => ({ id: `ent_${i}`, lookup_key: key })),
        },
      },
    },
  })
}

test('the Stripe webhook refuses an unsigned event and applies a signed one, live', async ({ page }) => {
  await signIn(page, 'acme')
  await page.getByRole('link', { name: 'AI assistant' }).click()
  await expect(page.getByRole('heading', { name: 'AI assistant is not included in your plan' })).toBeVisible()
  await expect(connection(page)).toHaveText('Live')

  const payload = summary('evt_e2e_1', 'cus_acme', ['ai-assistant'])
  const unsigned = await page.request.post(WEBHOOK, {
    data: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
  })
  expect(unsigned.status()).toBe(400)

  const signature = await stripeSignatureHeader(
    payload,
    process.env.STRIPE_WEBHOOK_SECRET ?? '',
    Math.floor(Date.now() / 1000),
  )
  const signed = await page.request.post(WEBHOOK, {
    data: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  })
  expect(signed.status(), await signed.text()).toBe(200)
  await expect(page.getByTestId('assistant')).toBeVisible()
})
