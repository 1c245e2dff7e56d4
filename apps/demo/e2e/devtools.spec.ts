import { connection, expect, test } from './fixtures'

test('the entitlements devtools (development): an override locks a feature here only, and clears in one click', async ({
  page,
  mock,
}) => {
  await page.goto('/?customer=umbrella&devtools#/assistant')
  await expect(connection(page)).toHaveText('Live')
  await page.getByRole('button', { name: 'Entitlements', exact: true }).click()
  const panel = page.getByRole('region', { name: 'Entitlements devtools' })
  await expect(panel.getByText('umbrella')).toBeVisible()
  await expect(page.getByTestId('assistant')).toBeVisible()

  await panel.getByRole('combobox', { name: 'Override AI assistant' }).selectOption('denied')
  await expect(
    page.getByRole('heading', { name: /^AI assistant is not included in your plan/ }),
  ).toBeVisible()
  await expect(panel.getByText('overridden')).toBeVisible()
  // Only this tab is fooled: the server still grants it.
  expect(Object.keys((await mock.snapshot('umbrella')).entitlements)).toContain('ai-assistant')

  await page.reload()
  await page.getByRole('button', { name: /^Entitlements/ }).click()
  await expect(
    page.getByRole('heading', { name: /^AI assistant is not included in your plan/ }),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Clear overrides (1)' }).click()
  await expect(page.getByTestId('assistant')).toBeVisible()
})
