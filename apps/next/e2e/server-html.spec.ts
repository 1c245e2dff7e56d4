// The HTML the server sends, before any script runs: every gate already shows the customer's branch.
import { expect, signIn, test } from './fixtures'

/** The raw HTML of `path`, with the browser context's session cookie (no JavaScript involved). */
async function html(page: import('@playwright/test').Page, path: string): Promise<string> {
  const response = await page.request.get(path)
  expect(response.status()).toBe(200)
  return response.text()
}

test('Acme (Basic, at its seat limit): the server HTML shows 3 of 3 seats and the AI paywall', async ({
  page,
}) => {
  await signIn(page, 'acme')
  const team = await html(page, '/team')
  expect(team).toContain('aria-valuetext="3 of 3 seats"')
  expect(team).toContain('No seats left: inviting opens the upgrade options.')
  expect(team).toContain('Basic<!-- --> plan')
  expect(team).not.toContain('Checking your seats')

  const assistant = await html(page, '/assistant')
  expect(assistant).toContain('AI assistant is not included in your plan')
  expect(assistant).toContain('Upgrade to Enterprise')
  expect(assistant).not.toContain('data-testid="assistant"')
})

test('Globex (Premium, AI on a promotion): the server HTML shows 7 of 10 seats and the assistant', async ({
  page,
}) => {
  await signIn(page, 'globex')
  const team = await html(page, '/team')
  expect(team).toContain('aria-valuetext="7 of 10 seats"')
  expect(team).toContain('3 seats left.')
  expect(team).toContain('Premium<!-- --> plan')

  const assistant = await html(page, '/assistant')
  expect(assistant).toContain('data-testid="assistant"')
  expect(assistant).not.toContain('is not included in your plan')
})
