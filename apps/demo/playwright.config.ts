import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from '../../scripts/chromium.mjs'
import { E2E_APP_PORT, E2E_MOCK_PORT } from './e2e/ports'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
// The mock server's admin API is off without a secret: one per run, for the demo script and the tests.
process.env.ENTITLE_ADMIN_TOKEN ||= `e2e-${randomBytes(12).toString('hex')}`

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: `${repoRoot}test-results/e2e.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_APP_PORT}`,
    browserName: 'chromium',
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: {
      // The system Chromium and the workspace's flags (scripts/chromium.mjs; see TOOLCHAIN.md).
      executablePath: chromiumExecutable(),
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: {
    // The demo script starts the mock server in-process and the Vite dev server; --strict-port makes
    // it fail rather than move to another port, since the tests call the mock server's admin API.
    command: `node scripts/demo.mjs --port ${E2E_APP_PORT} --mock-port ${E2E_MOCK_PORT} --quiet --strict-port`,
    url: `http://127.0.0.1:${E2E_APP_PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
