import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

// `@entitle/react/styles.css` points at the package's dist, which the workspace build (`tsc -b`)
// does not produce; like the JS (`source` condition below), take the stylesheet from its sources.
const reactPackage = dirname(createRequire(import.meta.url).resolve('@entitle/react/package.json'))

// Workspace packages resolve to their sources (`source` export condition): edits show up live.
export default defineConfig({
  plugins: [react()],
  resolve: {
    conditions: ['source', ...defaultClientConditions],
    alias: [{ find: /^@entitle\/react\/styles\.css$/, replacement: join(reactPackage, 'src', 'styles.css') }],
  },
  // Pre-bundle what the linked workspace sources import, so the first visit does not trigger a
  // dependency re-optimisation and a full reload (which would also disturb the e2e tests).
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      '@tanstack/query-core',
      '@entitle/react > zustand',
      '@entitle/react > zustand/vanilla',
    ],
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
