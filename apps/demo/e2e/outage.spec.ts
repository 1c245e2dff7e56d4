import { connection, expect, openApp, test } from './fixtures'

test('server down with a persisted snapshot: a reload shows the right gates at once', async ({
  page,
  mock,
}) => {
  await openApp(page, 'acme', 'api')
  await expect(page.getByRole('heading', { name: 'API access is not included in your plan' })).toBeVisible()

  await mock.outage(true, 'hang')
  await page.reload()
  // The snapshot saved in localStorage decides on the first render, while the service does not answer.
  const atOnce = { timeout: 1_000 }
  await expect(page.getByRole('heading', { name: 'API access is not included in your plan' })).toBeVisible(
    atOnce,
  )
  await expect(page.getByRole('meter', { name: 'API calls' })).toHaveAttribute(
    'aria-valuetext',
    '950 of 1,000 calls',
    atOnce,
  )
  await expect(page.getByTestId('api-keys')).toHaveCount(0)
  await page.getByRole('link', { name: 'Logs' }).click()
  await expect(page.getByTestId('advanced-filters')).toBeVisible(atOnce)
  await page.getByRole('link', { name: 'Team' }).click()
  await expect(page.getByRole('meter', { name: 'Seats in use' })).toHaveAttribute(
    'aria-valuetext',
    '3 of 3 seats',
    atOnce,
  )

  // Once the refresh gives up, the app says it is showing cached data.
  await expect(connection(page)).toHaveText('Offline · cached', { timeout: 15_000 })
  await page.getByRole('link', { name: 'Logs' }).click()
  await expect(page.getByTestId('advanced-filters')).toBeVisible()
})

test('server down with nothing cached: fail-open features stay usable and hard-limited actions are refused', async ({
  page,
  mock,
}) => {
  // Playwright gives every test a fresh browser context: no snapshot, catalog or customer is stored.
  expect(await page.context().storageState()).toMatchObject({ origins: [] })
  await mock.outage(true, 'hang')
  await page.goto('/?customer=acme#/logs')
  await expect(connection(page)).toHaveText('Offline · fallbacks', { timeout: 15_000 })

  // Fail open: advanced filtering works.
  await page.getByLabel('Regular expression on the message').fill('order \\d+')
  await expect(page.getByText('3 of 12 events')).toBeVisible()

  // Hard limit: with no data, seats fall back to a limit of 0, so inviting is refused.
  await page.getByRole('link', { name: 'Team' }).click()
  await page.getByLabel('Email address').fill('fay@acme.test')
  await page.getByRole('button', { name: 'Invite', exact: true }).click()
  await expect(page.getByRole('alert')).toHaveText(/invitations are paused/)
  await expect(page.getByRole('dialog')).toBeHidden()
  await expect(page.getByText('Invitation sent')).toHaveCount(0)

  // The service comes back: the real snapshot replaces the fallbacks.
  await mock.outage(false)
  await expect(connection(page)).toHaveText('Live', { timeout: 15_000 })
  await expect(page.getByRole('meter', { name: 'Seats in use' })).toHaveAttribute(
    'aria-valuetext',
    '3 of 3 seats',
  )
  expect((await mock.snapshot('acme')).entitlements.seats?.usage).toBe(3)
})
