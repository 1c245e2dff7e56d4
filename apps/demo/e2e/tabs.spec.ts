import { connection, currentPlan, expect, test } from './fixtures'

test('a plan change in one tab shows in a second tab within 1 s', async ({ page, context, mock }) => {
  await mock.checkoutDelay(0) // the change lands as Pay is clicked
  const second = await context.newPage()
  for (const tab of [page, second]) {
    // "Live" once the event stream is open (the tab channel opens with it).
    await tab.goto('/?customer=acme#/billing')
    await expect(connection(tab)).toHaveText('Live')
    await expect(currentPlan(tab)).toHaveText('Basic')
  }

  // Through the hosted checkout in the first tab; the second one follows from the live stream.
  await page.getByRole('button', { name: 'Upgrade to Premium' }).click()
  await page.getByRole('button', { name: 'Pay $49.00 / month' }).click()
  await expect(currentPlan(second)).toHaveText('Premium', { timeout: 1_000 })
  await expect(second.getByText('Premium plan', { exact: true })).toBeVisible({ timeout: 1_000 })
  await expect(currentPlan(page)).toHaveText('Premium')
})
