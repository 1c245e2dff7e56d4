// Hydration is exact on the first visit and on later ones (when localStorage holds the snapshot the
// client saved): no console error, no hydration warning, no loading branch in between.
import { connection, expect, signIn, test } from './fixtures'

test('first and repeated visits hydrate without a console error or warning', async ({ page }) => {
  await signIn(page, 'acme')
  const seats = page.getByRole('meter', { name: 'Seats in use' })
  await expect(seats).toHaveAttribute('aria-valuetext', '3 of 3 seats')
  await expect(connection(page)).toHaveText('Live')

  // Later visits: the client saved the snapshot in localStorage by now.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('entitle:v1:production:acme') !== null))
    .toBe(true)
  for (let visit = 2; visit <= 3; visit++) {
    await page.reload({ waitUntil: 'load' })
    await expect(seats).toHaveAttribute('aria-valuetext', '3 of 3 seats')
    await expect(connection(page)).toHaveText('Live')
  }

  // Another page, by a client navigation and by a reload.
  await page.getByRole('link', { name: 'AI assistant' }).click()
  await expect(page.getByRole('heading', { name: 'AI assistant is not included in your plan' })).toBeVisible()
  await page.reload({ waitUntil: 'load' })
  await expect(page.getByRole('heading', { name: 'AI assistant is not included in your plan' })).toBeVisible()
  await expect(connection(page)).toHaveText('Live')
  // The fixture then asserts that the console stayed clean.
})

test('a customer on a promotion: the assistant is there from the first paint, on every visit', async ({
  page,
}) => {
  await signIn(page, 'globex')
  for (let visit = 1; visit <= 2; visit++) {
    await page.goto('/assistant', { waitUntil: 'load' })
    await expect(page.getByTestId('assistant')).toBeVisible()
    await expect(connection(page)).toHaveText('Live')
  }
})
