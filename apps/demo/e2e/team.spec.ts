import { expect, measureUpgrade, openApp, test } from './fixtures'

test('inviting up to the hard seat limit opens the paywall; after an upgrade inviting works again, without a reload', async ({
  page,
  mock,
}) => {
  await openApp(page, 'acme', 'team')
  const seats = page.getByRole('meter', { name: 'Seats in use' })
  const email = page.getByLabel('Email address')
  const inviteButton = page.getByRole('button', { name: 'Invite', exact: true })
  await expect(seats).toHaveAttribute('aria-valuetext', '3 of 3 seats')
  // Marks this document: if anything reloaded the page, the mark would be gone.
  await page.evaluate(() => document.documentElement.setAttribute('data-e2e-mark', 'same-document'))

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

  await measureUpgrade(
    page,
    'Team (seats paywall dialog)',
    dialog.getByRole('button', { name: 'Upgrade to Premium' }),
    '[role="meter"][aria-valuetext="3 of 10 seats"]',
  )
  await expect(page.getByText('7 seats left.')).toBeVisible()
  await expect(dialog).toBeHidden()

  // Inviting works again, in the same document.
  await expect(email).toHaveValue('eli@acme.test')
  await inviteButton.click()
  await expect(page.getByText('Invitation sent to eli@acme.test.')).toBeVisible()
  await expect(seats).toHaveAttribute('aria-valuetext', '4 of 10 seats')
  await expect(page.locator('html')).toHaveAttribute('data-e2e-mark', 'same-document')
  expect((await mock.snapshot('acme')).entitlements.seats?.usage).toBe(4)
})
