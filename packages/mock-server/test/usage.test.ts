// Atomic hard limits and idempotency under concurrency, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logPilotCatalog } from '../src/seed.js'
import { metered, startTestServer, type TestServer } from './helpers.js'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer({
    seed: {
      catalog: logPilotCatalog,
      customers: [
        // An override sets a hard limit of 50 on top of Basic.
        {
          id: 'load',
          planId: 'basic',
          overrides: [
            {
              feature: 'seats',
              grant: { kind: 'metered', limit: 50, enforcement: 'hard', resetPeriod: null },
            },
          ],
        },
        { id: 'big', planId: 'enterprise' },
        // No plan: nothing is granted.
        { id: 'nobody', planId: null },
      ],
    },
  })
})
afterAll(() => t.close())

const report = (customer: string, body: unknown) =>
  t.call('POST', `/v1/customers/${customer}/usage`, { token: `demo-${customer}`, body })

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await (tasks[i] as () => Promise<T>)()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker))
  return results
}

// Hundreds of real HTTP requests: generous timeouts for busy shared CI machines.
describe('hard limits are atomic', { timeout: 60_000 }, () => {
  it('200 concurrent reports of 1 against a hard limit of 50: exactly 50 accepted, usage ends at 50', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () => report('load', { feature: 'seats', amount: 1 })),
    )
    const accepted = results.filter((r) => r.status === 200)
    const refused = results.filter((r) => r.status === 409)
    expect(accepted).toHaveLength(50)
    expect(refused).toHaveLength(150)
    expect(refused.every((r) => r.json.error?.code === 'limit_exceeded')).toBe(true)
    // Every acknowledged report saw a distinct usage: no two were interleaved.
    expect(new Set(accepted.map((r) => r.json.entitlement?.usage)).size).toBe(50)
    expect(Math.max(...accepted.map((r) => r.json.entitlement?.usage ?? 0))).toBe(50)
    const snap = await t.call('GET', '/v1/customers/load/entitlements', { token: 'demo-load' })
    expect(metered(snap.json.entitlements?.seats)).toMatchObject({ usage: 50, limit: 50, source: 'override' })
  })

  it('409 not_entitled for a meter the customer does not have', async () => {
    const res = await report('nobody', { feature: 'seats', amount: 1 })
    expect(res.status).toBe(409)
    expect(res.json.error?.code).toBe('not_entitled')
  })
})

describe('idempotency under load', { timeout: 60_000 }, () => {
  it('1,000 reports, 20% repeating an earlier key: each key counted once, replays answer the first response', async () => {
    // Deterministic pseudo-random choice of which earlier key each repeat reuses.
    let seed = 42
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const keys: string[] = []
    const plan: { key: string; amount: number; repeat: boolean }[] = []
    for (let i = 0; i < 1000; i++) {
      if (i % 5 === 4) {
        const key = keys[Math.floor(random() * keys.length)] as string
        plan.push({ key, amount: Number(key.split('-')[1]), repeat: true })
      } else {
        const amount = (i % 7) + 1
        const key = `k${i}-${amount}`
        keys.push(key)
        plan.push({ key, amount, repeat: false })
      }
    }
    const results = await pool(
      plan.map((p) => () => report('big', { feature: 'api-calls', amount: p.amount, idempotencyKey: p.key })),
      50,
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(200)
    const firstByKey = new Map<string, string>()
    results.forEach((r, i) => {
      const key = (plan[i] as { key: string }).key
      const first = firstByKey.get(key)
      if (first === undefined) firstByKey.set(key, r.text)
      else expect(r.text).toBe(first)
    })
    expect(firstByKey.size).toBe(800)
    const expected = plan.filter((p) => !p.repeat).reduce((sum, p) => sum + p.amount, 0)
    const snap = await t.call('GET', '/v1/customers/big/entitlements', { token: 'demo-big' })
    expect(metered(snap.json.entitlements?.['api-calls']).usage).toBe(expected)
  })

  it('concurrent duplicates of one key are counted once', async () => {
    const body = { feature: 'seats', amount: 3, idempotencyKey: 'burst' }
    const before = metered(
      (await t.call('GET', '/v1/customers/big/entitlements', { token: 'demo-big' })).json.entitlements?.seats,
    ).usage
    const results = await Promise.all(Array.from({ length: 20 }, () => report('big', body)))
    expect(new Set(results.map((r) => r.text)).size).toBe(1)
    const after = metered(
      (await t.call('GET', '/v1/customers/big/entitlements', { token: 'demo-big' })).json.entitlements?.seats,
    ).usage
    expect(after).toBe(before + 3)
  })
})
