// Shared fixtures: every test starts from the LogPilot seed, signs in through the sign-in page, and
// fails on any console error or page error (hydration mismatches included).
import { defaultSeed } from '@entitle/mock-server'
import { type APIRequestContext, test as base, expect, type Page } from '@playwright/test'

const ADMIN = { Authorization: `Bearer ${process.env.ENTITLE_ADMIN_TOKEN}` }
const SAMPLE_CUSTOMERS = ['acme', 'globex', 'initech', 'umbrella']
/** The sign-in page's button for each sample customer. */
export const CUSTOMER_NAMES = {
  acme: 'Acme Corp',
  globex: 'Globex',
  initech: 'Initech',
  umbrella: 'Umbrella',
}

export interface Admin {
  /** PUT /api/entitlements/v1/admin/customers/:id/subscription */
  changePlan(customerId: string, planId: string): Promise<void>
  /** A customer's seat usage, as the server stores it. */
  seatsUsed(customerId: string): Promise<number>
}

async function resetCustomers(request: APIRequestContext): Promise<void> {
  for (const id of SAMPLE_CUSTOMERS) {
    const response = await request.delete(`/api/entitlements/v1/admin/customers/${id}`, { headers: ADMIN })
    expect([204, 404], `delete ${id}: ${await response.text()}`).toContain(response.status())
  }
  const seeded = await request.post('/api/entitlements/v1/admin/seed', { headers: ADMIN, data: defaultSeed })
  expect(seeded.ok(), `seed: ${await seeded.text()}`).toBe(true)
}

export const test = base.extend<{ admin: Admin; consoleErrors: string[] }>({
  admin: [
    async ({ request }, use) => {
      await resetCustomers(request)
      await use({
        changePlan: async (customerId, planId) => {
          const response = await request.put(
            `/api/entitlements/v1/admin/customers/${customerId}/subscription`,
            {
              headers: ADMIN,
              data: { planId },
            },
          )
          expect(response.ok(), `change plan: ${await response.text()}`).toBe(true)
        },
        seatsUsed: async (customerId) => {
          const response = await request.get(`/api/entitlements/v1/admin/customers/${customerId}`, {
            headers: ADMIN,
          })
          expect(response.ok()).toBe(true)
          const { customer } = (await response.json()) as {
            customer: { usage: Record<string, { used: number } | undefined> }
          }
          return customer.usage.seats?.used ?? 0
        },
      })
    },
    { auto: true },
  ],
  // Console errors and warnings, uncaught page errors: a hydration mismatch shows up here.
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          errors.push(`${message.type()}: ${message.text()} (${message.location().url})`)
      })
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
      await use(errors)
      expect(errors, 'console errors, warnings and page errors').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

/** Signs in through the sign-in page; lands on the Team page. */
export async function signIn(page: Page, customer: keyof typeof CUSTOMER_NAMES): Promise<void> {
  await page.goto('/sign-in')
  await page.getByRole('button', { name: new RegExp(`^${CUSTOMER_NAMES[customer]}`) }).click()
  await page.waitForURL('**/team')
}

/** The live-updates status in the top bar: "Live" once the event stream is open. */
export const connection = (page: Page) => page.getByTestId('connection')

/** Marks the current document; `expectSameDocument` fails if anything reloaded the page since. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => document.documentElement.setAttribute('data-e2e-mark', 'same-document'))
}
export async function expectSameDocument(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-e2e-mark', 'same-document')
}
