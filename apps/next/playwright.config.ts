import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from '../../scripts/chromium.mjs'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
// Chosen once in the main process; the workers inherit them through the environment.
process.env.E2E_NEXT_PORT ||= '3273'
process.env.ENTITLE_ADMIN_TOKEN ||= `e2e-${randomBytes(12).toString('hex')}`
process.env.ENTITLE_JWT_SECRET ||= randomBytes(32).toString('base64url')
process.env.STRIPE_WEBHOOK_SECRET ||= `whsec_e2e_${randomBytes(12).toString('hex')}`
// A fresh PGlite data directory per run (the server seeds it on its first request), deleted after it.
if (!process.env.ENTITLE_DATA_DIR) {
  process.env.ENTITLE_DATA_DIR = mkdtempSync(join(tmpdir(), 'entitle-next-e2e-'))
  process.env.E2E_NEXT_OWN_DATA_DIR = process.env.ENTITLE_DATA_DIR
}

export default defineConfig({
  testDir: './e2e',
  globalTeardown: './e2e/teardown.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: `${repoRoot}test-results/e2e-next.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${process.env.E2E_NEXT_PORT}`,
    browserName: 'chromium',
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] },
  },
  webServer: {
    // The production server of `next build` (scripts/test-all.mjs builds once, before this step).
    command: `pnpm exec next start --hostname 127.0.0.1 --port ${process.env.E2E_NEXT_PORT}`,
    // Answers once the route handler has opened and seeded the database.
    url: `http://127.0.0.1:${process.env.E2E_NEXT_PORT}/api/entitlements/v1/catalog`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // The default store, PGlite, whatever DATABASE_URL the shell has (E2E_NEXT_DATABASE_URL: PostgreSQL).
    env: { NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: process.env.E2E_NEXT_DATABASE_URL ?? '' },
  },
})
