#!/usr/bin/env node
// Load benchmark of the mock server on loopback: requests per second for GET entitlements and
// POST usage. The server runs from the built dist in a child process (its own core), the client
// here with a keep-alive agent. Bounded in time AND count per endpoint.
//
//   node packages/mock-server/bench/load.mjs            # 3 s or 50,000 requests per endpoint
//   node packages/mock-server/bench/load.mjs --short    # CI: 0.5 s or 5,000 requests
//
// Build first: pnpm exec tsc -b packages/mock-server
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const short = process.argv.includes('--short')
// --json: a last line `{ rows: [{ case, rps, requests, p50Ms, p99Ms, non200 }] }` for `pnpm bench`.
const json = process.argv.includes('--json')
const rows = []
const DURATION_MS = short ? 500 : 3000
const MAX_REQUESTS = short ? 5_000 : 50_000
const CONCURRENCY = 32
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js')
if (!existsSync(cli)) {
  console.error('bench: build first (pnpm exec tsc -b packages/mock-server)')
  process.exit(1)
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const { createLoadClient, launch, measure, STATIC_FLOOR } = await import(join(root, 'bench/lib/load.mjs'))

const baseline = launch(['--input-type=module', '-e', STATIC_FLOOR])
const server = launch([cli, '--port', '0', '--host', '127.0.0.1'])
const [baseUrl, url] = await Promise.all([baseline.ready, server.ready])
const load = createLoadClient(CONCURRENCY)
const send = (method, path, body, target = url) => load.send(target, method, path, 'demo-umbrella', body)

async function run(name, makeRequest) {
  const r = await measure(makeRequest, {
    concurrency: CONCURRENCY,
    durationMs: DURATION_MS,
    maxRequests: MAX_REQUESTS,
  })
  const row = {
    case: name,
    rps: Math.round(r.rps),
    requests: r.requests,
    p50Ms: Number(r.p50Ms.toFixed(2)),
    p99Ms: Number(r.p99Ms.toFixed(2)),
    non200: r.non200,
  }
  rows.push(row)
  console.log(
    `${name.padEnd(36)} ${String(row.rps).padStart(7)} req/s  ${String(r.requests).padStart(6)} requests  ` +
      `p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  non-200: ${r.non200}`,
  )
  return { rps: row.rps, failed: r.non200 }
}

console.log(
  `mock-server load benchmark (${short ? 'short' : 'full'}: ${DURATION_MS} ms or ${MAX_REQUESTS} requests per endpoint, concurrency ${CONCURRENCY}, Node ${process.version})`,
)
const results = []
try {
  const base = await run('baseline: bare node:http, static JSON', () => send('GET', '/', undefined, baseUrl))
  results.push(
    await run('GET /v1/customers/:id/entitlements', () => send('GET', '/v1/customers/umbrella/entitlements')),
  )
  // Unique keys on an unlimited meter: every report is a real write.
  const runId = Date.now().toString(36)
  results.push(
    await run('POST /v1/customers/:id/usage', (i) =>
      send('POST', '/v1/customers/umbrella/usage', {
        feature: 'api-calls',
        amount: 1,
        idempotencyKey: `${runId}-${i}`,
      }),
    ),
  )
  for (const r of results) r.ofBaseline = r.rps / base.rps
  console.log(
    `relative to the baseline: GET ${(results[0].ofBaseline * 100).toFixed(0)}%, POST ${(results[1].ofBaseline * 100).toFixed(0)}%`,
  )
} finally {
  load.close()
  server.child.kill('SIGTERM')
  baseline.child.kill('SIGTERM')
}
if (json) console.log(JSON.stringify({ rows }))
if (results.some((r) => r.failed > 0)) {
  console.error('bench: some requests did not answer 200')
  process.exitCode = 1
}
