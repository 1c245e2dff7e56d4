// Shared fixtures: every test starts from the mock server's seed (clock and outage included).
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { E2E_MOCK_PORT } from './ports'

export const MOCK_URL = `http://127.0.0.1:${E2E_MOCK_PORT}`
// playwright.config.ts picks the secret and hands it to the demo script it starts.
const ADMIN = { Authorization: `Bearer ${process.env.ENTITLE_ADMIN_TOKEN}` }

export interface MockServer {
  /** Take the entitlements service down ('hang': requests get no answer) or bring it back. */
  outage(down: boolean, mode?: 'hang' | 'error'): Promise<void>
  /** Move the mock server's clock forward. */
  advanceDays(days: number): Promise<void>
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

/** Opens the app as `customer` on `path` and waits until live data is shown. */
export async function openApp(page: Page, customer: string, path: string): Promise<void> {
  await page.goto(`/?customer=${customer}#/${path}`)
  await expect(connection(page)).toHaveText('Live')
}

/**
 * Clicks `upgrade` and measures, inside the page, from that click to the first frame in which an
 * element matching `unlocked` (a CSS selector) is in the document. Measured in the page because
 * Playwright's expect polls at 100/250/500/1000 ms steps, too coarse for a figure. The figure is
 * printed and attached to the test as an annotation (a figure, not a threshold).
 */
export async function measureUpgrade(
  page: Page,
  label: string,
  upgrade: Locator,
  unlocked: string,
): Promise<number> {
  await page.evaluate((selector) => {
    const w = window as unknown as { __upgradeTiming?: Promise<number> }
    w.__upgradeTiming = new Promise<number>((resolve) => {
      let clickedAt = 0
      document.addEventListener('click', () => (clickedAt ||= performance.now()), {
        capture: true,
        once: true,
      })
      const observer = new MutationObserver(() => {
        if (!clickedAt || !document.querySelector(selector)) return
        observer.disconnect()
        requestAnimationFrame(() => resolve(performance.now() - clickedAt))
      })
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      })
    })
  }, unlocked)
  await upgrade.click()
  await expect(page.locator(unlocked).first()).toBeVisible()
  const ms = Math.round(
    await page.evaluate(() => (window as unknown as { __upgradeTiming: Promise<number> }).__upgradeTiming),
  )
  console.log(`[e2e] ${label}: Upgrade click → unlocked content visible in ${ms} ms`)
  base.info().annotations.push({ type: 'upgrade-to-unlocked-ms', description: `${label}: ${ms} ms` })
  return ms
}
