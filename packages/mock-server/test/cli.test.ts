// The CLI as users run it (built dist, child process): --data-dir (embedded PGlite) survives restarts,
// kill -9 included.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, killAll, runCli, startCli } from '../../server/test/processes.js'
import type { ApiBody } from './helpers.js'
import { metered } from './helpers.js'

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(pkg, 'dist', 'cli.js')
const dir = mkdtempSync(join(tmpdir(), 'entitle-mock-'))

beforeAll(() => {
  ensureBuilt(join(pkg, '..', 'server'), join(pkg, '..', 'server', 'dist', 'cli.js'))
  ensureBuilt(pkg, cli)
}, 120_000)

afterAll(() => {
  killAll()
  rmSync(dir, { recursive: true, force: true })
})

const run = (args: string[]) => runCli(cli, args)
const start = (args: string[]) => startCli(cli, args)

async function call(url: string, method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, headers: res.headers, json: (await res.json()) as ApiBody }
}

const usageOf = async (url: string) =>
  metered(
    (await call(url, 'GET', '/v1/customers/umbrella/entitlements', 'demo-umbrella')).json.entitlements?.[
      'api-calls'
    ],
  ).usage

// Child processes: generous timeouts for busy shared CI machines.
describe('CLI', { timeout: 60_000 }, () => {
  it('--help prints the options and exits 0', async () => {
    const r = run(['--help'])
    expect((await r.exited).code).toBe(0)
    expect(r.output()).toContain('--stripe-webhook-secret')
    expect(r.output()).toContain('--data-dir <dir>')
  })

  it('refuses an unknown option or a broken seed with exit code 2 and a message', async () => {
    const bad = run(['--nope'])
    expect((await bad.exited).code).toBe(2)
    const seed = join(dir, 'bad-seed.json')
    writeFileSync(seed, JSON.stringify({ customers: [{ id: 'x', planId: 'gold' }] }))
    const broken = run(['--seed', seed])
    expect((await broken.exited).code).toBe(2)
    expect(broken.output()).toContain('seed.customers[0].planId')
  })

  it('refuses a data directory that is a file (an old JSON state) instead of overwriting it', async () => {
    const state = join(dir, 'old-state.json')
    writeFileSync(state, '{"format":"entitle-mock-state"}')
    const r = run(['--port', '0', '--state', state])
    expect((await r.exited).code).toBe(2)
    expect(r.output()).toContain('is a file')
  })

  it('--seed loads customers from a file', async () => {
    const seed = join(dir, 'seed.json')
    writeFileSync(
      seed,
      JSON.stringify({ customers: [{ id: 'solo', planId: 'premium', usage: { seats: 2 } }] }),
    )
    const server = await start(['--seed', seed])
    const res = await call(server.url, 'GET', '/v1/customers/solo/entitlements', 'demo-solo')
    expect(metered(res.json.entitlements?.seats)).toMatchObject({ usage: 2, limit: 10 })
    server.child.kill('SIGTERM')
    expect((await server.exited).code).toBe(0)
  })

  it('with --data-dir, acknowledged usage, plans and keys survive kill -9', async () => {
    const state = join(dir, 'kill9')
    const first = await start(['--data-dir', state])
    const initial = await usageOf(first.url)
    await call(first.url, 'PUT', '/v1/customers/acme/subscription', 'demo-acme', {
      planId: 'premium',
      addons: ['extra-seats'],
    })
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        call(first.url, 'POST', '/v1/customers/umbrella/usage', 'demo-umbrella', {
          feature: 'api-calls',
          amount: i + 1,
          idempotencyKey: `k${i}`,
        }),
      ),
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    const lastVersion = Math.max(...results.map((r) => r.json.version ?? 0))
    first.child.kill('SIGKILL')
    expect((await first.exited).signal).toBe('SIGKILL')

    const second = await start(['--data-dir', state])
    expect(await usageOf(second.url)).toBe(initial + 325)
    const after = await call(second.url, 'GET', '/v1/customers/umbrella/entitlements', 'demo-umbrella')
    // Versions are durable: the last acknowledged one is where the restarted server stands.
    expect(after.json.version).toBe(lastVersion)
    const acme = await call(second.url, 'GET', '/v1/customers/acme/entitlements', 'demo-acme')
    expect(acme.json.plan?.id).toBe('premium')
    expect(metered(acme.json.entitlements?.seats).limit).toBe(15)
    // Idempotency keys survive too: a retry after the crash is not counted again.
    const retry = await call(second.url, 'POST', '/v1/customers/umbrella/usage', 'demo-umbrella', {
      feature: 'api-calls',
      amount: 1,
      idempotencyKey: 'k0',
    })
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await usageOf(second.url)).toBe(initial + 325)
    second.child.kill('SIGKILL')
    await second.exited
  })

  it('kill -9 in the middle of a burst loses nothing that was acknowledged', async () => {
    const state = join(dir, 'burst')
    const first = await start(['--state', state])
    const initial = await usageOf(first.url)
    let acknowledged = 0
    let killed = false
    const sends = Array.from({ length: 100 }, () =>
      call(first.url, 'POST', '/v1/customers/umbrella/usage', 'demo-umbrella', {
        feature: 'api-calls',
        amount: 1,
      }).then(
        (r) => {
          if (r.status === 200 && !killed) acknowledged++
          if (acknowledged === 30 && !killed) {
            killed = true
            first.child.kill('SIGKILL')
          }
        },
        () => {},
      ),
    )
    await Promise.all(sends)
    await first.exited
    expect(acknowledged).toBe(30)
    const second = await start(['--state', state])
    const usage = await usageOf(second.url)
    expect(usage).toBeGreaterThanOrEqual(initial + acknowledged)
    expect(usage).toBeLessThanOrEqual(initial + 100)
    second.child.kill('SIGKILL')
    await second.exited
  })

  it('shuts down cleanly on SIGTERM and SIGINT, keeping state', async () => {
    const state = join(dir, 'graceful')
    const first = await start(['--state', state])
    // An open SSE stream must not keep the process alive.
    const events = await fetch(`${first.url}/v1/customers/acme/events`, {
      headers: { authorization: 'Bearer demo-acme' },
    })
    await events.body?.getReader().read()
    await call(first.url, 'POST', '/v1/customers/acme/usage', 'demo-acme', {
      feature: 'api-calls',
      amount: 5,
    })
    first.child.kill('SIGTERM')
    expect((await first.exited).code).toBe(0)
    const second = await start(['--state', state])
    const res = await call(second.url, 'GET', '/v1/customers/acme/entitlements', 'demo-acme')
    expect(metered(res.json.entitlements?.['api-calls']).usage).toBe(955)
    second.child.kill('SIGINT')
    expect((await second.exited).code).toBe(0)
  })
})
