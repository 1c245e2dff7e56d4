import { checkoutPage, expect, openApp, returnTiming, test, timeReturn } from './fixtures'

test('api calls past the soft limit: a warning shows and calls keep working', async ({ page, mock }) => {
  await openApp(page, 'acme', 'api')
  const calls = page.getByRole('meter', { name: 'API calls' })
  const simulate = page.getByRole('button', { name: 'Simulate 250 calls' })
  await expect(calls).toHaveAttribute('aria-valuetext', '950 of 1,000 calls')
  await expect(page.getByText('You have used 950 of 1,000 calls. Upgrade before you run out.')).toBeVisible()

  await simulate.click()
  await expect(calls).toHaveAttribute('aria-valuetext', '1,200 of 1,000 calls')
  await expect(
    page.getByText(
      'You are over your API calls limit (1,200 of 1,000 calls). Upgrade to avoid interruptions.',
    ),
  ).toBeVisible()
  await expect(page.getByText('250 calls recorded: past the allowance, and still answered.')).toBeVisible()

  // Past the soft limit the calls are still accepted, by the client and by the server.
  await simulate.click()
  await expect(calls).toHaveAttribute('aria-valuetext', '1,450 of 1,000 calls')
  await expect(page.getByText('500 calls recorded: past the allowance, and still answered.')).toBeVisible()
  await expect(page.getByText(/were not recorded/)).toHaveCount(0)
  await expect.poll(async () => (await mock.snapshot('acme')).entitlements['api-calls']?.usage).toBe(1450)
})

test('the Query API is locked on Basic and opens once the checkout is confirmed', async ({ page }) => {
  await openApp(page, 'acme', 'api')
  await expect(page.getByRole('heading', { name: 'API access is not included in your plan' })).toBeVisible()
  await expect(page.getByTestId('api-keys')).toHaveCount(0)

  await page.getByRole('button', { name: 'Upgrade to Premium' }).click()
  await checkoutPage(page, 'Premium $49.00 / month', '$49.00 / month')
  await timeReturn(page, '[data-testid="api-keys"]')
  await page.getByRole('button', { name: 'Pay $49.00 / month' }).click()
  await expect(page.getByTestId('api-keys')).toBeVisible()
  await returnTiming(page, 'API (inline paywall)')
  await expect(page.getByRole('heading', { name: 'API access is not included in your plan' })).toHaveCount(0)
  await expect(page.getByRole('meter', { name: 'API calls' })).toHaveAttribute(
    'aria-valuetext',
    '950 of 50,000 calls',
  )
})
