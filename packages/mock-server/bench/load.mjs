#!/usr/bin/env node
// Load benchmark of the mock server on loopback: requests per second for GET entitlements and
// POST usage. The server runs from the built dist in a child process (its own core), the client
// here with a keep-alive agent. Bounded in time AND count per endpoint.
//
//   node packages/mock-server/bench/load.mjs            # 3 s or 50,000 requests per endpoint
//   node packages/mock-server/bench/load.mjs --short    # CI: 0.5 s or 5,000 requests
//
// Build first: pnpm exec tsc -b packages/mock-server
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { Agent, request } from 'node:http'
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

// A bare node:http server answering a fixed JSON body: the ceiling of this machine right now
// (shared CI runners vary a lot), so the mock server's figures can be read against it.
const BASELINE = `
import { createServer } from 'node:http'
const body = JSON.stringify({ ok: true })
const s = createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body) }) })
s.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port))
`

function launch(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const ready = new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) resolve(new URL(m[1]))
    })
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)))
  })
  return { child, ready }
}

const baseline = launch(['--input-type=module', '-e', BASELINE])
const server = launch([cli, '--port', '0', '--host', '127.0.0.1'])
const [baseUrl, url] = await Promise.all([baseline.ready, server.ready])

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })

function send(method, path, body, target = url) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method,
        path,
        headers: {
          authorization: 'Bearer demo-umbrella',
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode))
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

async function run(name, makeRequest) {
  // Warm up (JIT, sockets) before measuring.
  await Promise.all(Array.from({ length: CONCURRENCY * 4 }, (_, i) => makeRequest(-1 - i)))
  let issued = 0
  let ok = 0
  let failed = 0
  const latencies = []
  const started = performance.now()
  const deadline = started + DURATION_MS
  const worker = async () => {
    while (issued < MAX_REQUESTS && performance.now() < deadline) {
      const i = issued++
      const t0 = performance.now()
      const status = await makeRequest(i)
      latencies.push(performance.now() - t0)
      if (status === 200) ok++
      else failed++
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p) =>
    (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(2)
  const rps = Math.round((ok + failed) / seconds)
  rows.push({
    case: name,
    rps,
    requests: ok + failed,
    p50Ms: Number(pct(0.5)),
    p99Ms: Number(pct(0.99)),
    non200: failed,
  })
  console.log(
    `${name.padEnd(36)} ${String(rps).padStart(7)} req/s  ${String(ok + failed).padStart(6)} requests in ${seconds.toFixed(2)} s  ` +
      `p50 ${pct(0.5)} ms  p99 ${pct(0.99)} ms  non-200: ${failed}`,
  )
  return { rps, failed }
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
  agent.destroy()
  server.child.kill('SIGTERM')
  baseline.child.kill('SIGTERM')
}
if (json) console.log(JSON.stringify({ rows }))
if (results.some((r) => r.failed > 0)) {
  console.error('bench: some requests did not answer 200')
  process.exitCode = 1
}
