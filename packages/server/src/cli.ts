#!/usr/bin/env node
// `entitle-server`: the entitlements backend on node:http, on PostgreSQL (`--database-url`) or the
// embedded PGlite store (`--data-dir`).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { type Catalog, parseCatalog } from '@entitle/core/engine'
import { jwtAuth } from './auth/jwt.js'
import { staticTokens } from './auth/staticTokens.js'
import type { Authenticate } from './auth/types.js'
import { serve } from './node.js'
import { checkSeed, type SeedData, seedTokens } from './seed.js'
import { createEntitlementsServer } from './server.js'
import type { Store } from './store/types.js'

const HELP = `Usage: entitle-server [options]

The Entitle entitlements backend. Data lives in PostgreSQL (--database-url) or in the embedded
store (PGlite) in --data-dir.

Options:
  --port <n>                   Port (default 4010; 0 = any free port)
  --host <host>                Interface (default 127.0.0.1: loopback only)
  --database-url <url>         PostgreSQL, postgres://user:pass@host:5432/db (also DATABASE_URL)
  --data-dir <dir>             Embedded store directory when no database URL (default ./.entitle-data)
  --catalog <file>             Catalog JSON: features, plans, add-ons (default: the seed's catalog)
  --seed <file>                Seed JSON: customers to create if missing (applied idempotently)
  --environment <name>         Snapshot environment (default: the seed's, else production)
  --admin-token <secret>       Enables /v1/admin/* with this bearer secret (also ENTITLE_ADMIN_TOKEN)
  --jwt-secret <secret>        Customers authenticate with HS256 JWTs signed with it (also ENTITLE_JWT_SECRET)
  --jwks-url <url>             ... or with JWTs verified against this JWKS
  --jwt-customer-claim <name>  The claim naming the customer (default sub; dotted paths reach nested claims)
  --jwt-issuer <iss>           Required iss of JWTs
  --jwt-audience <aud>         Required aud of JWTs
  --stripe-webhook-secret <s>  Stripe signing secret; repeat it while rotating (also STRIPE_WEBHOOK_SECRET, comma-separated)
  --cors-origin <origin>       Allow this origin (repeatable; "*" for any; default: same-origin only)
  --heartbeat-ms <n>           SSE heartbeat interval (default 15000)
  -h, --help                   Show this help

Without a JWT option, customers authenticate with the seed's development tokens (demo-<id>).`

function fail(message: string): never {
  console.error(`entitle-server: ${message}`)
  console.error('Run with --help for usage.')
  process.exit(2)
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 0) fail(`--${name} must be a non-negative integer, got "${value}"`)
  return n
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    fail(`cannot read ${what} ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function parse() {
  const args = process.argv.slice(2)
  // `pnpm entitle-server -- --port 0` passes the `--` on: an npm habit worth accepting.
  if (args[0] === '--') args.shift()
  try {
    return parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        catalog: { type: 'string' },
        seed: { type: 'string' },
        environment: { type: 'string' },
        'admin-token': { type: 'string' },
        'jwt-secret': { type: 'string' },
        'jwks-url': { type: 'string' },
        'jwt-customer-claim': { type: 'string' },
        'jwt-issuer': { type: 'string' },
        'jwt-audience': { type: 'string' },
        'stripe-webhook-secret': { type: 'string', multiple: true },
        'cors-origin': { type: 'string', multiple: true },
        'heartbeat-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }
}

async function openStore(databaseUrl: string | undefined, dataDir: string): Promise<Store> {
  if (databaseUrl) {
    const { postgresStore } = await import('./store/postgres.js')
    return postgresStore({ connectionString: databaseUrl })
  }
  const { pgliteStore } = await import('./store/pglite.js')
  return pgliteStore({ dataDir: resolve(dataDir) })
}

async function main(): Promise<void> {
  const values = parse()
  if (values.help) {
    console.log(HELP)
    return
  }
  const rawSeed = values.seed === undefined ? undefined : readJson(values.seed, 'seed')
  let catalog: Catalog
  try {
    if (values.catalog !== undefined) catalog = parseCatalog(readJson(values.catalog, 'catalog'))
    else if (typeof rawSeed === 'object' && rawSeed !== null && 'catalog' in rawSeed)
      catalog = parseCatalog(rawSeed.catalog)
    else fail('no catalog: pass --catalog <file>, or a --seed whose file has a "catalog"')
  } catch (error) {
    fail(`invalid catalog: ${error instanceof Error ? error.message : String(error)}`)
  }
  let seed: SeedData | undefined
  if (rawSeed !== undefined) {
    try {
      const checked = checkSeed(rawSeed, catalog)
      seed = { ...checked, catalog }
    } catch (error) {
      fail(`cannot use seed ${values.seed}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const jwtSecret = values['jwt-secret'] ?? process.env.ENTITLE_JWT_SECRET
  const jwksUrl = values['jwks-url']
  let authenticate: Authenticate
  let authMode: string
  try {
    if (jwtSecret || jwksUrl) {
      authenticate = jwtAuth({
        ...(jwtSecret ? { secret: jwtSecret } : { jwksUrl: jwksUrl as string }),
        ...(values['jwt-customer-claim'] ? { customerClaim: values['jwt-customer-claim'] } : {}),
        ...(values['jwt-issuer'] ? { issuer: values['jwt-issuer'] } : {}),
        ...(values['jwt-audience'] ? { audience: values['jwt-audience'] } : {}),
      })
      authMode = `JWT (${jwtSecret ? 'HS256 secret' : jwksUrl}; customer claim "${values['jwt-customer-claim'] ?? 'sub'}")`
    } else {
      const tokens = seed ? seedTokens(seed) : {}
      authenticate = staticTokens(tokens)
      authMode =
        Object.keys(tokens).length > 0
          ? 'development tokens of the seed (demo-<id>)'
          : 'none configured: no customer can sign in (give --jwt-secret, --jwks-url or a --seed)'
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }

  const adminToken = values['admin-token'] ?? process.env.ENTITLE_ADMIN_TOKEN
  const secrets = [
    ...(values['stripe-webhook-secret'] ?? []),
    ...(process.env.STRIPE_WEBHOOK_SECRET ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ]
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL
  const dataDir = values['data-dir'] ?? './.entitle-data'
  const store = await openStore(databaseUrl, dataDir)
  const server = createEntitlementsServer({
    catalog,
    store,
    authenticate,
    environment: values.environment ?? seed?.environment ?? 'production',
    ...(adminToken ? { adminToken } : {}),
    ...(secrets.length > 0 ? { stripe: { webhookSecrets: secrets } } : {}),
    ...(values['cors-origin'] ? { corsOrigin: values['cors-origin'] } : {}),
    heartbeatMs: integer(values['heartbeat-ms'], 'heartbeat-ms', 15_000),
  })
  try {
    await server.ready
  } catch (error) {
    await store.close().catch(() => {})
    fail(`cannot open the ${store.kind} store: ${error instanceof Error ? error.message : String(error)}`)
  }
  const seeded = seed ? await server.admin.seed(seed) : undefined
  const running = await serve(server, {
    port: integer(values.port, 'port', 4010),
    host: values.host ?? '127.0.0.1',
    onClose: () => server.close(),
  }).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))

  console.log(`Entitle server listening on ${running.url}`)
  console.log(`  store: ${store.kind}${databaseUrl ? '' : ` (${resolve(dataDir)})`}`)
  if (seeded) console.log(`  seed: ${seeded.created.length} created, ${seeded.existing.length} already there`)
  console.log(`  customers authenticate with: ${authMode}`)
  if (adminToken) console.log(`  admin API: ${running.url}/v1/admin/customers (Bearer <admin token>)`)
  if (secrets.length > 0)
    console.log(`  stripe webhook: ${running.url}/v1/webhooks/stripe (${secrets.length} secret(s))`)

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: shutting down`)
    // A stuck connection must not keep the process from exiting.
    setTimeout(() => process.exit(1), 5_000).unref()
    running
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

void main()
