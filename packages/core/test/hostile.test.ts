// Hostile storage and networks (issue 13, section 2): one test per way storage, a proxy, a server or
// a clock can misbehave. Each failed against the client before that change.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
// Imported up front so the client's lazy `import('./offlineQueue.js')` resolves from the module cache.
import '../src/offlineQueue.js'
import { createEntitlementsClient } from '../src/client.js'
// Imported up front so the client's lazy `import('./tabShare.js')` resolves from the module cache.
import '../src/tabShare.js'
import { parseCatalog } from '../src/validate.js'
import { createFakeServer, type FakeServer, seats, snapshotOf } from './fakeServer.js'
import { BASE_URL, clientFor, MemoryStorage, SERVER_NOW, stateWhere } from './helpers.js'

const KEY = 'entitle:v1:test:acme'
const QUEUE_KEY = 'entitle:v1:test:acme:usage-queue'
const ENTITLEMENTS = '/v1/customers/acme/entitlements'
const EVENTS = '/v1/customers/acme/events'
const HOUR = 3_600_000
const acme = (version: number, usage = 3) => snapshotOf('acme', version, { seats: seats(usage) })
/** A stored record as the client writes it, plus an ETag as earlier versions stored beside it. */
const stored = (snapshot: unknown, confirmedAt = Date.now(), etag?: string) =>
  JSON.stringify({ snapshot, confirmedAt, skewMs: 0, ...(etag ? { etag } : {}) })

/** `navigator.onLine` (Node 20 has no navigator) and a window to fire `online` on. */
function network(online: boolean) {
  const state = { onLine: online }
  vi.stubGlobal('navigator', state)
  const win = new EventTarget()
  vi.stubGlobal('window', win)
  return {
    goOnline() {
      state.onLine = true
      win.dispatchEvent(new Event('online'))
    },
  }
}

let server: FakeServer
beforeEach(() => {
  vi.useFakeTimers({ now: SERVER_NOW })
  server = createFakeServer()
  server.setSnapshot(acme(2, 3))
})
afterEach(async () => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  await server.close()
})

describe('hostile storage', () => {
  it('a restored snapshot is never "confirmed" by a 304 for the ETag stored beside it', async () => {
    // Edited in storage (10 more seats), with the ETag of the server's current version beside it.
    const edited = snapshotOf('acme', 2, { seats: seats(3, 500) })
    const storage = new MemoryStorage()
    storage.setItem(KEY, stored(edited, Date.now(), '"v2"'))
    const client = clientFor(server, { persist: storage })
    expect(client.check('seats', { requested: 10 }).granted).toBe(true) // shown until the server answers
    await client.refresh()
    expect(server.requests[0]?.headers.get('if-none-match')).toBeNull()
    expect(client.check('seats', { requested: 10 })).toMatchObject({ granted: false, limit: 5 })
    expect(JSON.parse(storage.items.get(KEY) ?? 'null').snapshot).toEqual(acme(2, 3))
  })

  it('initialSnapshot is validated like network data: bad → ignored with a dev warning, fallbacks apply, nothing throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const options = {
      baseUrl: BASE_URL,
      customerId: 'acme',
      environment: 'test',
      persist: false as const,
      live: false,
      fallback: { seats: { kind: 'metered' as const, limit: 0 } },
    }
    for (const bad of [
      null,
      'x',
      { customerId: 'acme', entitlements: 'none' },
      { ...acme(1), version: -1 },
    ]) {
      const client = createEntitlementsClient({ ...options, initialSnapshot: bad as never })
      expect(client.getState().snapshot).toBeUndefined()
      expect(client.check('seats')).toMatchObject({
        granted: false,
        reason: 'limit-exceeded',
        isFallback: true,
      })
    }
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('initialSnapshot ignored'))
  })

  it('maxStaleMs: restored data older than it yields to fallbacks (default 7 days)', () => {
    const storage = new MemoryStorage()
    const fallback = { seats: { kind: 'metered' as const, limit: 1 } }
    storage.setItem(KEY, stored(acme(2), Date.now() - 8 * 24 * HOUR))
    expect(clientFor(server, { persist: storage, fallback }).check('seats')).toMatchObject({
      isFallback: true,
    })
    storage.setItem(KEY, stored(acme(2), Date.now() - 2 * HOUR))
    expect(clientFor(server, { persist: storage, fallback }).check('seats')).toMatchObject({
      isFallback: false,
    })
    storage.setItem(KEY, stored(acme(2), Date.now() - 2 * HOUR))
    const strict = clientFor(server, { persist: storage, fallback, maxStaleMs: HOUR })
    expect(strict.getState().snapshot).toBeUndefined()
    expect(strict.check('seats')).toMatchObject({ isFallback: true, limit: 1 })
  })

  it('tabs sharing the offline queue never lose each other’s entries', async () => {
    const net = network(false)
    const storage = new MemoryStorage()
    const tabA = clientFor(server, { persist: storage })
    const tabB = clientFor(server, { persist: storage })
    await tabA.refresh()
    await tabB.refresh()
    await tabA.reportUsage('seats', 1, { idempotencyKey: 'from-a' })
    await tabB.reportUsage('seats', -1, { idempotencyKey: 'from-b' })
    const keys = () =>
      JSON.parse(storage.items.get(QUEUE_KEY) ?? '[]').map(
        (e: { idempotencyKey: string }) => e.idempotencyKey,
      )
    expect(keys()).toEqual(['from-a', 'from-b'])
    // Only tab B comes back (A was closed): both reports are sent, each counted once.
    tabB.start()
    net.goOnline()
    await stateWhere(tabB, (s) => s.pendingUsage === 0)
    await vi.advanceTimersByTimeAsync(0)
    expect(server.usageCounted.get('from-a')).toBe(1)
    expect(server.usageCounted.get('from-b')).toBe(1)
    expect(storage.items.has(QUEUE_KEY)).toBe(false)
    tabB.stop()
  })

  it('queued usage is timestamped and never replayed past the server’s idempotency lifetime (24 h)', async () => {
    const storage = new MemoryStorage()
    storage.setItem(KEY, stored(acme(2)))
    storage.setItem(
      QUEUE_KEY,
      JSON.stringify([
        { idempotencyKey: 'old', feature: 'seats', amount: 1, at: Date.now() - 25 * HOUR },
        { idempotencyKey: 'recent', feature: 'seats', amount: 1, at: Date.now() - HOUR },
      ]),
    )
    const client = clientFor(server, { persist: storage })
    expect(client.getState().pendingUsage).toBe(1)
    await client.refresh()
    await stateWhere(client, (s) => s.pendingUsage === 0)
    expect(server.usageCounted.get('recent')).toBe(1)
    expect(server.usageCounted.has('old')).toBe(false)
    expect(storage.items.has(QUEUE_KEY)).toBe(false)
  })
})

describe('hostile payloads', () => {
  it('catalog currencies are validated (three letters)', () => {
    const plan = (currency: unknown) => ({
      features: [],
      addons: [],
      plans: [
        { id: 'p', name: 'P', trialDays: 0, grants: {}, price: { amount: 100, currency, interval: 'month' } },
      ],
    })
    expect(() => parseCatalog(plan('USD'))).not.toThrow()
    for (const bad of ['US', 'dollars', 'U$D', '', 7])
      expect(() => parseCatalog(plan(bad))).toThrow(/currency: expected a three-letter currency code/)
  })

  it('a response body over maxResponseBytes is refused, the last good data kept', async () => {
    const client = clientFor(server, { maxResponseBytes: 4096 })
    await client.refresh()
    server.script('GET', ENTITLEMENTS, { json: { ...acme(3), padding: 'x'.repeat(10_000) } })
    await expect(client.refresh()).rejects.toMatchObject({ code: 'invalid_response' })
    expect(client.getState()).toMatchObject({ snapshot: { version: 2 }, isStale: true })
  })

  it('feature ids index objects only through own properties: toString, constructor, __proto__ are unknown features', async () => {
    const client = clientFor(server)
    await client.refresh()
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(client.check(name)).toMatchObject({ granted: false, reason: 'not-entitled' })
      expect(client.value(name, 3)).toBe(3)
    }
    // …and a feature really named so is an ordinary one.
    const own = JSON.parse(
      `{"__proto__": ${JSON.stringify(seats(1, 2))}, "constructor": ${JSON.stringify(seats(0, 1))}}`,
    )
    server.setSnapshot(snapshotOf('acme', 3, own))
    await client.refresh()
    expect(client.check('__proto__', { requested: 0 })).toMatchObject({ granted: true, usage: 1, limit: 2 })
    server.script('POST', '/v1/customers/acme/usage', 'hold')
    void client.reportUsage('__proto__', 1).catch(() => {})
    expect(client.check('__proto__', { requested: 0 })).toMatchObject({ usage: 2 })
    expect(client.check('constructor', { requested: 0 })).toMatchObject({ usage: 0 })
    expect(Object.getPrototypeOf(client.getState().snapshot?.entitlements)).toBe(Object.prototype)
  })
})

describe('hostile clocks', () => {
  it('expiry and reset checks are corrected by the offset to the server’s generatedAt', async () => {
    // The server's clock is 2 days ahead of this device's.
    const serverNow = Date.now() + 48 * HOUR
    const iso = (ms: number) => new Date(ms).toISOString()
    // A server clock ahead of this one is the fault: its snapshot is served as it is.
    server.respondWith({
      ...snapshotOf('acme', 2, {
        promo: { kind: 'boolean', source: 'promotion', expiresAt: iso(serverNow - HOUR) },
        calls: {
          ...seats(900, 1000),
          enforcement: 'hard',
          resetPeriod: 'day',
          resetsAt: iso(serverNow - HOUR),
        },
      }),
      generatedAt: iso(serverNow),
    })
    const client = clientFor(server)
    await client.refresh()
    expect(client.check('promo')).toMatchObject({ granted: false, reason: 'expired' })
    expect(client.check('calls', { requested: 500 })).toMatchObject({ granted: true, usage: 0 })
  })
})

describe('trials', () => {
  it('starting a trial is not blindly retried into trial_already_used: a lost answer is read back', async () => {
    const SUBSCRIPTION = '/v1/customers/acme/subscription'
    server.script('PUT', SUBSCRIPTION, 'lost', {
      status: 409,
      json: { error: { code: 'trial_already_used', message: 'trial already used' } },
    })
    const onTrial = {
      ...acme(3),
      plan: { id: 'enterprise', name: 'Enterprise' },
      trialEndsAt: '2026-01-15T00:00:00.000Z',
    }
    server.script('GET', ENTITLEMENTS, { json: onTrial, headers: { etag: '"v3"' } })
    const client = clientFor(server)
    await client.refresh()
    await expect(client.changePlan('enterprise', { trial: true })).resolves.toMatchObject({
      plan: { id: 'enterprise' },
      trialEndsAt: onTrial.trialEndsAt,
    })
    expect(server.count('PUT', SUBSCRIPTION)).toBe(1)
  })
})

describe('hostile event streams', () => {
  /** A client whose event stream is answered by `answer` (the rest by the fake server). */
  function liveClient(answer: () => Response | Promise<Response>, overrides = {}) {
    const fetch: typeof globalThis.fetch = async (input, init) =>
      String(input).endsWith(EVENTS) ? answer() : server.fetch(input, init)
    return clientFor(server, { fetch, live: true, retryDelayMs: 500, maxRetryDelayMs: 30_000, ...overrides })
  }
  const sse = (text: string, type = 'text/event-stream') =>
    new Response(text, { status: 200, headers: { 'content-type': type } })

  it('a proxy that answers 200 and closes causes no reconnect storm (reconnects per minute)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    let attempts = 0
    const client = liveClient(() => {
      attempts++
      return sse(': proxy says hi\n\n')
    })
    client.start()
    await vi.advanceTimersByTimeAsync(60_000)
    const firstMinute = attempts
    await vi.advanceTimersByTimeAsync(60_000)
    const secondMinute = attempts - firstMinute
    client.stop()
    expect(firstMinute).toBeGreaterThanOrEqual(3)
    expect(firstMinute).toBeLessThanOrEqual(10)
    expect(secondMinute).toBeLessThanOrEqual(4) // at the cap: one attempt every 15–30 s
  })

  it('an answer that is not text/event-stream is a failure; reconnects wait at least 1 s', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const at: number[] = []
    const client = liveClient(() => {
      at.push(Date.now())
      return sse('<html>login</html>', 'text/html')
    })
    client.start()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(client.getState().live).toBe('reconnecting')
    expect(at.length).toBeGreaterThanOrEqual(2)
    for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000)
    client.stop()
  })

  it('a failing getToken() is retried for the live stream, not a permanent stop', async () => {
    let calls = 0
    const client = clientFor(server, {
      live: true,
      getToken: () => {
        calls++
        if (calls >= 2 && calls <= 3) throw new Error('token service down')
        return 'token'
      },
    })
    client.start()
    await stateWhere(client, (s) => s.status === 'success')
    await vi.advanceTimersByTimeAsync(10_000)
    await stateWhere(client, (s) => s.live === 'open')
    client.stop()
  })

  it('an event stream line over the size cap drops the connection, which then reconnects', async () => {
    const client = clientFor(server, { live: true, maxResponseBytes: 1000 })
    client.start()
    const first = await server.nextConnection()
    await stateWhere(client, (s) => s.live === 'open')
    const next = server.nextConnection()
    first.raw(`data: ${'x'.repeat(5000)}`) // no line end, ever
    await stateWhere(client, (s) => s.live === 'reconnecting')
    expect(first.closed).toBe(true)
    await vi.advanceTimersByTimeAsync(1000)
    await next
    client.stop()
  })
})
