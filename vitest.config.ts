import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// One vitest run for the whole workspace; each package is a project with its own environment.
// Workspace packages resolve to their TypeScript sources through the `source` export condition,
// so tests never need a build first.

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
      {
        extends: true,
        test: {
          name: 'mock-server',
          root: 'packages/mock-server',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
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
      // (storybook project: added with the components, see .storybook/)
    ],
    typecheck: { enabled: false },
  },
})
