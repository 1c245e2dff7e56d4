// Four `entitle-server` processes on one PostgreSQL database: limits hold across them, keys count
// once whichever instance they reach, a change made through one reaches streams of another, and
// killing an instance mid-burst loses nothing it acknowledged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { logPilotCatalog } from '@entitle/core/sample'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ensureBuilt, freshDatabase, type Instance, killAll, startInstance } from './processes.js'

const ADMIN = 'multi-instance-admin-secret'
const dir = mkdtempSync(join(tmpdir(), 'entitle-multi-'))
const seedFile = join(dir, 'seed.json')
let database: { url: string; drop(): Promise<void> }
let instances: Instance[] = []

const seats50 = { kind: 'metered', limit: 50, enforcement: 'hard', resetPeriod: null }
writeFileSync(
  seedFile,
  JSON.stringify({
    catalog: logPilotCatalog,
    customers: [
      { id: 'race', planId: null, overrides: [{ feature: 'seats', grant: seats50, endsAt: null }] },
      { id: 'keys', planId: 'enterprise' },
      { id: 'live', planId: 'basic' },
      { id: 'crash', planId: 'enterprise' },
    ],
  }),
)

async function post(
  instance: Instance,
  customer: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown>; replayed: boolean }> {
  const res = await fetch(`${instance.url}/v1/customers/${customer}/usage`, {
    method: 'POST',
    headers: { authorization: `Bearer demo-${customer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return {
    status: res.status,
    json: (await res.json()) as Record<string, unknown>,
    replayed: res.headers.get('idempotent-replayed') === 'true',
  }
}

async function usage(instance: Instance, customer: string, feature: string): Promise<number> {
  const res = await fetch(`${instance.url}/v1/customers/${customer}/entitlements`, {
    headers: { authorization: `Bearer demo-${customer}` },
  })
  const snapshot = (await res.json()) as { entitlements: Record<string, { usage?: number }> }
  return snapshot.entitlements[feature]?.usage ?? -1
}

beforeAll(async () => {
  ensureBuilt()
  database = await freshDatabase(inject('databaseUrl'))
  const args = [
    '--database-url',
    database.url,
    '--seed',
    seedFile,
    '--admin-token',
    ADMIN,
    '--heartbeat-ms',
    '60000',
  ]
  // The first applies the migrations; the others start together and find them done.
  instances = [await startInstance(args)]
  instances.push(...(await Promise.all([1, 2, 3].map(() => startInstance(args)))))
}, 120_000)

afterAll(async () => {
  killAll()
  await Promise.all(instances.map((i) => i.exited))
  await database?.drop()
  rmSync(dir, { recursive: true, force: true })
})

describe('4 instances on one PostgreSQL', { timeout: 60_000 }, () => {
  it('400 concurrent reports of 1 against a hard limit of 50, spread over them: exactly 50 accepted', async () => {
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        post(instances[i % 4] as Instance, 'race', { feature: 'seats', amount: 1 }),
      ),
    )
    const accepted = results.filter((r) => r.status === 200)
    const refused = results.filter((r) => r.status === 409)
    expect(accepted).toHaveLength(50)
    expect(refused).toHaveLength(350)
    expect(new Set(accepted.map((r) => r.json.version)).size).toBe(50)
    // Every instance reads it (caches follow the others' notices within milliseconds).
    for (const instance of instances) await expect.poll(() => usage(instance, 'race', 'seats')).toBe(50)
  })

  it('1,000 reports with 20% repeated keys to random instances: each key counted once', async () => {
    const keys = Array.from({ length: 1000 }, (_, i) => (i % 5 === 4 ? `key-${i - 1}` : `key-${i}`))
    const pick = () => instances[Math.floor(Math.random() * 4)] as Instance
    const results = await Promise.all(
      keys.map((idempotencyKey) => post(pick(), 'keys', { feature: 'api-calls', amount: 1, idempotencyKey })),
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(results.filter((r) => r.replayed)).toHaveLength(200)
    for (const instance of instances) await expect.poll(() => usage(instance, 'keys', 'api-calls')).toBe(800)
  })

  it('a plan change through instance 1 reaches an event stream of instance 4 within 1 s', async () => {
    const abort = new AbortController()
    const stream = await fetch(`${instances[3]?.url}/v1/customers/live/events`, {
      headers: { authorization: 'Bearer demo-live' },
      signal: abort.signal,
    })
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let buffer = ''
    const nextSnapshot = async (): Promise<{ plan: { id: string } | null; version: number }> => {
      for (;;) {
        const end = buffer.indexOf('\n\n')
        if (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = block.split('\n').find((line) => line.startsWith('data: '))
          if (data) return JSON.parse(data.slice(6))
          continue
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('stream ended')
        buffer += decoder.decode(value, { stream: true })
      }
    }
    expect((await nextSnapshot()).plan?.id).toBe('basic')
    const started = performance.now()
    const change = await fetch(`${instances[0]?.url}/v1/customers/live/subscription`, {
      method: 'PUT',
      headers: { authorization: 'Bearer demo-live', 'content-type': 'application/json' },
      body: JSON.stringify({ planId: 'premium' }),
    })
    expect(change.status).toBe(200)
    const pushed = await nextSnapshot()
    const elapsed = performance.now() - started
    console.log(
      `[multi-instance] plan change via instance 1 → SSE client of instance 4: ${elapsed.toFixed(0)} ms`,
    )
    expect(pushed.plan?.id).toBe('premium')
    expect(elapsed).toBeLessThan(1000)
    abort.abort()
  })

  it('kill -9 of an instance mid-burst loses nothing it acknowledged; retries count once', async () => {
    const victim = instances[1] as Instance
    const acknowledged = new Set<string>()
    let killed = false
    const sends = Array.from({ length: 200 }, (_, i) => {
      const key = `crash-${i}`
      const target = instances[i % 4] as Instance
      return post(target, 'crash', { feature: 'api-calls', amount: 1, idempotencyKey: key }).then(
        (r) => {
          if (r.status === 200) acknowledged.add(key)
          if (!killed && acknowledged.size >= 40) {
            killed = true
            victim.child.kill('SIGKILL')
          }
        },
        () => {},
      )
    })
    await Promise.all(sends)
    expect(killed).toBe(true)
    await victim.exited
    const survivors = instances.filter((i) => i !== victim)
    // Committed before acknowledged: the survivors read every acknowledged report. (The victim's
    // last notices may have died with it: the survivors' periodic re-check, every 5 s, catches up.)
    await expect
      .poll(() => usage(survivors[0] as Instance, 'crash', 'api-calls'), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(acknowledged.size)
    // Every report not acknowledged is retried with its key on a live instance: the total is exact.
    const missing = Array.from({ length: 200 }, (_, i) => `crash-${i}`).filter(
      (key) => !acknowledged.has(key),
    )
    for (const [n, key] of missing.entries()) {
      const r = await post(survivors[n % survivors.length] as Instance, 'crash', {
        feature: 'api-calls',
        amount: 1,
        idempotencyKey: key,
      })
      expect(r.status).toBe(200)
    }
    for (const instance of survivors)
      await expect.poll(() => usage(instance, 'crash', 'api-calls'), { timeout: 15_000 }).toBe(200)
    instances = survivors
  })
})
