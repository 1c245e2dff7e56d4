// The admin API (outage switch, clock, reset) and time: trials, promotions and period resets.

import { nextPeriodStart, periodStart } from '@entitle/core/engine'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN, DAY, metered, startTestServer, T0, type TestServer } from './helpers.js'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
})
afterAll(() => t.close())
beforeEach(async () => {
  t.clock.now = T0
  await t.server.handler.control.reset()
})

/** Resolves once the outage holds `n` requests (health answers during outages). */
async function held(server: TestServer, n: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await server.call('GET', '/health')).json.heldRequests === n) return
  }
  throw new Error(`never saw ${n} held requests`)
}

const get = (id: string) => t.call('GET', `/v1/customers/${id}/entitlements`, { token: `demo-${id}` })
const admin = (path: string, body?: unknown) =>
  t.call('POST', `/v1/admin/${path}`, { token: ADMIN, body: body ?? {} })

describe('usage periods (UTC)', () => {
  it.each([
    ['day', '2026-03-15T12:00:00Z', '2026-03-15T00:00:00.000Z', '2026-03-16T00:00:00.000Z'],
    // 2026-03-15 is a Sunday: its week started on Monday the 9th.
    ['week', '2026-03-15T23:59:59Z', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z'],
    ['week', '2026-03-16T00:00:00Z', '2026-03-16T00:00:00.000Z', '2026-03-23T00:00:00.000Z'],
    ['month', '2026-12-31T23:59:59Z', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['month', '2028-02-29T10:00:00Z', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
    ['year', '2026-07-04T00:00:00Z', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ] as const)('%s containing %s: %s → %s', (period, at, start, next) => {
    expect(new Date(periodStart(period, Date.parse(at))).toISOString()).toBe(start)
    expect(new Date(nextPeriodStart(period, Date.parse(at))).toISOString()).toBe(next)
  })

  it('monthly usage resets at the next month, with resetsAt moving on; seats do not reset', async () => {
    const before = (await get('acme')).json
    expect(metered(before.entitlements?.['api-calls'])).toMatchObject({
      usage: 950,
      resetsAt: '2026-04-01T00:00:00.000Z',
    })
    // The injected clock moves on its own (no admin call): the server notices.
    t.clock.now = Date.parse('2026-04-01T00:00:00.000Z')
    const after = (await get('acme')).json
    expect(after.version).toBeGreaterThan(before.version ?? 0)
    expect(metered(after.entitlements?.['api-calls'])).toMatchObject({
      usage: 0,
      resetsAt: '2026-05-01T00:00:00.000Z',
    })
    expect(metered(after.entitlements?.seats).usage).toBe(3)
    const res = await t.call('POST', '/v1/customers/acme/usage', {
      token: 'demo-acme',
      body: { feature: 'api-calls', amount: 7 },
    })
    expect(res.json.entitlement?.usage).toBe(7)
  })
})

describe('trials and promotions follow the clock', () => {
  it('AI assistant: locked on Basic, unlocked by the Enterprise trial, locked again once the trial ends', async () => {
    expect((await get('acme')).json.entitlements?.['ai-assistant']).toBeUndefined()
    const started = await t.call('PUT', '/v1/customers/acme/subscription', {
      token: 'demo-acme',
      body: { planId: 'enterprise', trial: true },
    })
    expect(started.json.entitlements?.['ai-assistant']).toMatchObject({ source: 'trial' })
    expect(metered(started.json.entitlements?.seats).limit).toBeNull()

    await admin('clock', { advanceMs: 14 * DAY - 1 })
    expect((await get('acme')).json.entitlements?.['ai-assistant']).toBeDefined()
    await admin('clock', { advanceMs: 1 })
    const ended = (await get('acme')).json
    expect(ended.entitlements?.['ai-assistant']).toBeUndefined()
    expect(ended.trialEndsAt).toBeNull()
    expect(metered(ended.entitlements?.seats).limit).toBe(3)
  })

  it('globex keeps the promotional AI assistant for 10 days; initech goes back to Basic after 2', async () => {
    await admin('clock', { advanceMs: 2 * DAY })
    const initech = (await get('initech')).json
    expect(initech.entitlements?.['ai-assistant']).toBeUndefined()
    expect(initech.entitlements?.['retention-days']).toMatchObject({ value: 3, source: 'plan' })
    expect(metered(initech.entitlements?.seats)).toMatchObject({ usage: 5, limit: 3 })
    expect((await get('globex')).json.entitlements?.['ai-assistant']).toBeDefined()
    await admin('clock', { now: new Date(T0 + 10 * DAY).toISOString() })
    expect((await get('globex')).json.entitlements?.['ai-assistant']).toBeUndefined()
  })
})

describe('admin API', () => {
  it('needs the admin token', async () => {
    expect((await t.call('POST', '/v1/admin/reset')).status).toBe(401)
    expect((await t.call('POST', '/v1/admin/reset', { token: 'demo-acme' })).status).toBe(401)
    const off = await startTestServer({ adminToken: '' })
    try {
      expect((await off.call('POST', '/v1/admin/reset', { token: ADMIN })).status).toBe(404)
    } finally {
      await off.close()
    }
  })

  it('GET/POST clock; the clock only moves forward; bad bodies are 400', async () => {
    expect((await t.call('GET', '/v1/admin/clock', { token: ADMIN })).json.now).toBe(
      new Date(T0).toISOString(),
    )
    expect((await admin('clock', { advanceMs: DAY })).json.now).toBe(new Date(T0 + DAY).toISOString())
    for (const body of [
      {},
      { advanceMs: -1 },
      { advanceMs: 1.5 },
      { now: 'yesterday' },
      { now: new Date(T0).toISOString() },
      { advanceMs: 1, now: 'x' },
      // Past the last instant a Date can hold: a clock there would break every date computed from it.
      { advanceMs: Number.MAX_SAFE_INTEGER },
      { now: '+275760-09-13T00:00:00.001Z' },
    ]) {
      const res = await admin('clock', body)
      expect(res.status).toBe(400)
      expect(res.json.error?.code).toBe('invalid_request')
    }
    expect(t.server.handler.control.now()).toBe(T0 + DAY)
  })

  it('reset goes back to the seed with larger versions', async () => {
    const before = (await get('acme')).json
    await t.call('PUT', '/v1/customers/acme/subscription', {
      token: 'demo-acme',
      body: { planId: 'premium' },
    })
    await admin('clock', { advanceMs: DAY })
    const res = await admin('reset')
    expect(res.status).toBe(200)
    const after = (await get('acme')).json
    expect(after.plan?.id).toBe('basic')
    expect(after.entitlements).toEqual(before.entitlements)
    expect(after.version).toBeGreaterThan(before.version ?? 0)
    expect(t.server.handler.control.now()).toBe(T0)
  })

  it("outage 'error': 503 for every non-admin request; health and admin still answer", async () => {
    expect((await admin('outage', { down: true, mode: 'error' })).json).toEqual({ down: true, mode: 'error' })
    const res = await get('acme')
    expect(res.status).toBe(503)
    expect(res.json.error?.code).toBe('service_unavailable')
    expect(res.headers.get('retry-after')).toBe('5')
    expect((await t.call('GET', '/v1/catalog')).status).toBe(503)
    expect((await t.call('GET', '/health')).json.outage).toEqual({ down: true, mode: 'error' })
    await admin('outage', { down: false })
    expect((await get('acme')).status).toBe(200)
  })

  it("outage 'hang': requests wait until the client gives up, or go on once the outage ends", async () => {
    await admin('outage', { down: true })
    // A client that gives up: its request ends (aborted), and nothing is left waiting.
    const abort = new AbortController()
    const given = fetch(`${t.url}/v1/customers/acme/entitlements`, {
      headers: { authorization: 'Bearer demo-acme' },
      signal: abort.signal,
    })
    const waiting = fetch(`${t.url}/v1/customers/acme/entitlements`, {
      headers: { authorization: 'Bearer demo-acme' },
    })
    await held(t, 2)
    expect((await t.call('GET', '/v1/admin/outage', { token: ADMIN })).json).toEqual({
      down: true,
      mode: 'hang',
    })
    abort.abort()
    await expect(given).rejects.toThrow()
    await held(t, 1)
    await admin('outage', { down: false })
    const res = await waiting
    expect(res.status).toBe(200)
  })

  it("held requests fail with 503 when the outage turns to 'error'", async () => {
    await admin('outage', { down: true })
    const pending = fetch(`${t.url}/v1/catalog`)
    await held(t, 1)
    await admin('outage', { down: true, mode: 'error' })
    expect((await pending).status).toBe(503)
    await admin('outage', { down: false })
  })

  it('hanging requests end when the server closes', async () => {
    const other = await startTestServer()
    other.server.handler.control.setOutage({ down: true })
    const pending = fetch(`${other.url}/v1/catalog`).then(
      (r) => r.status,
      () => 'closed',
    )
    await held(other, 1)
    await other.close()
    expect([503, 'closed']).toContain(await pending)
    expect(other.server.handler.connections).toBe(0)
  })

  it('bad outage bodies are 400', async () => {
    for (const body of [{}, { down: 'yes' }, { down: true, mode: 'slow' }]) {
      expect((await admin('outage', body)).status).toBe(400)
    }
  })
})
