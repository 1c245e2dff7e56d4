import { expect, measureUpgrade, openApp, test } from './fixtures'

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

test('the Query API is locked on Basic and opens right after an upgrade', async ({ page }) => {
  await openApp(page, 'acme', 'api')
  await expect(page.getByRole('heading', { name: 'API access is not included in your plan' })).toBeVisible()
  await expect(page.getByTestId('api-keys')).toHaveCount(0)

  await measureUpgrade(
    page,
    'API (inline paywall)',
    page.getByRole('button', { name: 'Upgrade to Premium' }),
    '[data-testid="api-keys"]',
  )
  await expect(page.getByRole('heading', { name: 'API access is not included in your plan' })).toHaveCount(0)
  await expect(page.getByRole('meter', { name: 'API calls' })).toHaveAttribute(
    'aria-valuetext',
    '950 of 50,000 calls',
  )
})
