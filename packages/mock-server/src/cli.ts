#!/usr/bin/env node
// `entitle-mock-server` / `pnpm mock-server`: the mock server on 127.0.0.1:4010.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { checkSeed, type SeedData } from '@entitle/server'
import { startServer } from './node.js'
import { logPilotCatalog } from './seed.js'

const HELP = `Usage: entitle-mock-server [options]

Reference entitlements backend for Entitle (the LogPilot demo seed by default).

Options:
  --port <n>                    Port to listen on (default 4010; 0 = any free port)
  --host <host>                 Interface to bind (default 127.0.0.1)
  --seed <file>                 JSON seed: { catalog?, customers: [...] } (default: LogPilot demo)
  --data-dir <dir>              Keep the data in this directory across restarts (embedded PGlite)
  --state <dir>                 The same as --data-dir (its earlier name)
  --stripe-webhook-secret <s>   Stripe webhook signing secret; repeat it while rotating
                                (also STRIPE_WEBHOOK_SECRET, comma-separated)
  --cors-origin <origin>        Allow only this origin (repeatable; default: any origin)
  --admin-token <token>         Bearer secret of /v1/admin/* (default: none, the admin API is off)
  --heartbeat-ms <n>            SSE heartbeat interval (default 15000)
  -h, --help                    Show this help

Customers' bearer tokens are demo-<id> (demo-acme, demo-globex, demo-initech, demo-umbrella).`

function fail(message: string): never {
  console.error(`entitle-mock-server: ${message}`)
  console.error('Run with --help for usage.')
  process.exit(2)
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 0) fail(`--${name} must be a non-negative integer, got "${value}"`)
  return n
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values']
  function parse() {
    const args = process.argv.slice(2)
    // `pnpm mock-server -- --port 0` passes the `--` on: an npm habit worth accepting.
    if (args[0] === '--') args.shift()
    return parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        state: { type: 'string' },
        'data-dir': { type: 'string' },
        'stripe-webhook-secret': { type: 'string', multiple: true },
        'cors-origin': { type: 'string', multiple: true },
        'admin-token': { type: 'string' },
        'heartbeat-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    })
  }
  try {
    values = parse().values
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }
  if (values.help) {
    console.log(HELP)
    return
  }

  let seed: SeedData | undefined
  if (values.seed) {
    try {
      seed = checkSeed(JSON.parse(readFileSync(values.seed, 'utf8')), logPilotCatalog)
    } catch (error) {
      fail(`cannot use seed ${values.seed}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const secrets = [
    ...(values['stripe-webhook-secret'] ?? []),
    ...(process.env.STRIPE_WEBHOOK_SECRET ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ]
  const adminToken = values['admin-token'] ?? process.env.ENTITLE_ADMIN_TOKEN ?? ''
  const dataDir = values['data-dir'] ?? values.state
  if (dataDir !== undefined && existsSync(dataDir) && statSync(dataDir).isFile()) {
    fail(
      `${dataDir} is a file (an old JSON state?): --data-dir and --state now name a directory (embedded PGlite)`,
    )
  }

  let server: Awaited<ReturnType<typeof startServer>>
  try {
    server = await startServer({
      port: integer(values.port, 'port', 4010),
      host: values.host ?? '127.0.0.1',
      ...(seed ? { seed } : {}),
      ...(dataDir ? { dataDir } : {}),
      stripeWebhookSecrets: secrets,
      ...(values['cors-origin'] ? { corsOrigin: values['cors-origin'] } : {}),
      adminToken,
      heartbeatMs: integer(values['heartbeat-ms'], 'heartbeat-ms', 15_000),
    })
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }

  const customers = await server.handler.store.listCustomerIds()
  console.log(`Entitle mock server listening on ${server.url}`)
  console.log(`  customers: ${customers.join(', ')} (tokens demo-<id>)`)
  if (dataDir) console.log(`  data: ${dataDir} (embedded PGlite)`)
  if (secrets.length > 0)
    console.log(`  stripe webhook: ${server.url}/v1/webhooks/stripe (${secrets.length} secret(s))`)
  if (adminToken)
    console.log(`  admin API: ${server.url}/v1/admin/{outage,clock,reset} (Bearer ${adminToken})`)

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: shutting down`)
    // A stuck connection must not keep the process from exiting.
    setTimeout(() => process.exit(1), 5_000).unref()
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

void main()
