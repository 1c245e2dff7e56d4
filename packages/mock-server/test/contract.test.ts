// HTTP contract of DESIGN.md, over real HTTP on 127.0.0.1: every endpoint and every error.
import { type Catalog, parseCatalog, parseSnapshot, parseUsageResult } from '@entitle/core'
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

const acme = { token: 'demo-acme' }
const usage = (body: unknown, token = 'demo-acme') =>
  t.call('POST', '/v1/customers/acme/usage', { token, body })
const snapshot = (id = 'acme', token = `demo-${id}`) =>
  t.call('GET', `/v1/customers/${id}/entitlements`, { token })

/** Asserts that an error response changed nothing for acme. */
async function expectUnchanged(before: Awaited<ReturnType<typeof snapshot>>) {
  const after = await snapshot()
  expect(after.json.version).toBe(before.json.version)
  expect(after.json.entitlements).toEqual(before.json.entitlements)
}

describe('wire format', () => {
  it("every response passes @entitle/core's validators (what the client accepts)", async () => {
    const catalog = await t.call('GET', '/v1/catalog')
    expect(parseCatalog(catalog.json)).toBe(catalog.json)
    for (const id of ['acme', 'globex', 'initech', 'umbrella']) {
      const snap = await snapshot(id)
      expect(parseSnapshot(snap.json)).toBe(snap.json)
    }
    const used = await usage({ feature: 'api-calls', amount: 1 })
    expect(parseUsageResult(used.json)).toBe(used.json)
    const plan = await t.call('PUT', '/v1/customers/acme/subscription', {
      ...acme,
      body: { planId: 'premium', addons: ['extra-seats'] },
    })
    expect(parseSnapshot(plan.json)).toBe(plan.json)
  })
})

describe('health and catalog', () => {
  it('GET /health and /v1/health answer ok', async () => {
    for (const path of ['/health', '/v1/health']) {
      const res = await t.call('GET', path)
      expect(res.status).toBe(200)
      expect(res.json.status).toBe('ok')
    }
  })

  it('GET /v1/catalog is public and holds the LogPilot catalog', async () => {
    const res = await t.call<Catalog>('GET', '/v1/catalog')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.json.features.map((f) => f.id)).toEqual([
      'advanced-filtering',
      'api-access',
      'premium-support',
      'ai-assistant',
      'retention-days',
      'seats',
      'api-calls',
    ])
    expect(res.json.plans.map((p) => [p.id, p.price?.amount, p.trialDays])).toEqual([
      ['basic', 0, 0],
      ['premium', 4900, 0],
      ['enterprise', 29_900, 14],
    ])
    expect(res.json.addons.map((a) => [a.id, a.availableFor])).toEqual([
      ['extra-seats', ['premium']],
      ['ai-addon', ['premium']],
    ])
  })

  it('unknown routes are JSON 404s and wrong methods 405 with Allow', async () => {
    const missing = await t.call('GET', '/v1/nope')
    expect(missing.status).toBe(404)
    expect(missing.json.error?.code).toBe('not_found')
    const wrong = await t.call('DELETE', '/v1/catalog')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET')
    expect(wrong.json.error?.code).toBe('method_not_allowed')
  })
})

describe('GET /v1/customers/:id/entitlements', () => {
  it('serves the seed of DESIGN.md', async () => {
    const a = await snapshot('acme')
    expect(a.status).toBe(200)
    expect(a.json).toMatchObject({
      customerId: 'acme',
      plan: { id: 'basic', name: 'Basic' },
      addons: [],
      trialEndsAt: null,
    })
    expect(a.json.entitlements).toEqual({
      'advanced-filtering': { kind: 'boolean', source: 'plan', expiresAt: null },
      'retention-days': { kind: 'config', value: 3, source: 'plan', expiresAt: null },
      seats: {
        kind: 'metered',
        usage: 3,
        limit: 3,
        enforcement: 'hard',
        resetPeriod: null,
        resetsAt: null,
        source: 'plan',
        expiresAt: null,
      },
      'api-calls': {
        kind: 'metered',
        usage: 950,
        limit: 1000,
        enforcement: 'soft',
        resetPeriod: 'month',
        resetsAt: '2026-04-01T00:00:00.000Z',
        source: 'plan',
        expiresAt: null,
      },
    })

    const g = (await snapshot('globex')).json
    expect(metered(g.entitlements?.seats)).toMatchObject({ usage: 7, limit: 10 })
    expect(metered(g.entitlements?.['api-calls'])).toMatchObject({
      usage: 52_300,
      limit: 50_000,
      enforcement: 'soft',
    })
    expect(g.entitlements?.['ai-assistant']).toEqual({
      kind: 'boolean',
      source: 'promotion',
      expiresAt: new Date(T0 + 10 * DAY).toISOString(),
    })

    const i = (await snapshot('initech')).json
    expect(i.trialEndsAt).toBe(new Date(T0 + 2 * DAY).toISOString())
    expect(i.entitlements?.['ai-assistant']).toMatchObject({ source: 'trial', expiresAt: i.trialEndsAt })
    // Basic grants it too, so it does not end with the trial.
    expect(i.entitlements?.['advanced-filtering']).toMatchObject({ source: 'plan', expiresAt: null })
    expect(metered(i.entitlements?.seats).limit).toBeNull()

    const u = (await snapshot('umbrella')).json
    expect(metered(u.entitlements?.seats).limit).toBeNull()
    expect(metered(u.entitlements?.['api-calls']).limit).toBeNull()
    expect(u.entitlements?.['ai-assistant']).toMatchObject({ source: 'plan', expiresAt: null })
  })

  it('answers 304 to a matching If-None-Match, and 200 with the new version to a stale one', async () => {
    const first = await snapshot()
    const etag = first.headers.get('etag')
    expect(etag).toBe(`W/"${first.json.version}"`)
    for (const tag of [etag ?? '', `"${first.json.version}"`, '*', `W/"0", ${etag}`]) {
      const again = await t.call('GET', '/v1/customers/acme/entitlements', {
        ...acme,
        headers: { 'if-none-match': tag },
      })
      expect(again.status).toBe(304)
      expect(again.text).toBe('')
      expect(again.headers.get('etag')).toBe(etag)
    }
    await usage({ feature: 'api-calls', amount: 1 })
    const changed = await t.call('GET', '/v1/customers/acme/entitlements', {
      ...acme,
      headers: { 'if-none-match': etag ?? '' },
    })
    expect(changed.status).toBe(200)
    expect(changed.json.version).toBeGreaterThan(first.json.version ?? 0)
    expect(changed.headers.get('etag')).toBe(`W/"${changed.json.version}"`)
  })

  it('401 without a token, with a malformed header or an unknown token', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Basic ZGVtbzpkZW1v' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer nope' },
    ]) {
      const res = await t.call('GET', '/v1/customers/acme/entitlements', { headers })
      expect(res.status).toBe(401)
      expect(res.json.error?.code).toBe('unauthorized')
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    }
  })

  it("403 with another customer's token, on every customer endpoint, existing or not", async () => {
    const calls = [
      t.call('GET', '/v1/customers/acme/entitlements', { token: 'demo-globex' }),
      t.call('POST', '/v1/customers/acme/usage', {
        token: 'demo-globex',
        body: { feature: 'api-calls', amount: 1 },
      }),
      t.call('PUT', '/v1/customers/acme/subscription', { token: 'demo-globex', body: { planId: 'premium' } }),
      t.call('GET', '/v1/customers/acme/events', { token: 'demo-globex' }),
    ]
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(403)
      expect(res.json.error?.code).toBe('forbidden')
    }
    // Another customer's id is 403 whether or not it exists: a token tells nothing of other customers.
    const unknown = await t.call('GET', '/v1/customers/hooli/entitlements', { token: 'demo-acme' })
    expect(unknown.status).toBe(403)
    expect(unknown.json.error?.code).toBe('forbidden')
    const before = await snapshot()
    expect(metered(before.json.entitlements?.['api-calls']).usage).toBe(950)
    expect(before.json.plan?.id).toBe('basic')
  })

  it('the admin secret is never a customer token', async () => {
    const res = await snapshot('globex', ADMIN)
    expect(res.status).toBe(401)
    expect(res.json.error?.code).toBe('unauthorized')
  })
})

describe('POST /v1/customers/:id/usage', () => {
  it('records usage and answers { entitlement, version }', async () => {
    const before = await snapshot()
    const res = await usage({ feature: 'api-calls', amount: 40, idempotencyKey: 'k-1' })
    expect(res.status).toBe(200)
    expect(res.json.version).toBe((before.json.version ?? 0) + 1)
    expect(res.json.entitlement).toMatchObject({ kind: 'metered', usage: 990, limit: 1000 })
    expect(metered((await snapshot()).json.entitlements?.['api-calls']).usage).toBe(990)
  })

  it('refuses a report over a hard limit with 409 limit_exceeded and changes nothing', async () => {
    const before = await snapshot()
    const res = await usage({ feature: 'seats', amount: 1 })
    expect(res.status).toBe(409)
    expect(res.json.error?.code).toBe('limit_exceeded')
    expect(res.json.error?.message).toContain('3 of 3')
    await expectUnchanged(before)
  })

  it('accepts and records a report over a soft limit', async () => {
    const res = await usage({ feature: 'api-calls', amount: 100 })
    expect(res.status).toBe(200)
    expect(res.json.entitlement).toMatchObject({ usage: 1050, limit: 1000, enforcement: 'soft' })
  })

  it('negative amounts release a meter without reset period, never below 0', async () => {
    const one = await usage({ feature: 'seats', amount: -1 })
    expect(one.status).toBe(200)
    expect(one.json.entitlement?.usage).toBe(2)
    expect((await usage({ feature: 'seats', amount: 1 })).json.entitlement?.usage).toBe(3)
    const many = await usage({ feature: 'seats', amount: -10 })
    expect(many.json.entitlement?.usage).toBe(0)
  })

  it('refuses a negative amount on a meter that resets (400, unchanged)', async () => {
    const before = await snapshot()
    const res = await usage({ feature: 'api-calls', amount: -5 })
    expect(res.status).toBe(400)
    expect(res.json.error?.code).toBe('invalid_request')
    expect(res.json.error?.message).toMatch(/^amount:/)
    await expectUnchanged(before)
  })

  it.each([
    ['zero', '{"feature":"api-calls","amount":0}', 'amount'],
    ['fractional', '{"feature":"api-calls","amount":1.5}', 'amount'],
    ['a string', '{"feature":"api-calls","amount":"1"}', 'amount'],
    ['null', '{"feature":"api-calls","amount":null}', 'amount'],
    ['missing', '{"feature":"api-calls"}', 'amount'],
    ['Infinity (1e400)', '{"feature":"api-calls","amount":1e400}', 'amount'],
    ['-Infinity', '{"feature":"api-calls","amount":-1e400}', 'amount'],
    ['beyond safe integers', '{"feature":"api-calls","amount":18014398509481984}', 'amount'],
    ['a boolean', '{"feature":"api-calls","amount":true}', 'amount'],
    ['feature missing', '{"amount":1}', 'feature'],
    ['feature not a string', '{"feature":7,"amount":1}', 'feature'],
    ['feature empty', '{"feature":"","amount":1}', 'feature'],
    [
      'idempotencyKey not a string',
      '{"feature":"api-calls","amount":1,"idempotencyKey":5}',
      'idempotencyKey',
    ],
    ['an unknown field', '{"feature":"api-calls","amount":1,"amout":1}', 'amout'],
    ['an array body', '[1]', 'request body'],
  ])('400 invalid_request for %s, naming the field', async (_name, rawBody, field) => {
    const before = await snapshot()
    const res = await t.call('POST', '/v1/customers/acme/usage', { ...acme, rawBody })
    expect(res.status).toBe(400)
    expect(res.json.error?.code).toBe('invalid_request')
    expect(res.json.error?.message.startsWith(field)).toBe(true)
    await expectUnchanged(before)
  })

  it.each([
    ['malformed JSON', '{"feature":'],
    ['NaN', '{"feature":"api-calls","amount":NaN}'],
    ['an empty body', ''],
  ])('400 invalid_json for %s', async (_name, rawBody) => {
    const before = await snapshot()
    const res = await t.call('POST', '/v1/customers/acme/usage', { ...acme, rawBody })
    expect(res.status).toBe(400)
    expect(res.json.error?.code).toBe('invalid_json')
    await expectUnchanged(before)
  })

  it('400 unknown_feature and not_metered', async () => {
    const before = await snapshot()
    const unknown = await usage({ feature: 'seets', amount: 1 })
    expect(unknown.status).toBe(400)
    expect(unknown.json.error?.code).toBe('unknown_feature')
    const bool = await usage({ feature: 'advanced-filtering', amount: 1 })
    expect(bool.status).toBe(400)
    expect(bool.json.error?.code).toBe('not_metered')
    await expectUnchanged(before)
  })

  it('413 payload_too_large for a body over 1 MiB', async () => {
    const before = await snapshot()
    const rawBody = JSON.stringify({
      feature: 'api-calls',
      amount: 1,
      idempotencyKey: 'x'.repeat(1024 * 1024),
    })
    const res = await t.call('POST', '/v1/customers/acme/usage', { ...acme, rawBody })
    expect(res.status).toBe(413)
    expect(res.json.error?.code).toBe('payload_too_large')
    await expectUnchanged(before)
  })

  it('same key + same body → the first response again, counted once; different body → 422', async () => {
    const body = { feature: 'api-calls', amount: 10, idempotencyKey: 'same' }
    const first = await usage(body)
    const second = await usage(body)
    expect(second.status).toBe(200)
    expect(second.text).toBe(first.text)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(metered((await snapshot()).json.entitlements?.['api-calls']).usage).toBe(960)

    const before = await snapshot()
    const reused = await usage({ ...body, amount: 11 })
    expect(reused.status).toBe(422)
    expect(reused.json.error?.code).toBe('idempotency_key_reused')
    const otherFeature = await usage({ ...body, feature: 'seats' })
    expect(otherFeature.status).toBe(422)
    await expectUnchanged(before)
  })

  it('a refused report is replayed too (same key → same 409)', async () => {
    const body = { feature: 'seats', amount: 1, idempotencyKey: 'refused' }
    expect((await usage(body)).status).toBe(409)
    await usage({ feature: 'seats', amount: -1 })
    const again = await usage(body)
    expect(again.status).toBe(409)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
  })

  it('takes the key from an Idempotency-Key header as well', async () => {
    const send = () =>
      t.call('POST', '/v1/customers/acme/usage', {
        ...acme,
        body: { feature: 'api-calls', amount: 5 },
        headers: { 'idempotency-key': 'h-1' },
      })
    await send()
    await send()
    expect(metered((await snapshot()).json.entitlements?.['api-calls']).usage).toBe(955)
  })

  it('keys are per customer', async () => {
    await usage({ feature: 'api-calls', amount: 1, idempotencyKey: 'shared' })
    const other = await t.call('POST', '/v1/customers/globex/usage', {
      token: 'demo-globex',
      body: { feature: 'api-calls', amount: 2, idempotencyKey: 'shared' },
    })
    expect(other.status).toBe(200)
    expect(other.json.entitlement?.usage).toBe(52_302)
  })

  it('405 for GET', async () => {
    expect((await t.call('GET', '/v1/customers/acme/usage', acme)).status).toBe(405)
  })
})

describe('PUT /v1/customers/:id/subscription', () => {
  const put = (body: unknown) => t.call('PUT', '/v1/customers/acme/subscription', { ...acme, body })

  it('changes the plan and answers the new snapshot', async () => {
    const before = await snapshot()
    const res = await put({ planId: 'premium' })
    expect(res.status).toBe(200)
    expect(res.json.plan).toEqual({ id: 'premium', name: 'Premium' })
    expect(res.json.version).toBeGreaterThan(before.json.version ?? 0)
    expect(res.headers.get('etag')).toBe(`W/"${res.json.version}"`)
    expect(metered(res.json.entitlements?.seats)).toMatchObject({ usage: 3, limit: 10 })
    expect(res.json.entitlements?.['api-access']).toMatchObject({ kind: 'boolean', source: 'plan' })
    expect((await snapshot()).json).toEqual({ ...res.json, generatedAt: expect.any(String) })
  })

  it("add-ons add to the plan's limits", async () => {
    const res = await put({ planId: 'premium', addons: ['extra-seats', 'ai-addon'] })
    expect(res.status).toBe(200)
    expect(metered(res.json.entitlements?.seats)).toMatchObject({ limit: 15, source: 'addon' })
    expect(res.json.entitlements?.['ai-assistant']).toMatchObject({ source: 'addon' })
    // Omitted add-ons are kept; an empty list removes them.
    expect(metered((await put({ planId: 'premium' })).json.entitlements?.seats).limit).toBe(15)
    expect(metered((await put({ planId: 'premium', addons: [] })).json.entitlements?.seats).limit).toBe(10)
  })

  it('every snapshot lists the add-ons in effect (id and name), in the order bought', async () => {
    expect((await snapshot()).json.addons).toEqual([])
    const bought = await put({ planId: 'premium', addons: ['ai-addon'] })
    expect(bought.json.addons).toEqual([{ id: 'ai-addon', name: 'AI assistant' }])
    // Buying another add-on: the app sends the owned ones along (an explicit list replaces them).
    const owned = (bought.json.addons ?? []).map((a) => a.id)
    const more = await put({ planId: 'premium', addons: [...owned, 'extra-seats'] })
    expect(more.json.addons).toEqual([
      { id: 'ai-addon', name: 'AI assistant' },
      { id: 'extra-seats', name: '+5 seats' },
    ])
    expect(more.json.version).toBeGreaterThan(bought.json.version ?? 0)
    expect((await snapshot()).json.addons).toEqual(more.json.addons)
    // A plan they are not sold for drops them.
    expect((await put({ planId: 'enterprise' })).json.addons).toEqual([])
    // Every sample customer's snapshot carries the field, empty when nothing is owned.
    for (const id of ['globex', 'initech', 'umbrella']) expect((await snapshot(id)).json.addons).toEqual([])
  })

  it.each([
    [{ planId: 'platinum' }, 400, 'unknown_plan'],
    [{ planId: 'premium', addons: ['gold'] }, 400, 'unknown_addon'],
    [{ planId: 'basic', addons: ['ai-addon'] }, 400, 'addon_not_available'],
    [{ planId: 'premium', addons: 'extra-seats' }, 400, 'invalid_request'],
    [{ planId: 'premium', addons: ['extra-seats', 'extra-seats'] }, 400, 'invalid_request'],
    [{ addons: [] }, 400, 'invalid_request'],
    [{ planId: 3 }, 400, 'invalid_request'],
    [{ planId: 'enterprise', trial: 'yes' }, 400, 'invalid_request'],
    [{ planId: 'premium', trial: true }, 400, 'trial_not_available'],
    [{ planId: 'basic', trial: true }, 400, 'trial_not_available'],
    [{ planId: 'enterprise', trial: true, addons: ['ai-addon'] }, 400, 'invalid_request'],
  ])('%j → %i %s, unchanged', async (body, status, code) => {
    const before = await snapshot()
    const res = await put(body)
    expect(res.status).toBe(status)
    expect(res.json.error?.code).toBe(code)
    await expectUnchanged(before)
  })

  it('starts a trial on top of the current plan, once', async () => {
    const res = await put({ planId: 'enterprise', trial: true })
    expect(res.status).toBe(200)
    expect(res.json.plan?.id).toBe('basic')
    expect(res.json.trialEndsAt).toBe(new Date(T0 + 14 * DAY).toISOString())
    expect(res.json.entitlements?.['ai-assistant']).toMatchObject({
      source: 'trial',
      expiresAt: res.json.trialEndsAt,
    })
    const again = await put({ planId: 'enterprise', trial: true })
    expect(again.status).toBe(409)
    expect(again.json.error?.code).toBe('trial_already_used')
  })

  it('malformed JSON and oversized bodies', async () => {
    const bad = await t.call('PUT', '/v1/customers/acme/subscription', { ...acme, rawBody: '{planId:1}' })
    expect(bad.json.error?.code).toBe('invalid_json')
    const big = await t.call('PUT', '/v1/customers/acme/subscription', {
      ...acme,
      rawBody: JSON.stringify({ planId: 'p'.repeat(1024 * 1024 + 1) }),
    })
    expect(big.status).toBe(413)
    expect((await snapshot()).json.plan?.id).toBe('basic')
  })
})

describe('CORS', () => {
  it('answers preflights from any origin, allowing Authorization', async () => {
    const res = await fetch(`${t.url}/v1/customers/acme/entitlements`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
    expect(res.headers.get('access-control-allow-methods')).toMatch(/PUT/)
    const get = await fetch(`${t.url}/v1/customers/acme/entitlements`, {
      headers: { origin: 'http://localhost:5173', authorization: 'Bearer demo-acme' },
    })
    expect(get.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(get.headers.get('access-control-expose-headers')).toMatch(/ETag/)
  })

  it('--cors-origin restricts it', async () => {
    const restricted = await startTestServer({ corsOrigin: 'http://app.test' })
    try {
      const preflight = (origin: string) =>
        fetch(`${restricted.url}/v1/catalog`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'GET' },
        })
      const ok = await preflight('http://app.test')
      expect(ok.status).toBe(204)
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://app.test')
      const refused = await preflight('http://evil.test')
      expect(refused.status).toBe(403)
      expect(refused.headers.get('access-control-allow-origin')).toBeNull()
      const get = await fetch(`${restricted.url}/v1/catalog`, { headers: { origin: 'http://evil.test' } })
      expect(get.headers.get('access-control-allow-origin')).toBeNull()
    } finally {
      await restricted.close()
    }
  })
})
