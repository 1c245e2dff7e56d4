import { checkoutPage, expect, openApp, returnTiming, test, timeReturn } from './fixtures'

test('inviting up to the hard seat limit opens the paywall; after a checkout round trip inviting works again', async ({
  page,
  mock,
}) => {
  await openApp(page, 'acme', 'team')
  const seats = page.getByRole('meter', { name: 'Seats in use' })
  const email = page.getByLabel('Email address')
  const inviteButton = page.getByRole('button', { name: 'Invite', exact: true })
  await expect(seats).toHaveAttribute('aria-valuetext', '3 of 3 seats')

  // Removing a member releases a seat (a negative usage report).
  await page.getByRole('button', { name: 'Remove Alan Turing' }).click()
  await expect(seats).toHaveAttribute('aria-valuetext', '2 of 3 seats')
  await expect(page.getByText('Alan Turing was removed; their seat is free again.')).toBeVisible()
  expect((await mock.snapshot('acme')).entitlements.seats?.usage).toBe(2)

  // Invite up to the limit.
  await email.fill('dana@acme.test')
  await inviteButton.click()
  await expect(page.getByText('Invitation sent to dana@acme.test.')).toBeVisible()
  await expect(seats).toHaveAttribute('aria-valuetext', '3 of 3 seats')
  await expect(page.getByRole('listitem').filter({ hasText: 'dana@acme.test' })).toBeVisible()

  // One more: the hard stop opens the paywall dialog instead of inviting.
  await email.fill('eli@acme.test')
  await inviteButton.click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('heading', { name: 'You have reached your Seats limit' })).toBeVisible()
  expect((await mock.snapshot('acme')).entitlements.seats?.usage).toBe(3)

  // Upgrade: the mock server's hosted checkout, Pay, and back; the webhook lands 1.5 s after Pay.
  await dialog.getByRole('button', { name: 'Upgrade to Premium' }).click()
  await checkoutPage(page, 'Premium $49.00 / month', '$49.00 / month')
  await timeReturn(page, '[role="meter"][aria-valuetext="3 of 10 seats"]')
  await page.getByRole('button', { name: 'Pay $49.00 / month' }).click()
  // Back on the Team page, the marker gone from the address bar; the dialog confirms, then closes.
  await expect(page).toHaveURL(/\/\?customer=acme#\/team$/)
  await expect(seats).toHaveAttribute('aria-valuetext', '3 of 10 seats')
  const { confirmingAt } = await returnTiming(page, 'Team (seats paywall dialog)')
  expect(confirmingAt, '"Confirming your upgrade…" was shown before the seats arrived').toBeDefined()
  await expect(page.getByText('7 seats left.')).toBeVisible()
  await expect(dialog).toBeHidden()

  // Inviting works again; the address typed before the checkout is still there.
  await expect(email).toHaveValue('eli@acme.test')
  await inviteButton.click()
  await expect(page.getByText('Invitation sent to eli@acme.test.')).toBeVisible()
  await expect(seats).toHaveAttribute('aria-valuetext', '4 of 10 seats')
  expect((await mock.snapshot('acme')).entitlements.seats?.usage).toBe(4)
})
