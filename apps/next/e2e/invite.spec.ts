// Inviting takes a seat, a hard limit: the server action asks the server, which refuses past the
// limit; the refusal opens the paywall, and after the upgrade the same invitation goes through,
// all in one document.
import { expect, expectSameDocument, markDocument, signIn, test } from './fixtures'

test('an invite past the seat limit is refused by the server and opens the paywall; after an upgrade it works, without a reload', async ({
  page,
  admin,
}) => {
  await signIn(page, 'acme')
  const seats = page.getByRole('meter', { name: 'Seats in use' })
  const email = page.getByLabel('Email address')
  const invite = page.getByRole('button', { name: 'Invite', exact: true })
  await expect(seats).toHaveAttribute('aria-valuetext', '3 of 3 seats')
  await markDocument(page)

  // The invitation goes to the server action; the server refuses it (its rules, its data).
  await email.fill('eli@acme.test')
  const refused = page.waitForResponse(
    (r) => r.request().method() === 'POST' && !!r.request().headers()['next-action'],
  )
  await invite.click()
  expect((await refused).status()).toBe(200)
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('heading', { name: 'You have reached your Seats limit' })).toBeVisible()
  expect(await admin.seatsUsed('acme')).toBe(3)

  // Upgrade (the paywall's default: a subscription change through the mounted server).
  const upgradedAt = Date.now()
  await dialog.getByRole('button', { name: 'Upgrade to Premium' }).click()
  await expect(seats).toHaveAttribute('aria-valuetext', '3 of 10 seats')
  console.log(`[e2e next] Upgrade click → meter reads 3 of 10 seats: ${Date.now() - upgradedAt} ms`)
  await expect(dialog).toBeHidden()
  await expect(page.getByText('7 seats left.')).toBeVisible()

  // The same invitation again: the server takes the seat now.
  await expect(email).toHaveValue('eli@acme.test')
  await invite.click()
  await expect(page.getByText('Invitation sent to eli@acme.test.')).toBeVisible()
  await expect(seats).toHaveAttribute('aria-valuetext', '4 of 10 seats')
  await expect(page.getByRole('list', { name: 'Members' }).getByText('eli@acme.test')).toBeVisible()
  expect(await admin.seatsUsed('acme')).toBe(4)
  await expectSameDocument(page)
})
