// A change made on the server (here its admin API, as a billing system or a support tool would)
// reaches the open page over the event stream that the route handler serves.
import { connection, expect, signIn, test } from './fixtures'

test('a plan change through the admin API reaches the open page within 1 s', async ({ page, admin }) => {
  await signIn(page, 'acme')
  await expect(page.getByRole('meter', { name: 'Seats in use' })).toHaveAttribute(
    'aria-valuetext',
    '3 of 3 seats',
  )
  await expect(connection(page)).toHaveText('Live')

  // Measured in the page, at the first DOM change that shows the new limit (expect's polling steps
  // are too coarse for a figure); both ends read the same machine's wall clock.
  await page.evaluate(() => {
    const w = window as unknown as { __shownAt?: Promise<number> }
    w.__shownAt = new Promise<number>((resolve) => {
      const selector = '[role="meter"][aria-valuetext="3 of 10 seats"]'
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return
        observer.disconnect()
        resolve(Date.now())
      })
      observer.observe(document.body, { subtree: true, childList: true, attributes: true })
    })
  })
  const changedAt = Date.now()
  await admin.changePlan('acme', 'premium')
  const shownAt = await page.evaluate(() => (window as unknown as { __shownAt: Promise<number> }).__shownAt)
  const ms = shownAt - changedAt
  console.log(`[e2e next] admin plan change → open page shows 3 of 10 seats: ${ms} ms`)
  test.info().annotations.push({ type: 'live-update-ms', description: `${ms} ms` })
  expect(ms).toBeLessThanOrEqual(1_000)
  await expect(page.getByTestId('plan')).toHaveText('Premium plan')
})
