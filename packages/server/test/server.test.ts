// @entitle/server's own HTTP behaviour, beyond the contract the mock server's suites cover: the
// admin API and its secret, mounting under a path, CORS off by default, idempotency key syntax,
// authentication before any body is read, the event stream cap, the JS API, Stripe completeness
// and ordering.
import { computeEntitlements, planUsage } from '@entitle/core/engine'
import { describe, expect, it } from 'vitest'
import { memoryStore, type Store, stripeSignatureHeader } from '../src/index.js'
import { catalog, NOW } from './fixtures.js'
import { ADMIN_SECRET, harness } from './harness.js'

const acme = { token: 'demo-acme' }

describe('admin API', () => {
  it('is off without a secret (404), and refuses a wrong one (401)', async () => {
    const off = await harness()
    expect((await off.call('GET', '/v1/admin/customers', { token: ADMIN_SECRET })).status).toBe(404)
    const on = await harness({ adminToken: ADMIN_SECRET })
    expect((await on.call('GET', '/v1/admin/customers', { token: 'wrong' })).status).toBe(401)
    expect((await on.call('GET', '/v1/admin/customers')).status).toBe(401)
    expect((await on.call('GET', '/v1/admin/customers', { token: 'demo-acme' })).status).toBe(401)
    expect((await on.call('GET', '/v1/admin/customers', { token: ADMIN_SECRET })).json).toEqual({
      customers: ['acme', 'globex'],
    })
  })

  it('the admin secret is never a customer token', async () => {
    const { call } = await harness({ adminToken: ADMIN_SECRET })
    expect((await call('GET', '/v1/customers/acme/entitlements', { token: ADMIN_SECRET })).status).toBe(401)
  })

  it('creates customers, changes subscriptions, grants promotions and overrides, deletes', async () => {
    const { call } = await harness({ adminToken: ADMIN_SECRET })
    const admin = (method: string, path: string, body?: unknown) =>
      call(method, `/v1/admin${path}`, { token: ADMIN_SECRET, body })
    const created = await admin('POST', '/customers', {
      id: 'hooli',
      planId: 'premium',
      addons: ['extra-seats'],
    })
    expect(created.status).toBe(201)
    expect(created.json.entitlements).toMatchObject({ seats: { limit: 15, usage: 0 } })
    expect((await admin('POST', '/customers', { id: 'hooli' })).json.error?.code).toBe('customer_exists')
    expect((await admin('POST', '/customers', { id: 'bad id' })).status).toBe(400)
    expect((await admin('POST', '/customers', { id: 'x', planId: 'gold' })).json.error?.code).toBe(
      'unknown_plan',
    )

    const upgraded = await admin('PUT', '/customers/hooli/subscription', { planId: 'enterprise', addons: [] })
    expect(upgraded.json.plan).toEqual({ id: 'enterprise', name: 'Enterprise' })

    const endsAt = new Date(Date.parse('2026-03-15T12:00:00Z') + 3 * 86_400_000).toISOString()
    const promoted = await admin('POST', '/customers/acme/promotions', { feature: 'ai-assistant', endsAt })
    expect(promoted.json.entitlements).toMatchObject({
      'ai-assistant': { source: 'promotion', expiresAt: endsAt },
    })
    expect(
      (await admin('POST', '/customers/acme/promotions', { feature: 'seats' })).json.error?.message,
    ).toContain('grant: required')
    const ended = await admin('DELETE', '/customers/acme/promotions/ai-assistant')
    expect(ended.json.entitlements).not.toHaveProperty('ai-assistant')

    const overridden = await admin('PUT', '/customers/acme/overrides/seats', {
      grant: { kind: 'metered', limit: 50, enforcement: 'hard', resetPeriod: null },
      endsAt: null,
    })
    expect(overridden.json.entitlements).toMatchObject({ seats: { limit: 50, source: 'override', usage: 3 } })
    const bad = await admin('PUT', '/customers/acme/overrides/seats', {
      grant: { kind: 'boolean' },
      endsAt: null,
    })
    expect(bad.status).toBe(400)
    expect(bad.json.error?.message).toContain('seats')
    const revoked = await admin('PUT', '/customers/acme/overrides/api-access', { grant: null })
    expect(revoked.status).toBe(200)
    const cleared = await admin('DELETE', '/customers/acme/overrides/seats')
    expect(cleared.json.entitlements).toMatchObject({ seats: { limit: 3, source: 'plan' } })

    expect((await admin('GET', '/customers/acme')).json.customer).toMatchObject({ id: 'acme', revision: 6 })
    expect((await admin('DELETE', '/customers/hooli')).status).toBe(204)
    expect((await admin('DELETE', '/customers/hooli')).status).toBe(404)
    expect((await call('GET', '/v1/admin/nothing', { token: ADMIN_SECRET })).status).toBe(404)
  })

  it('seeds idempotently over HTTP', async () => {
    const { call } = await harness({ adminToken: ADMIN_SECRET })
    const body = {
      customers: [
        { id: 'acme', planId: 'premium' },
        { id: 'newco', planId: 'basic' },
      ],
    }
    const res = await call('POST', '/v1/admin/seed', { token: ADMIN_SECRET, body })
    expect(res.json).toEqual({ created: ['newco'], existing: ['acme'] })
  })
})

describe('HTTP', () => {
  it('mounts under a base path (a Next.js catch-all route)', async () => {
    const { call } = await harness({ basePath: '/api/entitlements' })
    expect((await call('GET', '/api/entitlements/v1/customers/acme/entitlements', acme)).status).toBe(200)
    expect((await call('GET', '/api/entitlements/v1/catalog')).status).toBe(200)
  })

  it('sends no CORS headers unless origins are configured', async () => {
    const { call } = await harness()
    const res = await call('GET', '/v1/customers/acme/entitlements', {
      ...acme,
      headers: { origin: 'http://evil.test' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await call('OPTIONS', '/v1/catalog', {
      headers: { origin: 'http://evil.test', 'access-control-request-method': 'GET' },
    })
    expect(preflight.status).toBe(403)
  })

  it('authenticates before it reads a body: an anonymous 2 MiB upload is a 401, not a 413', async () => {
    const { call } = await harness()
    const res = await call('POST', '/v1/customers/acme/usage', { rawBody: 'x'.repeat(2 * 1024 * 1024) })
    expect(res.status).toBe(401)
  })

  it.each([
    ['a key with spaces', { idempotencyKey: 'has space' }, {}],
    ['a 256-character key', { idempotencyKey: 'k'.repeat(256) }, {}],
    ['a header key with a newline-free but unsafe character', {}, { 'idempotency-key': 'key<script>' }],
  ])('refuses %s (400) and counts nothing', async (_label, body, headers) => {
    const { call, server } = await harness()
    const before = await server.getSnapshot('acme')
    const res = await call('POST', '/v1/customers/acme/usage', {
      ...acme,
      headers,
      body: { feature: 'api-calls', amount: 1, ...body },
    })
    expect(res.status).toBe(400)
    expect(res.json.error?.code).toBe('invalid_request')
    expect((await server.getSnapshot('acme'))?.version).toBe(before?.version)
  })

  it('accepts a 255-character key of the safe set, and a UUID', async () => {
    const { call } = await harness()
    for (const idempotencyKey of [`${'a'.repeat(250)}._:~-`, crypto.randomUUID()]) {
      const res = await call('POST', '/v1/customers/acme/usage', {
        ...acme,
        body: { feature: 'api-calls', amount: 1, idempotencyKey },
      })
      expect(res.status).toBe(200)
    }
  })

  it('caps open event streams per customer (429), and frees a place when one closes', async () => {
    const { server } = await harness({ maxStreamsPerCustomer: 2, heartbeatMs: 0 })
    const open = (signal: AbortSignal) =>
      server(
        new Request('http://entitle.test/v1/customers/acme/events', {
          headers: { authorization: 'Bearer demo-acme' },
          signal,
        }),
      )
    const first = new AbortController()
    expect((await open(first.signal)).status).toBe(200)
    expect((await open(new AbortController().signal)).status).toBe(200)
    const third = await open(new AbortController().signal)
    expect(third.status).toBe(429)
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('too_many_connections')
    first.abort()
    expect(server.connections).toBe(1)
    expect((await open(new AbortController().signal)).status).toBe(200)
    server.close()
  })

  it('answers 503 once closed', async () => {
    const { call, server } = await harness()
    server.close()
    expect((await call('GET', '/v1/catalog')).status).toBe(503)
  })
})

describe('JavaScript API', () => {
  it('reads snapshots, records usage and changes plans with the same rules as HTTP', async () => {
    const { server } = await harness()
    expect((await server.getSnapshot('acme'))?.entitlements.seats).toMatchObject({ usage: 3, limit: 3 })
    expect(await server.getSnapshot('nobody')).toBeUndefined()
    const refused = await server.reportUsage('acme', { feature: 'seats', amount: 1 })
    expect(refused.status).toBe(409)
    expect(JSON.parse(refused.body).error.code).toBe('limit_exceeded')
    await server.changeSubscription('acme', { planId: 'premium' })
    const accepted = await server.reportUsage('acme', { feature: 'seats', amount: 1 }, 'invite-1')
    expect(accepted.status).toBe(200)
    expect((await server.reportUsage('acme', { feature: 'seats', amount: 1 }, 'invite-1')).replayed).toBe(
      true,
    )
    await expect(server.reportUsage('acme', { feature: 'nope', amount: 1 })).rejects.toThrow(
      'unknown feature',
    )
    expect((await server.getSnapshot('acme'))?.entitlements.seats).toMatchObject({ usage: 4, limit: 10 })
  })
})

describe('Stripe webhook', () => {
  const SECRET = 'whsec_test_secret'
  const event = (id: string, created: number, lookupKeys: string[], hasMore = false) => ({
    id,
    type: 'entitlements.active_entitlement_summary.updated',
    created,
    data: {
      object: {
        object: 'entitlements.active_entitlement_summary',
        customer: 'cus_acme',
        entitlements: {
          object: 'list',
          has_more: hasMore,
          data: lookupKeys.map((key, i) => ({ id: `ent_${i}`, lookup_key: key })),
        },
      },
    },
  })
  const send = async (call: Awaited<ReturnType<typeof harness>>['call'], body: unknown) => {
    const payload = JSON.stringify(body)
    const signature = await stripeSignatureHeader(payload, SECRET, Math.floor(Date.now() / 1000))
    return call('POST', '/v1/webhooks/stripe', {
      rawBody: payload,
      headers: { 'stripe-signature': signature },
    })
  }

  it('a truncated summary (has_more) without a Stripe client is refused (422) and changes nothing', async () => {
    const { call, server } = await harness({ stripe: { webhookSecrets: SECRET } })
    const before = await server.getSnapshot('acme')
    const res = await send(call, event('evt_1', 100, ['api-access'], true))
    expect(res.status).toBe(422)
    expect(res.json.error?.code).toBe('stripe_summary_incomplete')
    expect((await server.getSnapshot('acme'))?.entitlements).toEqual(before?.entitlements)
  })

  it('a truncated summary is completed through the configured client', async () => {
    const listed: string[] = []
    const { call, server } = await harness({
      stripe: {
        webhookSecrets: SECRET,
        listActiveEntitlements: async (customer) => {
          listed.push(customer)
          return ['api-access', 'premium-support']
        },
      },
    })
    const res = await send(call, event('evt_1', 100, ['api-access'], true))
    expect(res.json).toMatchObject({ applied: true })
    expect(listed).toEqual(['cus_acme'])
    expect(Object.keys((await server.getSnapshot('acme'))?.entitlements ?? {})).toEqual(
      expect.arrayContaining(['api-access', 'premium-support']),
    )
  })

  it('events with the same created second end in the same state whatever order they arrive in', async () => {
    const a = event('evt_a', 200, ['api-access'])
    const b = event('evt_b', 200, ['premium-support'])
    const finalFeatures = async (order: unknown[]) => {
      const { call, server } = await harness({ stripe: { webhookSecrets: SECRET } })
      for (const e of order) expect((await send(call, e)).status).toBe(200)
      const entitlements = (await server.getSnapshot('acme'))?.entitlements ?? {}
      return ['api-access', 'premium-support'].filter((f) => f in entitlements)
    }
    expect(await finalFeatures([a, b])).toEqual(['premium-support'])
    expect(await finalFeatures([b, a])).toEqual(['premium-support'])
  })
})

describe('cache', () => {
  it('with a shared store, a change whose notice was lost shows within the recheck interval', async () => {
    const inner = memoryStore()
    // A store shared with other processes whose notices never arrive (an instance crashed after commit).
    const silent: Store = { ...inner, shared: true, notifying: true, subscribe: () => () => {} }
    const { server, call } = await harness({ store: silent, recheckMs: 20 })
    const first = await call('GET', '/v1/customers/acme/entitlements', acme)
    const record = await inner.getCustomer('acme')
    if (!record) throw new Error('seeded')
    const write = {
      customerId: 'acme',
      revision: record.revision,
      plan: planUsage(
        catalog,
        computeEntitlements(catalog, record.state, record.usage, NOW).entitlements,
        { feature: 'api-calls', amount: 5 },
        NOW,
      ),
      now: NOW,
      validUntil: null,
    }
    await inner.recordUsage(write)
    await expect
      .poll(async () => (await call('GET', '/v1/customers/acme/entitlements', acme)).json.version, {
        timeout: 2000,
      })
      .toBe((first.json.version as number) + 1)
    server.close()
  })
})

describe('subscription lifecycle over HTTP', () => {
  it('a downgrade at period end, then a failed payment with a grace period, played through with the clock', async () => {
    const { call, clock } = await harness({ adminToken: ADMIN_SECRET })
    await call('PUT', '/v1/customers/globex/subscription', {
      token: 'demo-globex',
      body: { planId: 'premium', addons: ['extra-seats'] },
    })
    const scheduled = await call('PUT', '/v1/customers/globex/subscription', {
      token: 'demo-globex',
      body: { planId: 'basic', at: 'period_end' },
    })
    expect(scheduled.status).toBe(200)
    expect(scheduled.json.subscription).toEqual({
      status: 'active',
      currentPeriodEnd: '2026-04-01T00:00:00.000Z',
      graceEndsAt: null,
      scheduledChange: { at: '2026-04-01T00:00:00.000Z', plan: { id: 'basic', name: 'Basic' }, addons: [] },
    })
    expect(scheduled.json.entitlements).toMatchObject({ seats: { limit: 15 } })
    expect(
      (
        await call('PUT', '/v1/customers/globex/subscription', {
          token: 'demo-globex',
          body: { planId: 'basic', at: 'later' },
        })
      ).status,
    ).toBe(400)

    clock.now = Date.parse('2026-04-01T00:00:00.000Z')
    const downgraded = await call('GET', '/v1/customers/globex/entitlements', { token: 'demo-globex' })
    expect(downgraded.json.plan).toEqual({ id: 'basic', name: 'Basic' })
    expect(downgraded.json.version).toBeGreaterThan(scheduled.json.version as number)
    expect(downgraded.json.entitlements).toMatchObject({ seats: { limit: 3 } })

    const graceEndsAt = new Date(clock.now + 3 * 86_400_000).toISOString()
    const pastDue = await call('PUT', '/v1/admin/customers/globex/billing', {
      token: ADMIN_SECRET,
      body: { pastDue: { graceEndsAt } },
    })
    expect(pastDue.json.subscription).toMatchObject({ status: 'past_due', graceEndsAt })
    clock.now += 3 * 86_400_000
    const unpaid = await call('GET', '/v1/customers/globex/entitlements', { token: 'demo-globex' })
    expect(unpaid.json.subscription).toMatchObject({ status: 'unpaid' })
    expect(unpaid.json.entitlements).not.toHaveProperty('seats')
    const paid = await call('PUT', '/v1/admin/customers/globex/billing', {
      token: ADMIN_SECRET,
      body: { pastDue: null },
    })
    expect(paid.json.subscription).toMatchObject({ status: 'active', graceEndsAt: null })
    expect(paid.json.entitlements).toMatchObject({ seats: { limit: 3 } })
  })
})
