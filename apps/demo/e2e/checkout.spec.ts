// Issue 11's "Must show": upsell flows that survive a real checkout, against the mock server's
// hosted checkout (its own page, a webhook that lands after a delay), in the demo.
import { checkoutPage, currentPlan, expect, openApp, returnTiming, test, timeReturn } from './fixtures'

const DAY = 86_400_000

test('Basic → Upgrade → the checkout page → Pay → back: "Confirming…", then the AI assistant', async ({
  page,
  mock,
}) => {
  await openApp(page, 'acme', 'assistant')
  // The cheapest way to the assistant on Basic: Premium with the AI add-on ($68), before Enterprise ($299).
  const combo = page.getByRole('button', { name: 'Upgrade to Premium + AI assistant' })
  await expect(combo.locator('xpath=ancestor::li[1]')).toContainText('$68.00 / month')
  await combo.click()
  await checkoutPage(page, 'AI assistant $19.00 / month', '$68.00 / month')
  await expect(page.getByRole('row', { name: 'Premium $49.00 / month' })).toBeVisible()
  await timeReturn(page, '[data-testid="assistant"]')
  await page.getByRole('button', { name: 'Pay $68.00 / month' }).click()

  await expect(page.getByTestId('assistant')).toBeVisible()
  // "Confirming…" shows from the return until the webhook's entitlement arrives (1.5 s after Pay):
  // a window too short to poll for, so the page itself recorded when each appeared.
  const timing = await returnTiming(page, 'AI assistant (inline paywall in a Gate)')
  expect(timing.confirmingAt, '"Confirming your upgrade…" was shown first').toBeDefined()
  expect(timing.confirmingAt).toBeLessThan(timing.unlockedAt)
  await expect(page).toHaveURL(/\/\?customer=acme#\/assistant$/)
  const snapshot = await mock.snapshot('acme')
  expect(snapshot.plan?.id).toBe('premium')
})

test('Cancel on the checkout page: back at the paywall, nothing charged, nothing lost', async ({
  page,
  mock,
}) => {
  await openApp(page, 'acme', 'team')
  await page.getByLabel('Email address').fill('eli@acme.test')
  await page.getByRole('button', { name: 'Invite', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Upgrade to Premium' }).click()
  await checkoutPage(page, 'Premium $49.00 / month', '$49.00 / month')
  await page.getByRole('button', { name: 'Cancel' }).click()

  await expect(page).toHaveURL(/\/\?customer=acme#\/team$/)
  const dialog = page.getByRole('dialog', { name: 'You have reached your Seats limit' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByText('Checkout cancelled: nothing was charged.')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Upgrade to Premium' })).toBeVisible()
  await expect(page.getByLabel('Email address')).toHaveValue('eli@acme.test')
  expect((await mock.snapshot('acme')).plan?.id).toBe('basic')
})

test('a webhook slower than the wait: the timeout message, then "Check again" unlocks', async ({
  page,
  mock,
}) => {
  // No live stream in this tab, so only polling and the button can bring the change.
  await page.route('**/v1/customers/*/events', (route) => route.abort())
  await mock.checkoutDelay(10_000)
  await page.goto('/?customer=acme#/api')
  await page.getByRole('button', { name: 'Upgrade to Premium' }).click()
  await checkoutPage(page, 'Premium $49.00 / month', '$49.00 / month')
  await page.getByRole('button', { name: 'Pay $49.00 / month' }).click()

  await expect(page.getByText('Confirming your upgrade to Premium…')).toBeVisible()
  // The demo waits 8 s (the client's checkoutTimeoutMs) before saying so.
  await expect(page.getByRole('alert')).toContainText('Your upgrade to Premium is not confirmed yet.', {
    timeout: 12_000,
  })
  await expect(page.getByTestId('api-keys')).toHaveCount(0)
  // The webhook lands at 10 s; nothing tells this tab, until the customer asks.
  await expect.poll(async () => (await mock.snapshot('acme')).plan?.id, { timeout: 8_000 }).toBe('premium')
  await page.getByRole('button', { name: 'Check again' }).click()
  await expect(page.getByTestId('api-keys')).toBeVisible()
})

test('a sales-led plan: "Contact sales", never a checkout', async ({ page, mock }) => {
  await openApp(page, 'acme', 'settings')
  const paywall = page.getByRole('region', { name: 'Keep logs for a year' })
  await expect(paywall.getByRole('heading', { name: 'Dedicated' })).toBeVisible()
  await expect(paywall.getByRole('button', { name: /Upgrade/ })).toHaveCount(0)
  await paywall.getByRole('button', { name: 'Contact sales' }).click()
  await expect(
    page.getByText('Our sales team will write to you about Dedicated within a business day.'),
  ).toBeVisible()
  await expect(page).toHaveURL(/#\/settings$/)
  expect((await mock.snapshot('acme')).plan?.id).toBe('basic')
})

test('a member without billing rights sees "Ask an admin", never a way to buy', async ({ page, mock }) => {
  await openApp(page, 'acme', 'team')
  await page.getByLabel('as', { exact: true }).selectOption({ label: 'Grace Hopper' })
  await page.getByLabel('Email address').fill('eli@acme.test')
  await page.getByRole('button', { name: 'Invite', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'You have reached your Seats limit' })
  await expect(dialog.getByText('Only a billing admin can change the plan.')).toBeVisible()
  await expect(dialog.getByRole('button', { name: /^Upgrade to|free trial/ })).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Ask an admin to upgrade to Premium' }).click()
  await expect(dialog.getByText('Your admins have been asked to upgrade to Premium.')).toBeVisible()
  await expect(page.getByText('We asked Ada Lovelace (billing admin) to upgrade to Premium.')).toBeVisible()
  expect((await mock.snapshot('acme')).plan?.id).toBe('basic')

  // Billing says the same.
  await page.keyboard.press('Escape')
  await page.getByRole('link', { name: 'Billing' }).click()
  await expect(page.getByRole('button', { name: 'Ask an admin to upgrade to Premium' })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Upgrade to|^Switch to|^Add |free trial/ })).toHaveCount(0)
})

/** "Dec 1, 2026": the first day of the next month on the mock clock, as the banner writes it. */
function nextMonth(now: number): { at: number; text: string } {
  const d = new Date(now)
  const at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
  const text = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(at)
  return { at, text }
}

test('a downgrade scheduled for the end of the period, played through with the mock clock', async ({
  page,
  mock,
}) => {
  await openApp(page, 'globex', 'billing')
  const { at, text } = nextMonth(await mock.now())
  await page.getByRole('button', { name: 'Switch to Basic' }).click()
  const banner = page.getByRole('status').filter({ hasText: 'Your plan changes' })
  await expect(banner).toContainText(`Your plan changes from Premium to Basic on ${text}.`)
  await expect(currentPlan(page)).toHaveText('Premium')
  await expect(page.getByRole('table', { name: 'Plans' }).getByText(`From ${text}`)).toBeVisible()
  // Until then, Premium's entitlements stay.
  await page.getByRole('link', { name: 'API', exact: true }).click()
  await expect(page.getByTestId('api-keys')).toBeVisible()

  await page
    .getByLabel('Days to move the server clock forward')
    .fill(String(Math.ceil((at - (await mock.now())) / DAY)))
  await page.getByRole('button', { name: 'Move clock forward' }).click()
  await expect(page.getByRole('heading', { name: 'API access is not included in your plan' })).toBeVisible()
  await expect(banner).toHaveCount(0)
  await expect(page.getByText('Basic plan', { exact: true })).toBeVisible()
})

test('a failed payment: a grace period with "Update your payment method by …", then paused, then paid', async ({
  page,
  mock,
}) => {
  await openApp(page, 'globex', 'api')
  const graceEnds = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    (await mock.now()) + 7 * DAY,
  )
  await page.getByRole('button', { name: 'Fail the next payment' }).click()
  const banner = page.getByRole('alert').filter({ hasText: 'payment' })
  await expect(banner).toContainText(
    `Your last payment failed. Update your payment method by ${graceEnds} to keep Premium.`,
  )
  await expect(page.getByTestId('api-keys')).toBeVisible() // the plan stays during the grace period

  await page.getByLabel('Days to move the server clock forward').fill('8')
  await page.getByRole('button', { name: 'Move clock forward' }).click()
  await expect(banner).toContainText(
    'Your payment is overdue: Premium is paused until you update your payment method.',
  )
  await expect(page.getByRole('heading', { name: 'API access is not included in your plan' })).toBeVisible()

  await banner.getByRole('button', { name: 'Update payment method' }).click()
  await expect(page.getByTestId('api-keys')).toBeVisible()
  await expect(banner).toHaveCount(0)
})
