// Shared fixtures: every test starts from the mock server's seed (clock and outage included).
import { test as base, expect, type Page } from '@playwright/test'
import { E2E_MOCK_PORT } from './ports'

export const MOCK_URL = `http://127.0.0.1:${E2E_MOCK_PORT}`
// playwright.config.ts picks the secret and hands it to the demo script it starts.
const ADMIN = { Authorization: `Bearer ${process.env.ENTITLE_ADMIN_TOKEN}` }

export interface MockServer {
  /** Take the entitlements service down ('hang': requests get no answer) or bring it back. */
  outage(down: boolean, mode?: 'hang' | 'error'): Promise<void>
  /** Move the mock server's clock forward. */
  advanceDays(days: number): Promise<void>
  /** Now on the mock server's clock (epoch ms). */
  now(): Promise<number>
  /** The hosted checkout's webhook lag: Pay → the change lands (default 1.5 s). */
  checkoutDelay(ms: number): Promise<void>
  /** A customer's snapshot, as the server sees it. */
  snapshot(
    customerId: string,
  ): Promise<{ plan: { id: string } | null; entitlements: Record<string, { usage?: number }> }>
}

export const test = base.extend<{ mock: MockServer }>({
  mock: [
    async ({ request }, use) => {
      const post = async (action: string, data: unknown) => {
        const response = await request.post(`${MOCK_URL}/v1/admin/${action}`, { headers: ADMIN, data })
        expect(response.ok(), `admin ${action}: ${await response.text()}`).toBe(true)
      }
      await post('reset', {})
      await use({
        outage: (down, mode = 'hang') => post('outage', { down, mode }),
        advanceDays: (days) => post('clock', { advanceMs: days * 86_400_000 }),
        now: async () => {
          const response = await request.get(`${MOCK_URL}/v1/admin/clock`, { headers: ADMIN })
          return Date.parse((await response.json()).now)
        },
        checkoutDelay: (delayMs) => post('checkout', { delayMs }),
        snapshot: async (customerId) => {
          const response = await request.get(`${MOCK_URL}/v1/customers/${customerId}/entitlements`, {
            headers: { Authorization: `Bearer demo-${customerId}` },
          })
          expect(response.ok()).toBe(true)
          return response.json()
        },
      })
      // Lift an outage so held requests of this test end now rather than at the next reset.
      await post('outage', { down: false })
    },
    { auto: true },
  ],
})

export { expect }

/** The connection status in the top bar ("Live", "Offline · cached", …). */
export const connection = (page: Page) => page.getByTestId('connection')

/** The current plan's name, as Billing's customer portal shows it. */
export const currentPlan = (page: Page) =>
  page.getByRole('region', { name: 'Your subscription' }).locator('.entitle-portal__plan-name')

/** Opens the app as `customer` on `path` and waits until live data is shown. */
export async function openApp(page: Page, customer: string, path: string): Promise<void> {
  await page.goto(`/?customer=${customer}#/${path}`)
  await expect(connection(page)).toHaveText('Live')
}

/**
 * Before a hosted checkout sends the browser back: records, in the page it comes back to, when
 * "Confirming your upgrade…" first shows and when an element matching `unlocked` (a CSS selector)
 * appears, in ms since that page's navigation started (the return). Read it with `returnTiming`.
 */
export async function timeReturn(page: Page, unlocked: string): Promise<void> {
  await page.addInitScript((selector) => {
    if (!location.search.includes('checkout=')) return
    const w = window as unknown as { __return?: { confirmingAt?: number; unlockedAt?: number } }
    const timing: { confirmingAt?: number; unlockedAt?: number } = {}
    w.__return = timing
    new MutationObserver(() => {
      // The exact sentence, so a later "Confirming…" elsewhere cannot stand in for it.
      timing.confirmingAt ??= document.body?.textContent?.includes('Confirming your upgrade to ')
        ? performance.now()
        : undefined
      if (timing.unlockedAt === undefined && document.querySelector(selector))
        timing.unlockedAt = performance.now()
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
  }, unlocked)
}

/** What `timeReturn` recorded; prints the figure and attaches it to the test (a figure, not a threshold). */
export async function returnTiming(
  page: Page,
  label: string,
): Promise<{ confirmingAt?: number; unlockedAt: number }> {
  const timing = await page.evaluate(
    () => (window as unknown as { __return?: { confirmingAt?: number; unlockedAt?: number } }).__return ?? {},
  )
  if (timing.unlockedAt === undefined) throw new Error('the unlocked element was not seen after the return')
  const ms = Math.round(timing.unlockedAt)
  console.log(
    `[e2e] ${label}: back from the checkout → unlocked in ${ms} ms` +
      (timing.confirmingAt === undefined
        ? ''
        : ` ("Confirming…" shown at ${Math.round(timing.confirmingAt)} ms)`),
  )
  base.info().annotations.push({ type: 'return-to-unlocked-ms', description: `${label}: ${ms} ms` })
  return { ...timing, unlockedAt: ms }
}

/** The mock checkout page: checks what it sells, then Pay (or Cancel). */
export async function checkoutPage(page: Page, item: string, total: string): Promise<void> {
  await expect(page).toHaveURL(/\/checkout\/cs_/)
  await expect(page.getByRole('heading', { name: 'Checkout', exact: true })).toBeVisible()
  await expect(page.getByRole('row', { name: item })).toBeVisible()
  await expect(page.getByRole('row', { name: `Total ${total}` })).toBeVisible()
}
