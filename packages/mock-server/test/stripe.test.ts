// Stripe webhooks over HTTP (signatures, rotation, dedupe, ordering) and the pure mapper.

import { snapshotFromStripeEntitlements, stripeSignatureHeader, verifyStripeSignature } from '@entitle/server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { logPilotCatalog } from '../src/seed.js'
import { metered, startTestServer, T0, type TestServer } from './helpers.js'

const OLD_SECRET = 'whsec_old_0123456789'
const NEW_SECRET = 'whsec_new_9876543210'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer({ stripeWebhookSecrets: [NEW_SECRET, OLD_SECRET] })
})
afterAll(() => t.close())
beforeEach(async () => {
  t.clock.now = T0
  await t.server.handler.control.reset()
})

let counter = 0
function summaryEvent(
  customer: string,
  lookupKeys: string[],
  created = Math.floor(T0 / 1000),
  id = `evt_${++counter}`,
) {
  return {
    id,
    object: 'event',
    type: 'entitlements.active_entitlement_summary.updated',
    created,
    livemode: false,
    data: {
      object: {
        object: 'entitlements.active_entitlement_summary',
        customer,
        livemode: false,
        entitlements: {
          object: 'list',
          has_more: false,
          data: lookupKeys.map((k, i) => ({
            id: `ent_${i}`,
            object: 'entitlements.active_entitlement',
            feature: `feat_${i}`,
            livemode: false,
            lookup_key: k,
          })),
        },
      },
    },
  }
}

async function send(payload: string, signature: string | undefined) {
  return t.call('POST', '/v1/webhooks/stripe', {
    rawBody: payload,
    headers: signature ? { 'stripe-signature': signature } : {},
  })
}

async function sendSigned(event: unknown, secret = NEW_SECRET, timestamp = Math.floor(t.clock.now / 1000)) {
  const payload = JSON.stringify(event)
  return send(payload, await stripeSignatureHeader(payload, secret, timestamp))
}

const acme = async () => (await t.call('GET', '/v1/customers/acme/entitlements', { token: 'demo-acme' })).json

describe('POST /v1/webhooks/stripe', () => {
  it('applies a signed summary: listed lookup keys are granted, the rest of the snapshot is untouched', async () => {
    const before = await acme()
    const res = await sendSigned(summaryEvent('cus_acme', ['api-access', 'ai-assistant', 'not-a-feature']))
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({
      received: true,
      applied: true,
      customerId: 'acme',
      unknownLookupKeys: ['not-a-feature'],
    })
    const after = await acme()
    expect(after.version).toBeGreaterThan(before.version ?? 0)
    expect(after.entitlements?.['api-access']).toEqual({ kind: 'boolean', source: 'plan', expiresAt: null })
    expect(after.entitlements?.['ai-assistant']).toBeDefined()
    expect(after.entitlements?.seats).toEqual(before.entitlements?.seats)
  })

  it('a later summary replaces the Stripe-granted set', async () => {
    await sendSigned(summaryEvent('cus_acme', ['api-access', 'ai-assistant'], Math.floor(T0 / 1000) - 10))
    await sendSigned(summaryEvent('cus_acme', ['ai-assistant']))
    const after = await acme()
    expect(after.entitlements?.['api-access']).toBeUndefined()
    expect(after.entitlements?.['ai-assistant']).toBeDefined()
    // The plan's own grants are not Stripe's to withdraw.
    expect(after.entitlements?.['advanced-filtering']).toBeDefined()
  })

  it('a metered lookup key takes the plan grant from the catalog', async () => {
    await sendSigned(summaryEvent('cus_acme', ['seats']))
    expect(metered((await acme()).entitlements?.seats)).toMatchObject({ limit: 3, usage: 3 })
  })

  it('400 for a tampered body, a wrong secret, a stale or future timestamp, a missing or malformed header; nothing changes', async () => {
    const before = await acme()
    const payload = JSON.stringify(summaryEvent('cus_acme', ['api-access']))
    const ts = Math.floor(T0 / 1000)
    const good = await stripeSignatureHeader(payload, NEW_SECRET, ts)
    const cases: [string, string, string | undefined, string][] = [
      ['tampered body', payload.replace('api-access', 'ai-assistant'), good, 'invalid_signature'],
      ['wrong secret', payload, await stripeSignatureHeader(payload, 'whsec_wrong', ts), 'invalid_signature'],
      [
        'stale timestamp',
        payload,
        await stripeSignatureHeader(payload, NEW_SECRET, ts - 301),
        'timestamp_outside_tolerance',
      ],
      [
        'future timestamp',
        payload,
        await stripeSignatureHeader(payload, NEW_SECRET, ts + 301),
        'timestamp_outside_tolerance',
      ],
      ['timestamp not the signed one', payload, good.replace(`t=${ts}`, `t=${ts - 1}`), 'invalid_signature'],
      ['missing header', payload, undefined, 'invalid_signature'],
      ['no v1', payload, `t=${ts}`, 'invalid_signature'],
      ['garbage', payload, 'nonsense', 'invalid_signature'],
    ]
    for (const [name, body, header, code] of cases) {
      const res = await send(body, header)
      expect([name, res.status, res.json.error?.code]).toEqual([name, 400, code])
    }
    expect(await acme()).toEqual({ ...before, generatedAt: expect.any(String) })
  })

  it('accepts a timestamp just inside the 300 s tolerance', async () => {
    const res = await sendSigned(
      summaryEvent('cus_acme', ['api-access']),
      NEW_SECRET,
      Math.floor(T0 / 1000) - 299,
    )
    expect(res.status).toBe(200)
  })

  it('accepts the previous secret during a rotation, and any of several v1 signatures', async () => {
    expect((await sendSigned(summaryEvent('cus_acme', ['api-access']), OLD_SECRET)).status).toBe(200)
    const payload = JSON.stringify(summaryEvent('cus_globex', ['api-access']))
    const ts = Math.floor(T0 / 1000)
    const wrong = (await stripeSignatureHeader(payload, 'whsec_other', ts)).split(',')[1]
    const right = (await stripeSignatureHeader(payload, OLD_SECRET, ts)).split(',')[1]
    const res = await send(payload, `t=${ts},${wrong},${right}`)
    expect(res.status).toBe(200)
    expect(res.json.applied).toBe(true)
  })

  it('a replayed event (same id) changes nothing', async () => {
    const event = summaryEvent('cus_acme', ['api-access'])
    expect((await sendSigned(event)).json.applied).toBe(true)
    const after = await acme()
    const replay = await sendSigned(event)
    expect(replay.status).toBe(200)
    expect(replay.json).toMatchObject({ applied: false, reason: 'duplicate_event' })
    expect((await acme()).version).toBe(after.version)
  })

  it('an event older than the last applied one changes nothing', async () => {
    const ts = Math.floor(T0 / 1000)
    await sendSigned(summaryEvent('cus_acme', ['api-access'], ts))
    const applied = await acme()
    const older = await sendSigned(summaryEvent('cus_acme', [], ts - 60))
    expect(older.status).toBe(200)
    expect(older.json).toMatchObject({ applied: false, reason: 'older_than_applied' })
    const after = await acme()
    expect(after.version).toBe(applied.version)
    expect(after.entitlements?.['api-access']).toBeDefined()
  })

  it('acknowledges unknown customers and other event types without applying them', async () => {
    expect((await sendSigned(summaryEvent('cus_nobody', ['api-access']))).json).toMatchObject({
      applied: false,
      reason: 'unknown_customer',
    })
    const other = await sendSigned({
      id: 'evt_other',
      type: 'customer.created',
      created: 1,
      data: { object: {} },
    })
    expect(other.status).toBe(200)
    expect(other.json).toMatchObject({ applied: false, reason: 'unhandled_event_type' })
  })

  it('400 for a signed but malformed event or invalid JSON', async () => {
    const bad = await sendSigned({
      id: 'evt_bad',
      type: 'entitlements.active_entitlement_summary.updated',
      created: 1,
      data: {},
    })
    expect(bad.status).toBe(400)
    expect(bad.json.error?.code).toBe('invalid_request')
    const payload = '{"id":'
    const notJson = await send(
      payload,
      await stripeSignatureHeader(payload, NEW_SECRET, Math.floor(T0 / 1000)),
    )
    expect(notJson.json.error?.code).toBe('invalid_json')
  })

  it('400 stripe_not_configured without secrets', async () => {
    const plain = await startTestServer()
    try {
      const res = await plain.call('POST', '/v1/webhooks/stripe', { body: {} })
      expect(res.status).toBe(400)
      expect(res.json.error?.code).toBe('stripe_not_configured')
    } finally {
      await plain.close()
    }
  })
})

describe('verifyStripeSignature', () => {
  it('matches a signature computed independently with node:crypto', async () => {
    const { createHmac } = await import('node:crypto')
    const payload = '{"id":"evt_1"}'
    const sig = createHmac('sha256', 'whsec_x').update(`1700000000.${payload}`).digest('hex')
    await expect(
      verifyStripeSignature(payload, `t=1700000000,v1=${sig}`, ['whsec_x'], 1_700_000_000_000),
    ).resolves.toBeUndefined()
    await expect(
      verifyStripeSignature(payload, `t=1700000000,v1=${sig}`, ['whsec_y'], 1_700_000_000_000),
    ).rejects.toMatchObject({
      status: 400,
      code: 'invalid_signature',
    })
  })
})

describe('snapshotFromStripeEntitlements (pure)', () => {
  const active = ['api-access', 'retention-days', 'api-calls', 'unknown'].map((k, i) => ({
    id: `ent_${i}`,
    object: 'entitlements.active_entitlement' as const,
    feature: `feat_${i}`,
    livemode: false,
    lookup_key: k,
  }))
  const now = Date.parse('2026-02-10T08:00:00Z')

  it('maps lookup keys to features with the catalog plan grants', () => {
    const snap = snapshotFromStripeEntitlements({ data: active }, logPilotCatalog, {
      customerId: 'c1',
      environment: 'production',
      version: 7,
      now,
      usage: { 'api-calls': 12 },
      planId: 'premium',
    })
    expect(snap).toEqual({
      customerId: 'c1',
      environment: 'production',
      version: 7,
      generatedAt: '2026-02-10T08:00:00.000Z',
      plan: { id: 'premium', name: 'Premium' },
      trialEndsAt: null,
      entitlements: {
        'api-access': { kind: 'boolean', source: 'plan', expiresAt: null },
        'retention-days': { kind: 'config', value: 14, source: 'plan', expiresAt: null },
        'api-calls': {
          kind: 'metered',
          usage: 12,
          limit: 50_000,
          enforcement: 'soft',
          resetPeriod: 'month',
          resetsAt: '2026-03-01T00:00:00.000Z',
          source: 'plan',
          expiresAt: null,
        },
      },
    })
  })

  it('without a plan, takes the first plan that grants the feature and reports no plan', () => {
    const snap = snapshotFromStripeEntitlements(active, logPilotCatalog, {
      customerId: 'c1',
      environment: 'production',
      version: 1,
      now: new Date(now),
    })
    expect(snap.plan).toBeNull()
    expect(snap.entitlements['retention-days']).toMatchObject({ value: 3 })
    expect(metered(snap.entitlements['api-calls'])).toMatchObject({ limit: 1000, usage: 0 })
    expect(snap.entitlements.unknown).toBeUndefined()
  })
})
