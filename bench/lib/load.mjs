// The load generator both server benchmarks use (packages/server/bench, packages/mock-server/bench):
// keep-alive HTTP from this process to servers in child processes, at a fixed concurrency, bounded
// in time and in requests. Prints nothing; callers format the figures.
import { spawn } from 'node:child_process'
import { Agent, request } from 'node:http'

/** A server as a child process; `ready` resolves with its URL once it prints `listening on <url>`. */
export function launch(args, env = {}) {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  })
  const ready = new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) resolve(new URL(m[1]))
    })
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)))
  })
  return { child, ready }
}

/** A bare node:http server answering static JSON: the HTTP ceiling of this machine right now. */
export const STATIC_FLOOR = `
import { createServer } from 'node:http'
const body = JSON.stringify({ ok: true })
const s = createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body) }) })
s.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port))
`

/** A keep-alive client of `concurrency` sockets: `send(url, method, path, token, body?)` → status. */
export function createLoadClient(concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const send = (target, method, path, token, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method,
          path,
          headers: {
            authorization: `Bearer ${token}`,
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
  return { send, close: () => agent.destroy() }
}

/**
 * One measurement: `makeRequest(i)` (resolving a status) at `concurrency` for `durationMs` or
 * `maxRequests`, after a warm-up of a few requests per socket. Negative `i` are warm-up requests.
 */
export async function measure(makeRequest, { concurrency, durationMs, maxRequests }) {
  await Promise.all(Array.from({ length: concurrency * 2 }, (_, i) => makeRequest(-1 - i)))
  let issued = 0
  let failed = 0
  const latencies = []
  const started = performance.now()
  const deadline = started + durationMs
  const worker = async () => {
    while (issued < maxRequests && performance.now() < deadline) {
      const i = issued++
      const t0 = performance.now()
      const status = await makeRequest(i)
      latencies.push(performance.now() - t0)
      if (status !== 200) failed++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0
  return {
    rps: latencies.length / seconds,
    requests: latencies.length,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    non200: failed,
  }
}
