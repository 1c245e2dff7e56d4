import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

// Workspace packages (their JS and `@entitle/react/styles.css`) resolve to their sources through the
// `source` export condition: edits show up live, and no build is needed for the app.
export default defineConfig({
  plugins: [react()],
  resolve: {
    conditions: ['source', ...defaultClientConditions],
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
