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
    for (const animation of document.getAnimations()) animation.finish()
  })
  await page.screenshot({ path: join(docs, `walkthrough-${name}.png`) })
  console.log(`docs/walkthrough-${name}.png`)
}

try {
  // 1. Team at the hard seat limit → 2. the paywall → 3. upgraded, inviting again.
  let page = await open('acme', 'team')
  await shot(page, '1-team-at-limit')
  await page.getByLabel('Email address').fill('dana@acme.test')
  await page.getByRole('button', { name: 'Invite', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Upgrade to Premium' }).waitFor()
  await shot(page, '2-paywall-dialog')
  await page.getByRole('dialog').getByRole('button', { name: 'Upgrade to Premium' }).click()
  await page.getByText('7 seats left.').waitFor()
  await page.getByRole('button', { name: 'Invite', exact: true }).click()
  await page.getByText('Invitation sent to dana@acme.test.').waitFor()
  await shot(page, '3-upgraded')
  await page.context().close()

  // 4. API calls past the soft limit.
  page = await open('acme', 'api')
  await page.getByRole('button', { name: 'Simulate 250 calls' }).click()
  await page.getByText('250 calls recorded').waitFor()
  await shot(page, '4-api-soft-limit')
  await page.context().close()

  // 5. AI assistant: locked, trial, ended.
  page = await open('acme', 'assistant')
  await shot(page, '5-ai-locked')
  await page.getByRole('button', { name: 'Start 14-day free trial' }).click()
  await page.getByRole('button', { name: 'Why are checkout payments timing out?' }).click()
  await page.getByText(/Two checkout errors/).waitFor()
  await shot(page, '6-ai-trial')
  await page.getByRole('button', { name: 'Move clock forward' }).click()
  await page.getByTestId('assistant').waitFor({ state: 'detached' })
  await page.context().close()

  // 7. Outage with a cached snapshot.
  page = await open('globex', 'api')
  await admin('outage', { down: true, mode: 'hang' })
  await page.reload()
  await page.getByTestId('connection').getByText('Offline · cached').waitFor({ timeout: 20_000 })
  await shot(page, '7-outage-cached')
  await admin('outage', { down: false })
  await page.context().close()

  // 8. Billing: plan, add-ons and where each entitlement comes from.
  page = await open('globex', 'billing')
  await page.getByRole('heading', { name: 'Your entitlements' }).scrollIntoViewIfNeeded()
  await shot(page, '8-billing')
  await page.context().close()
} finally {
  await browser.close()
  demo.kill('SIGTERM')
}
