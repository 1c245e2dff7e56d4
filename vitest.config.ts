import { join } from 'node:path'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'
import { CHROMIUM_ARGS, chromiumExecutable } from './scripts/chromium.mjs'

// The React 18 project resolves react, react-dom (and the packages that import them) to the copies
// installed by packages/react/test-react18, so the same hooks run against React 18.
const react18 = (pkg: string) =>
  new URL(`./packages/react/test-react18/node_modules/${pkg}`, import.meta.url).pathname

// One vitest run for the whole workspace; each package is a project with its own environment.
// Workspace packages resolve to their TypeScript sources through the `source` export condition,
// so tests never need a build first.

// Headless Chromium for the browser projects: the system one, with the workspace's flags (scripts/chromium.mjs).
const chromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [...CHROMIUM_ARGS],
    },
  }),
  instances: [{ browser: 'chromium' as const }],
})

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          root: 'packages/core',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      },
      // The repository's own tools: the Markdown link check, the README → Quick start extraction.
      {
        extends: true,
        test: { name: 'scripts', root: 'scripts', environment: 'node', include: ['*.test.mjs'] },
      },
      {
        extends: true,
        test: {
          name: 'server',
          root: 'packages/server',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['./test/globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The HTTP contract (every endpoint, every 4xx with state unchanged) on the SQL stores too; the
      // project above runs it on the memory store.
      ...(['pglite', 'postgres'] as const).map((store) => ({
        extends: true as const,
        test: {
          name: `contract (${store})`,
          root: 'packages/mock-server',
          environment: 'node' as const,
          include: [
            'test/contract.test.ts',
            'test/usage.test.ts',
            'test/stripe.test.ts',
            'test/sse.test.ts',
            'test/admin.test.ts',
          ],
          env: { ENTITLE_TEST_STORE: store },
          globalSetup: ['../server/test/globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
      {
        extends: true,
        test: {
          name: 'mock-server',
          root: 'packages/mock-server',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['../server/test/globalSetup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'react',
          root: 'packages/react',
          environment: 'jsdom',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
          setupFiles: ['./test/setup.ts'],
        },
      },
      {
        extends: true,
        resolve: {
          alias: {
            react: react18('react'),
            'react-dom': react18('react-dom'),
            zustand: react18('zustand'),
            '@testing-library/react': react18('@testing-library/react'),
          },
        },
        test: {
          name: 'react18',
          root: 'packages/react',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx', 'test/**/*.test.tsx', 'test-react18/**/*.test.tsx'],
          setupFiles: ['./test/setup.ts'],
        },
      },
      // Every story is a test: it renders, runs its `play` function, and axe must find nothing
      // (`parameters.a11y.test: 'error'` in .storybook/preview.tsx). Real Chromium, headless.
      {
        extends: true,
        plugins: [storybookTest({ configDir: join(import.meta.dirname, '.storybook') })],
        test: { name: 'storybook', browser: chromium() },
      },
      // Component behaviour only a real browser and keyboard show (native <dialog>: Escape, Tab, inert page).
      {
        extends: true,
        test: {
          name: 'react-browser',
          root: 'packages/react',
          include: ['test/browser/**/*.browser.tsx'],
          setupFiles: ['./test/setup.ts'],
          browser: chromium(),
        },
      },
    ],
    typecheck: { enabled: false },
  },
})
