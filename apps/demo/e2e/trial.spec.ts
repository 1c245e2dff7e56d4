import { expect, openApp, test } from './fixtures'

test('the AI assistant is locked on Basic, unlocked by a trial, and locked again once the trial ends', async ({
  page,
}) => {
  await openApp(page, 'acme', 'assistant')
  const assistant = page.getByTestId('assistant')
  const locked = page.getByRole('heading', {
    name: /^AI assistant is not included in your plan|^Your trial of AI assistant has ended/,
  })
  await expect(locked).toBeVisible()
  await expect(assistant).toHaveCount(0)

  await page.getByRole('button', { name: 'Start 14-day free trial' }).click()
  await expect(assistant).toBeVisible()
  await expect(page.getByText('Your trial ends in 14 days.')).toBeVisible()
  await page.getByRole('button', { name: 'Summarise the errors of the last hour' }).click()
  await expect(page.getByText(/3 errors in the last hour/)).toBeVisible()

  // The demo control moves the mock server's clock past the trial's end; the server pushes the new snapshot.
  await page.getByLabel('Days to move the server clock forward').fill('15')
  await page.getByRole('button', { name: 'Move clock forward' }).click()
  await expect(assistant).toHaveCount(0)
  await expect(locked).toBeVisible()
  await expect(page.getByText('Your trial ends in')).toHaveCount(0)
})
