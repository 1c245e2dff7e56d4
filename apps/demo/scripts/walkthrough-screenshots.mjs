#!/usr/bin/env node
// Regenerates the README's walkthrough screenshots (docs/walkthrough-*.png) by clicking through the
// demo in the system Chromium, exactly as the README tells a newcomer to. Starts its own demo (mock
// server + Vite) on spare ports and stops it at the end. Run from the repository root after a build:
//   pnpm run build && node apps/demo/scripts/walkthrough-screenshots.mjs
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumExecutable } from '../../../scripts/chromium.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const docs = join(here, '..', '..', '..', 'docs')
const APP_PORT = 5373
const MOCK = 'http://127.0.0.1:4373'
const ADMIN_TOKEN = `shots-${randomBytes(12).toString('hex')}`
const ADMIN = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }

const demo = spawn(
  process.execPath,
  [join(here, 'demo.mjs'), '--port', String(APP_PORT), '--mock-port', '4373', '--quiet', '--strict-port'],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ENTITLE_ADMIN_TOKEN: ADMIN_TOKEN } },
)
await new Promise((resolve, reject) => {
  demo.stdout.on('data', (chunk) => String(chunk).includes('App:') && resolve())
  demo.on('exit', (code) => reject(new Error(`the demo exited (${code})`)))
})

const admin = (action, body = {}) =>
  fetch(`${MOCK}/v1/admin/${action}`, { method: 'POST', headers: ADMIN, body: JSON.stringify(body) })

const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: [...CHROMIUM_ARGS],
})
mkdirSync(docs, { recursive: true })

/** A fresh context (nothing cached) on a reset server, showing `customer` on `path`. */
async function open(customer, path) {
  await admin('reset')
  const context = await browser.newContext({ viewport: { width: 1200, height: 760 }, locale: 'en-US' })
  const page = await context.newPage()
  await page.goto(`http://127.0.0.1:${APP_PORT}/?customer=${customer}#/${path}`)
  await page.getByTestId('connection').getByText('Live').waitFor()
  return page
}

async function shot(page, name) {
  // Let transitions (meter fill, dialog) settle before the picture.
  await page.evaluate(() => {
    for (const animation of document.getAnimations()) {
      // A spinner runs forever: it cannot finish, and it shows as it is.
      if (animation.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY) animation.finish()
    }
  })
  await page.screenshot({ path: join(docs, `walkthrough-${name}.png`) })
  console.log(`docs/walkthrough-${name}.png`)
}

try {
  // 1. Team at the hard seat limit → 2. the paywall → 3. the hosted checkout → 4. back, confirming
  // → 5. upgraded, inviting again.
  let page = await open('acme', 'team')
  await shot(page, '1-team-at-limit')
  await page.getByLabel('Email address').fill('dana@acme.test')
  await page.getByRole('button', { name: 'Invite', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Upgrade to Premium' }).waitFor()
  await shot(page, '2-paywall-dialog')
  await page.getByRole('dialog').getByRole('button', { name: 'Upgrade to Premium' }).click()
  await page.getByRole('button', { name: 'Pay $49.00 / month' }).waitFor()
  await shot(page, '3-checkout')
  // A slower webhook than the default 1.5 s, so the picture catches "Confirming…".
  await admin('checkout', { delayMs: 4000 })
  await page.getByRole('button', { name: 'Pay $49.00 / month' }).click()
  await page.getByText('Confirming your upgrade to Premium…').waitFor()
  await shot(page, '4-confirming')
  await page.getByText('7 seats left.').waitFor({ timeout: 10_000 })
  await page.getByRole('dialog').waitFor({ state: 'hidden' })
  await page.getByRole('button', { name: 'Invite', exact: true }).click()
  await page.getByText('Invitation sent to dana@acme.test.').waitFor()
  await shot(page, '5-upgraded')
  await page.context().close()

  // 6. API calls past the soft limit.
  page = await open('acme', 'api')
  await page.getByRole('button', { name: 'Simulate 250 calls' }).click()
  await page.getByText('250 calls recorded').waitFor()
  await shot(page, '6-api-soft-limit')
  await page.context().close()

  // 7. AI assistant: locked (the cheapest path: Premium + the AI add-on), 8. on a trial.
  page = await open('acme', 'assistant')
  await page.getByRole('button', { name: 'Upgrade to Premium + AI assistant' }).waitFor()
  await shot(page, '7-ai-locked')
  await page.getByRole('button', { name: 'Start 14-day free trial' }).click()
  await page.getByRole('button', { name: 'Why are checkout payments timing out?' }).click()
  await page.getByText(/Two checkout errors/).waitFor()
  await shot(page, '8-ai-trial')
  await page.getByRole('button', { name: 'Move clock forward' }).click()
  await page.getByTestId('assistant').waitFor({ state: 'detached' })
  await page.context().close()

  // 9. Outage with a cached snapshot.
  page = await open('globex', 'api')
  await admin('outage', { down: true, mode: 'hang' })
  await page.reload()
  await page.getByTestId('connection').getByText('Offline · cached').waitFor({ timeout: 20_000 })
  await shot(page, '9-outage-cached')
  await admin('outage', { down: false })
  await page.context().close()

  // 10. Billing: a downgrade scheduled for the end of the period, where each entitlement comes from.
  page = await open('globex', 'billing')
  await page.getByRole('button', { name: 'Switch to Basic' }).click()
  await page.getByText(/Your plan changes from Premium to Basic on/).waitFor()
  // The portal (plan, banner, meters) is at the top; the click scrolled down to the plans.
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, '10-billing-downgrade')
  // 11. A failed payment, in its grace period.
  await page.getByRole('button', { name: 'Keep Premium' }).click()
  await page.getByText(/Your plan changes from/).waitFor({ state: 'detached' })
  await page.getByRole('button', { name: 'Fail the next payment' }).click()
  await page.getByText(/Your last payment failed/).waitFor()
  await shot(page, '11-past-due')
  await page.context().close()

  // 12. A team member who may not buy: "Ask an admin".
  page = await open('acme', 'team')
  await page.getByLabel('as', { exact: true }).selectOption({ label: 'Grace Hopper' })
  await page.getByLabel('Email address').fill('dana@acme.test')
  await page.getByRole('button', { name: 'Invite', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Ask an admin to upgrade to Premium' }).waitFor()
  await shot(page, '12-ask-an-admin')
  await page.context().close()
} finally {
  await browser.close()
  demo.kill('SIGTERM')
}
