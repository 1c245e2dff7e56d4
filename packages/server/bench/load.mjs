#!/usr/bin/env node
// Load benchmark of @entitle/server on loopback, next to two floors measured in the same run:
//   - a bare node:http server answering static JSON (the HTTP ceiling of this machine right now);
//   - a bare node:http server doing the one necessary `UPDATE … RETURNING` per request, through
//     node-postgres, on the same PostgreSQL (the write ceiling).
// Then GET snapshot and POST usage on `entitle-server --database-url` (PostgreSQL) and on
// `entitle-server --data-dir` (embedded PGlite). Each server is its own child process; this
// process is the load generator (keep-alive, concurrency 32). Rounds interleave floors and servers.
//
//   node packages/server/bench/load.mjs            # 3 rounds of 2 s (or 20,000 requests) per case
//   node packages/server/bench/load.mjs --short    # CI: 1 round of 0.4 s (or 3,000 requests)
//   --json: a last line { rows: [...] } for `pnpm bench`
//
// Build first (pnpm run build). PostgreSQL: DATABASE_URL if set, else a throwaway cluster
// (scripts/postgres.mjs). Targets: POST usage >= 60% of the SQL floor, GET >= 50% of the static floor.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..', '..')
const { createLoadClient, launch, measure, STATIC_FLOOR } = await import(join(root, 'bench/lib/load.mjs'))
const short = process.argv.includes('--short')
const json = process.argv.includes('--json')
const DURATION_MS = short ? 400 : 2000
const MAX_REQUESTS = short ? 3_000 : 20_000
const ROUNDS = short ? 1 : 3
const CONCURRENCY = 32
const CUSTOMERS = 16
const cli = join(here, '..', 'dist', 'cli.js')
if (!existsSync(cli)) {
  console.error('bench: build first (pnpm run build)')
  process.exit(1)
}
const requireFromServer = createRequire(join(here, '..', 'package.json'))
const pgPath = requireFromServer.resolve('pg')
const { logPilotCatalog } = await import(join(root, 'packages/core/dist/sample/logpilot.js'))

let cluster
let databaseUrl = process.env.ENTITLE_BENCH_DATABASE_URL ?? process.env.DATABASE_URL
if (!databaseUrl) {
  const { startPostgres } = await import(join(root, 'scripts/postgres.mjs'))
  cluster = await startPostgres({ quiet: true })
  databaseUrl = cluster.url
}
const work = mkdtempSync(join(tmpdir(), 'entitle-bench-'))
const seedFile = join(work, 'seed.json')
// Customers on Enterprise: unlimited API calls, so every report is a real write, never a 409.
writeFileSync(
  seedFile,
  JSON.stringify({
    catalog: logPilotCatalog,
    customers: Array.from({ length: CUSTOMERS }, (_, i) => ({ id: `c${i}`, planId: 'enterprise' })),
  }),
)

// The write floor: parse the JSON body, one UPDATE … RETURNING (prepared), answer JSON.
const SQL_FLOOR = `
import { createServer } from 'node:http'
const pg = (await import(${JSON.stringify(pgPath)})).default
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
await pool.query('CREATE TABLE IF NOT EXISTS bench_floor (id text PRIMARY KEY, used bigint NOT NULL)')
for (let i = 0; i < ${CUSTOMERS}; i++) await pool.query('INSERT INTO bench_floor VALUES ($1, 0) ON CONFLICT DO NOTHING', ['c' + i])
const s = createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', async () => {
    const id = req.url.split('/')[3]
    const { amount } = JSON.parse(Buffer.concat(chunks).toString())
    const { rows } = await pool.query({ name: 'floor', text: 'UPDATE bench_floor SET used = used + $2 WHERE id = $1 RETURNING used', values: [id, amount] })
    const body = JSON.stringify({ used: Number(rows[0].used) })
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  })
})
s.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port))
`

const load = createLoadClient(CONCURRENCY)
const send = (target, method, path, customer, body) =>
  load.send(target, method, path, `demo-${customer}`, body)
const run = (makeRequest) =>
  measure(makeRequest, { concurrency: CONCURRENCY, durationMs: DURATION_MS, maxRequests: MAX_REQUESTS })

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const runId = Date.now().toString(36)
const get = (target) => (i) =>
  send(target, 'GET', `/v1/customers/c${Math.abs(i) % CUSTOMERS}/entitlements`, `c${Math.abs(i) % CUSTOMERS}`)
const post = (target, tag) => (i) => {
  const customer = `c${Math.abs(i) % CUSTOMERS}`
  return send(target, 'POST', `/v1/customers/${customer}/usage`, customer, {
    feature: 'api-calls',
    amount: 1,
    idempotencyKey: `${runId}-${tag}-${i}`,
  })
}
const floorPost = (target) => (i) => {
  const customer = `c${Math.abs(i) % CUSTOMERS}`
  return send(target, 'POST', `/v1/customers/${customer}/usage`, customer, {
    feature: 'api-calls',
    amount: 1,
  })
}

const processes = []
const results = new Map()
let exitCode = 0
try {
  const staticFloor = launch(['--input-type=module', '-e', STATIC_FLOOR])
  const sqlFloor = launch(['--input-type=module', '-e', SQL_FLOOR], { DATABASE_URL: databaseUrl })
  const onPostgres = launch([
    cli,
    '--port',
    '0',
    '--database-url',
    databaseUrl,
    '--seed',
    seedFile,
    '--heartbeat-ms',
    '0',
  ])
  const onPglite = launch([
    cli,
    '--port',
    '0',
    '--data-dir',
    join(work, 'pglite'),
    '--seed',
    seedFile,
    '--heartbeat-ms',
    '0',
  ])
  processes.push(staticFloor, sqlFloor, onPostgres, onPglite)
  const [staticUrl, sqlUrl, pgUrl, pgliteUrl] = await Promise.all(processes.map((p) => p.ready))
  const cases = [
    ['floor: bare node:http, static JSON', () => send(staticUrl, 'GET', '/', 'x')],
    ['floor: bare node:http + one UPDATE … RETURNING (PostgreSQL)', floorPost(sqlUrl)],
    ['PostgreSQL: GET /v1/customers/:id/entitlements', get(pgUrl)],
    ['PostgreSQL: POST /v1/customers/:id/usage', post(pgUrl, 'pg')],
    ['PGlite: GET /v1/customers/:id/entitlements', get(pgliteUrl)],
    ['PGlite: POST /v1/customers/:id/usage', post(pgliteUrl, 'pglite')],
  ]
  console.log(
    `@entitle/server load benchmark (${short ? 'short' : 'full'}: ${ROUNDS} round(s) of ${DURATION_MS} ms or ${MAX_REQUESTS} requests per case, concurrency ${CONCURRENCY}, ${CUSTOMERS} customers, Node ${process.version})`,
  )
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, makeRequest] of cases) {
      const result = await run(makeRequest)
      if (!results.has(name)) results.set(name, [])
      results.get(name).push(result)
    }
  }
} finally {
  load.close()
  for (const p of processes) p.child.kill('SIGTERM')
  await Promise.all(
    processes.map(
      (p) => new Promise((resolve) => (p.child.exitCode !== null ? resolve() : p.child.on('exit', resolve))),
    ),
  )
  rmSync(work, { recursive: true, force: true })
  cluster?.stop()
}

const rows = []
for (const [name, runs] of results) {
  const row = {
    case: name,
    rps: Math.round(median(runs.map((r) => r.rps))),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    p50Ms: Number(median(runs.map((r) => r.p50Ms)).toFixed(2)),
    p99Ms: Number(median(runs.map((r) => r.p99Ms)).toFixed(2)),
    non200: runs.reduce((sum, r) => sum + r.non200, 0),
  }
  rows.push(row)
  console.log(
    `${name.padEnd(62)} ${String(row.rps).padStart(7)} req/s  p50 ${row.p50Ms.toFixed(2)} ms  p99 ${row.p99Ms.toFixed(2)} ms  non-200: ${row.non200}`,
  )
}
const rps = (prefix) => rows.find((r) => r.case.startsWith(prefix))?.rps ?? 0
const staticFloorRps = rps('floor: bare node:http, static')
const sqlFloorRps = rps('floor: bare node:http + one')
const ratios = {
  getOfStatic: rps('PostgreSQL: GET') / staticFloorRps,
  postOfSql: rps('PostgreSQL: POST') / sqlFloorRps,
  pgliteGetOfStatic: rps('PGlite: GET') / staticFloorRps,
  pglitePostOfSql: rps('PGlite: POST') / sqlFloorRps,
}
const pct = (x) => `${(x * 100).toFixed(0)}%`
console.log(
  `PostgreSQL: GET ${pct(ratios.getOfStatic)} of the static floor (target >= 50%: ${ratios.getOfStatic >= 0.5 ? 'met' : 'NOT met'}), ` +
    `POST ${pct(ratios.postOfSql)} of the SQL floor (target >= 60%: ${ratios.postOfSql >= 0.6 ? 'met' : 'NOT met'})`,
)
console.log(
  `PGlite: GET ${pct(ratios.pgliteGetOfStatic)} of the static floor, POST ${pct(ratios.pglitePostOfSql)} of the SQL floor`,
)
console.log('(timings are printed, never asserted: they move with the machine; non-200 answers fail the run)')
if (rows.some((r) => r.non200 > 0)) {
  console.error('bench: some requests did not answer 200')
  exitCode = 1
}
if (json) {
  const summary = {
    case: 'against the floors (targets: GET >= 50% of static, POST >= 60% of SQL)',
    postgresGet: pct(ratios.getOfStatic),
    postgresPost: pct(ratios.postOfSql),
    pgliteGet: pct(ratios.pgliteGetOfStatic),
    pglitePost: pct(ratios.pglitePostOfSql),
  }
  console.log(JSON.stringify({ rows: [...rows, summary], ratios }))
}
process.exitCode = exitCode
