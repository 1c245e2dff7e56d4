#!/usr/bin/env node
// Starts the LogPilot demo: the mock entitlements server and the Vite app, prints the URL,
// and stops both on Ctrl-C. Options: --port <app port, default 5173> --mock-port <default 4010>
// --state <dir> (keep the mock server's data across restarts, an embedded PGlite database), --strict-port (fail instead of
// taking another port when one is busy: the e2e tests need both at known ports), --quiet. Run the root `npm start`, which
// installs and builds first; this script expects @entitle/mock-server to be built.
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { createServer } from 'vite'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '5173' },
    'mock-port': { type: 'string', default: process.env.MOCK_PORT ?? '4010' },
    state: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    'strict-port': { type: 'boolean', default: false },
  },
})

// The demo controls need the mock server's admin API, which is off without a secret: a fresh random
// one per run (or ENTITLE_ADMIN_TOKEN, which the e2e tests set), handed to the app below.
const ADMIN_TOKEN = process.env.ENTITLE_ADMIN_TOKEN || randomBytes(18).toString('base64url')
let mod
try {
  mod = await import('@entitle/mock-server/node')
} catch (err) {
  console.error(
    '[demo] @entitle/mock-server is not built. Run `npm start` from the repository root (it builds first).',
  )
  console.error(err)
  process.exit(1)
}

const { demoSeed } = await import('./demoSeed.mjs')

async function startMock(port) {
  return mod.startServer({
    port,
    host: '127.0.0.1',
    adminToken: ADMIN_TOKEN,
    // LogPilot plus a sales-led plan; the hosted checkout's webhook lag is the mock's default (1.5 s).
    seed: demoSeed,
    ...(values.state ? { dataDir: values.state } : {}),
  })
}

let mock
try {
  mock = await startMock(Number(values['mock-port']))
} catch (err) {
  if (err?.code !== 'EADDRINUSE' || values['strict-port']) throw err
  console.log(`[demo] port ${values['mock-port']} is busy: the mock server takes a free port instead`)
  mock = await startMock(0)
}

const app = await createServer({
  configFile: new URL('../vite.config.ts', import.meta.url).pathname,
  root: new URL('..', import.meta.url).pathname,
  server: { port: Number(values.port), host: '127.0.0.1', strictPort: values['strict-port'] },
  define: {
    'import.meta.env.VITE_ENTITLE_URL': JSON.stringify(mock.url),
    'import.meta.env.VITE_ENTITLE_ADMIN_TOKEN': JSON.stringify(ADMIN_TOKEN),
  },
  logLevel: values.quiet ? 'warn' : 'info',
  clearScreen: false,
})
await app.listen()
const url = app.resolvedUrls?.local[0] ?? `http://127.0.0.1:${values.port}/`

console.log(`
  LogPilot demo (Entitle)
  ─────────────────────────────────────────────
  App:          ${url}
  Mock server:  ${mock.url}   (try ${mock.url}/v1/catalog)
  Press Ctrl-C to stop both.
`)

let stopping = false
async function stop(signal) {
  if (stopping) return
  stopping = true
  console.log(`\n[demo] ${signal}: stopping the app and the mock server…`)
  await Promise.allSettled([app.close(), mock.close()])
  process.exit(0)
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
