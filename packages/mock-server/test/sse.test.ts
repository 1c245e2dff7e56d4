// GET /v1/customers/:id/events over real HTTP: snapshots on connect and on change, heartbeats,
// cleanup on disconnect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, DAY, sseReader, startTestServer, type TestServer } from './helpers.js'

let t: TestServer
beforeAll(async () => {
  // A short heartbeat, so a test can wait for one instead of 15 s.
  t = await startTestServer({ heartbeatMs: 25 })
})
afterAll(() => t.close())

function connect(customer: string, signal?: AbortSignal) {
  return fetch(`${t.url}/v1/customers/${customer}/events`, {
    headers: { authorization: `Bearer demo-${customer}` },
    ...(signal ? { signal } : {}),
  })
}

/** Resolves once the server counts `n` open SSE connections. */
function connections(n: number): Promise<void> {
  const handler = t.server.handler
  return new Promise((resolve) => {
    if (handler.connections === n) return resolve()
    const off = handler.onConnectionsChange((count) => {
      if (count === n) {
        off()
        resolve()
      }
    })
  })
}

describe('SSE', () => {
  it('sends the snapshot on connect, then a larger version on every change', async () => {
    const res = await connect('globex')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = sseReader(res)
    const first = await events.nextSnapshot()
    expect(first.customerId).toBe('globex')

    await t.call('POST', '/v1/customers/globex/usage', {
      token: 'demo-globex',
      body: { feature: 'api-calls', amount: 5 },
    })
    const second = await events.nextSnapshot()
    expect(second.version).toBeGreaterThan(first.version)
    expect(second.entitlements['api-calls']).toMatchObject({ usage: 52_305 })

    await t.call('PUT', '/v1/customers/globex/subscription', {
      token: 'demo-globex',
      body: { planId: 'enterprise' },
    })
    const third = await events.nextSnapshot()
    expect(third.version).toBeGreaterThan(second.version)
    expect(third.plan?.id).toBe('enterprise')
    await events.cancel()
  })

  it('does not push other customers’ changes, and sends heartbeats', async () => {
    const events = sseReader(await connect('acme'))
    const first = await events.nextSnapshot()
    await t.call('POST', '/v1/customers/globex/usage', {
      token: 'demo-globex',
      body: { feature: 'api-calls', amount: 1 },
    })
    // Next thing on acme's stream is a heartbeat, not a snapshot.
    const next = await events.next()
    expect(next).toEqual({ comment: 'heartbeat' })
    await t.call('POST', '/v1/customers/acme/usage', {
      token: 'demo-acme',
      body: { feature: 'api-calls', amount: 1 },
    })
    expect((await events.nextSnapshot()).version).toBe(first.version + 1)
    await events.cancel()
  })

  it('pushes snapshots when the clock moves past an expiry', async () => {
    const events = sseReader(await connect('initech'))
    const first = await events.nextSnapshot()
    expect(first.entitlements['ai-assistant']).toBeDefined()
    const res = await t.call('POST', '/v1/admin/clock', { token: ADMIN, body: { advanceMs: 3 * DAY } })
    expect(res.status).toBe(200)
    const after = await events.nextSnapshot()
    expect(after.version).toBeGreaterThan(first.version)
    expect(after.entitlements['ai-assistant']).toBeUndefined()
    expect(after.trialEndsAt).toBeNull()
    await events.cancel()
  })

  it('forgets a client that disconnects', async () => {
    await connections(0)
    const abort = new AbortController()
    const events = sseReader(await connect('umbrella', abort.signal))
    await events.nextSnapshot()
    expect(t.server.handler.connections).toBe(1)
    const gone = connections(0)
    abort.abort()
    await gone
    expect(t.server.handler.connections).toBe(0)
    // Changes after the disconnect go nowhere and break nothing.
    const res = await t.call('POST', '/v1/customers/umbrella/usage', {
      token: 'demo-umbrella',
      body: { feature: 'seats', amount: 1 },
    })
    expect(res.status).toBe(200)
  })

  it('ends open streams when an outage starts', async () => {
    const events = sseReader(await connect('acme'))
    await events.nextSnapshot()
    await t.call('POST', '/v1/admin/outage', { token: ADMIN, body: { down: true, mode: 'error' } })
    expect(await events.ended()).toBe(true)
    await t.call('POST', '/v1/admin/outage', { token: ADMIN, body: { down: false } })
  })

  it('401 without a token', async () => {
    const res = await fetch(`${t.url}/v1/customers/acme/events`)
    expect(res.status).toBe(401)
  })
})
