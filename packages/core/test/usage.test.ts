import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
// Imported up front so the client's lazy `import('./offlineQueue.js')` resolves from the module cache.
import '../src/offlineQueue.js'
import type { EntitlementEvent } from '../src/types.js'
import { createFakeServer, type FakeServer, seats, snapshotOf } from './fakeServer.js'
import { logpilotCatalog } from './fixtures/logpilot.js'
import { clientFor, MemoryStorage, SERVER_NOW, stateWhere } from './helpers.js'

const USAGE = '/v1/customers/acme/usage'
const QUEUE_KEY = 'entitle:v1:test:acme:usage-queue'
const acme = (version: number, usage = 3, limit: number | null = 5) =>
  snapshotOf('acme', version, { seats: seats(usage, limit) })
const usageOf = (client: ReturnType<typeof clientFor>) => client.check('seats', { requested: 0 }).usage

/** Makes `navigator.onLine` report `online` (Node 20 has no navigator) and returns a window to fire events on. */
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
    goOffline() {
      state.onLine = false
    },
  }
}

describe('reportUsage', () => {
  let server: FakeServer
  let events: EntitlementEvent[]
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
    server = createFakeServer()
    server.setSnapshot(acme(1))
    events = []
  })
  afterEach(async () => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    await server.close()
  })

  it('is optimistic: usage moves at once, subscribers are told, then the server acknowledgement applies', async () => {
    const client = clientFor(server, { onEvent: (e) => events.push(e) })
    await client.refresh()
    server.script('POST', USAGE, 'hold')
    const listener = vi.fn()
    client.subscribe(listener)
    const reported = client.reportUsage('seats', 1, { idempotencyKey: 'k1' })
    expect(usageOf(client)).toBe(4)
    expect(listener).toHaveBeenCalled()
    const held = await server.held()
    expect(held.body).toEqual({ feature: 'seats', amount: 1, idempotencyKey: 'k1' })
    held.release('default')
    await expect(reported).resolves.toEqual({ entitlement: seats(4), version: 2, queued: false })
    expect(client.getState().snapshot?.version).toBe(2)
    expect(usageOf(client)).toBe(4)
    expect(events).toContainEqual({ type: 'usage_reported', feature: 'seats', amount: 1 })
    expect(events).toContainEqual({ type: 'snapshot_updated', version: 2, from: 'usage' })
  })

  it('rolls back when the server refuses: 409 limit_exceeded', async () => {
    server.setSnapshot(acme(1, 5))
    const client = clientFor(server, { onEvent: (e) => events.push(e) })
    await client.refresh()
    server.script('POST', USAGE, 'hold')
    const reported = client.reportUsage('seats', 1)
    expect(usageOf(client)).toBe(6)
    ;(await server.held()).release('default')
    await expect(reported).rejects.toMatchObject({
      name: 'EntitlementsError',
      code: 'limit_exceeded',
      status: 409,
    })
    expect(usageOf(client)).toBe(5)
    expect(client.getState().snapshot).toEqual(acme(1, 5))
    expect(events).toContainEqual({
      type: 'usage_rejected',
      feature: 'seats',
      amount: 1,
      code: 'limit_exceeded',
    })
    expect(server.count('POST', USAGE)).toBe(1) // refusals are not retried
  })

  it('generates an idempotency key per report', async () => {
    const client = clientFor(server)
    await client.refresh()
    await client.reportUsage('seats', 1)
    await client.reportUsage('seats', -1)
    const keys = server.requests
      .filter((r) => r.method === 'POST')
      .map((r) => (r.body as { idempotencyKey: string }).idempotencyKey)
    expect(keys).toHaveLength(2)
    expect(keys[0]).not.toBe(keys[1])
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('rejects amounts that are not non-zero integers, without a request', async () => {
    const client = clientFor(server)
    await client.refresh()
    for (const amount of [0, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(client.reportUsage('seats', amount)).rejects.toMatchObject({ code: 'bad_request' })
    }
    expect(server.count('POST', USAGE)).toBe(0)
    expect(usageOf(client)).toBe(3)
  })

  it('a lost response is retried with the same key, and the server counts it once', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const client = clientFor(server)
    await client.refresh()
    server.script('POST', USAGE, 'lost', 'close', { status: 503 })
    const reported = client.reportUsage('seats', 1, { idempotencyKey: 'once' })
    await vi.runAllTimersAsync()
    await expect(reported).resolves.toMatchObject({ version: 2, entitlement: { usage: 4 }, queued: false })
    const posts = server.requests.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(4)
    for (const post of posts)
      expect(post.body).toEqual({ feature: 'seats', amount: 1, idempotencyKey: 'once' })
    expect(server.usageCounted.get('once')).toBe(1)
    expect(server.getSnapshot('acme')?.entitlements.seats).toMatchObject({ usage: 4 })
    expect(usageOf(client)).toBe(4)
  })

  it('the same key twice is one report: one optimistic change, one count', async () => {
    const client = clientFor(server)
    await client.refresh()
    server.script('POST', USAGE, 'hold')
    const a = client.reportUsage('seats', 1, { idempotencyKey: 'dup' })
    const b = client.reportUsage('seats', 1, { idempotencyKey: 'dup' })
    expect(usageOf(client)).toBe(4)
    ;(await server.held()).release('default')
    await expect(Promise.all([a, b])).resolves.toHaveLength(2)
    expect(server.count('POST', USAGE)).toBe(1)
    expect(usageOf(client)).toBe(4)
  })

  it('a refetch while a report is on its way keeps the optimistic usage', async () => {
    const client = clientFor(server)
    await client.refresh()
    server.script('POST', USAGE, 'hold')
    const reported = client.reportUsage('seats', 1)
    const held = await server.held()
    server.setSnapshot({ ...acme(1, 3), generatedAt: '2026-01-01T00:00:01.000Z' })
    await client.refresh()
    expect(usageOf(client)).toBe(4)
    held.release('default')
    await reported
    expect(usageOf(client)).toBe(4)
  })

  it('an ack older than what the client has is not applied', async () => {
    const client = clientFor(server)
    await client.refresh()
    server.script('POST', USAGE, 'hold')
    const reported = client.reportUsage('seats', 1)
    const held = await server.held()
    server.setSnapshot(acme(9, 1)) // e.g. seats released elsewhere, newer than our ack
    await client.refresh()
    held.release({ status: 200, json: { entitlement: seats(4), version: 2 } })
    await reported
    expect(client.getState().snapshot?.version).toBe(9)
    expect(usageOf(client)).toBe(1)
  })

  describe('offline queue', () => {
    it('queues while offline, keeps the optimistic usage, persists, and flushes once on recovery', async () => {
      const net = network(false)
      const storage = new MemoryStorage()
      const client = clientFor(server, { persist: storage, onEvent: (e) => events.push(e) })
      await client.refresh()
      client.start()
      const first = await client.reportUsage('seats', 1, { idempotencyKey: 'q1' })
      const second = await client.reportUsage('seats', -2, { idempotencyKey: 'q2' })
      expect(first).toMatchObject({ queued: true, entitlement: { usage: 4 }, version: 1 })
      expect(second).toMatchObject({ queued: true, entitlement: { usage: 2 } })
      expect(server.count('POST', USAGE)).toBe(0)
      expect(client.getState()).toMatchObject({ pendingUsage: 2 })
      expect(usageOf(client)).toBe(2)
      expect(JSON.parse(storage.items.get(QUEUE_KEY) ?? '[]')).toEqual([
        { idempotencyKey: 'q1', feature: 'seats', amount: 1, at: Date.now() },
        { idempotencyKey: 'q2', feature: 'seats', amount: -2, at: Date.now() },
      ])

      // Recovery fires several triggers at once: the `online` event, its refetch, another refetch.
      net.goOnline()
      void client.refresh()
      await stateWhere(client, (s) => s.pendingUsage === 0)
      await vi.advanceTimersByTimeAsync(0)
      expect(
        server.requests
          .filter((r) => r.method === 'POST')
          .map((r) => (r.body as { idempotencyKey: string }).idempotencyKey),
      ).toEqual(['q1', 'q2'])
      expect(server.usageCounted.get('q1')).toBe(1)
      expect(server.usageCounted.get('q2')).toBe(1)
      expect(storage.items.has(QUEUE_KEY)).toBe(false)
      expect(usageOf(client)).toBe(2)
      expect(client.getState().snapshot?.version).toBe(3)

      // Later recoveries send nothing again.
      net.goOnline()
      await client.refresh()
      await vi.advanceTimersByTimeAsync(0)
      expect(server.count('POST', USAGE)).toBe(2)
      expect(events.filter((e) => e.type === 'usage_reported')).toHaveLength(2)
      client.stop()
    })

    it('queues a report whose retries all failed on network errors', async () => {
      vi.spyOn(Math, 'random').mockReturnValue(0)
      const client = clientFor(server, { retries: 2 })
      await client.refresh()
      server.script('POST', USAGE, 'close', 'close', 'close')
      const reported = client.reportUsage('seats', 1, { idempotencyKey: 'net' })
      await vi.runAllTimersAsync()
      await expect(reported).resolves.toMatchObject({ queued: true, entitlement: { usage: 4 } })
      expect(client.getState().pendingUsage).toBe(1)
      await client.refresh() // the next successful fetch flushes the queue
      await stateWhere(client, (s) => s.pendingUsage === 0)
      expect(server.usageCounted.get('net')).toBe(1)
      expect(usageOf(client)).toBe(4)
    })

    it('survives a reload: a new client restores the queue and flushes it on its first fetch', async () => {
      network(false)
      const storage = new MemoryStorage()
      const before = clientFor(server, { persist: storage })
      await before.refresh()
      await before.reportUsage('seats', 1, { idempotencyKey: 'reload' })
      vi.unstubAllGlobals()

      const after = clientFor(server, { persist: storage })
      expect(after.getState()).toMatchObject({ pendingUsage: 1, isStale: true })
      expect(usageOf(after)).toBe(4) // restored snapshot + restored queue
      await after.refresh()
      await stateWhere(after, (s) => s.pendingUsage === 0)
      expect(server.usageCounted.get('reload')).toBe(1)
      expect(storage.items.has(QUEUE_KEY)).toBe(false)
    })

    it('a queued report refused on flush is rolled back', async () => {
      const net = network(false)
      server.setSnapshot(acme(1, 4))
      const client = clientFor(server, { onEvent: (e) => events.push(e) })
      await client.refresh()
      client.start()
      await client.reportUsage('seats', 1, { idempotencyKey: 'ok' })
      await client.reportUsage('seats', 1, { idempotencyKey: 'over' })
      expect(usageOf(client)).toBe(6)
      net.goOnline()
      await stateWhere(client, (s) => s.pendingUsage === 0)
      expect(usageOf(client)).toBe(5)
      expect(events).toContainEqual({
        type: 'usage_rejected',
        feature: 'seats',
        amount: 1,
        code: 'limit_exceeded',
      })
      client.stop()
    })

    it('keeps the queue when the flush is not authorized, or the customer changed', async () => {
      const net = network(false)
      const storage = new MemoryStorage()
      let token = 'acme-token'
      server.setToken('acme', 'acme-token')
      const client = clientFor(server, { persist: storage, getToken: () => token })
      await client.refresh()
      client.start()
      await client.reportUsage('seats', 1, { idempotencyKey: 'kept' })
      token = 'expired'
      net.goOnline()
      await vi.advanceTimersByTimeAsync(0)
      expect(server.count('POST', USAGE)).toBe(2) // the try and the one with a refreshed token
      expect(client.getState().pendingUsage).toBe(1)
      expect(usageOf(client)).toBe(4)
      expect(storage.items.has(QUEUE_KEY)).toBe(true)

      client.setCustomer('globex') // unknown to the server: its fetch fails, A's queue stays put
      net.goOnline()
      await vi.advanceTimersByTimeAsync(0)
      expect(server.count('POST', USAGE)).toBe(2)
      token = 'acme-token'
      client.setCustomer('acme')
      await stateWhere(client, (s) => s.pendingUsage === 0)
      expect(server.usageCounted.get('kept')).toBe(1)
      client.stop()
    })

    it('is bounded by maxQueuedUsage: beyond it a report is refused and rolled back', async () => {
      network(false)
      const client = clientFor(server, { maxQueuedUsage: 2 })
      await client.refresh()
      await client.reportUsage('seats', 1)
      await client.reportUsage('seats', 1)
      await expect(client.reportUsage('seats', 1)).rejects.toMatchObject({ code: 'network' })
      expect(client.getState().pendingUsage).toBe(2)
      expect(usageOf(client)).toBe(5)
    })

    it('a feature the client cannot show optimistically is not queued: the error is surfaced', async () => {
      vi.spyOn(Math, 'random').mockReturnValue(0)
      const client = clientFor(server, { retries: 0 })
      await client.refresh()
      server.script('POST', USAGE, 'close')
      await expect(client.reportUsage('api-calls', 1)).rejects.toMatchObject({ code: 'network' })
      expect(client.getState().pendingUsage).toBe(0)
    })
  })
})

describe('changePlan and catalog', () => {
  let server: FakeServer
  beforeEach(() => {
    server = createFakeServer()
    server.setSnapshot(acme(1))
    server.setCatalog({
      features: [{ id: 'seats', name: 'Seats', kind: 'metered', unit: 'seat' }],
      plans: [
        {
          id: 'premium',
          name: 'Premium',
          price: { amount: 4900, currency: 'USD', interval: 'month' },
          trialDays: 0,
          grants: { seats: { kind: 'metered', limit: 10, enforcement: 'hard', resetPeriod: null } },
        },
      ],
      addons: [],
    })
  })
  afterEach(() => server.close())

  it('changePlan PUTs the subscription and applies the new snapshot', async () => {
    server.setCatalog(logpilotCatalog)
    const events: EntitlementEvent[] = []
    const client = clientFor(server, { onEvent: (e) => events.push(e) })
    await client.refresh()
    const listener = vi.fn()
    client.subscribe(listener)
    await expect(
      client.changePlan('premium', { addons: ['extra-seats'], trial: false }),
    ).resolves.toMatchObject({
      version: 2,
      plan: { id: 'premium' },
    })
    const put = server.requests.find((r) => r.method === 'PUT')
    expect(put).toMatchObject({
      path: '/v1/customers/acme/subscription',
      body: { planId: 'premium', addons: ['extra-seats'], trial: false },
    })
    expect(client.getState().snapshot?.plan?.id).toBe('premium')
    expect(listener).toHaveBeenCalled()
    expect(events).toContainEqual({ type: 'snapshot_updated', version: 2, from: 'plan' })
  })

  it('changePlan with a malformed answer rejects and keeps the data', async () => {
    const client = clientFor(server)
    await client.refresh()
    server.script('PUT', '/v1/customers/acme/subscription', { status: 200, json: { customerId: 'acme' } })
    await expect(client.changePlan('premium')).rejects.toMatchObject({ code: 'invalid_response' })
    expect(client.getState().snapshot?.version).toBe(1)
  })

  it('loadCatalog validates, caches (one request), and lets checks tell unknown features', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = clientFor(server)
    await client.refresh()
    expect(client.check('seets').reason).toBe('not-entitled')
    const [a, b] = await Promise.all([client.loadCatalog(), client.loadCatalog()])
    expect(a).toBe(b)
    await client.loadCatalog()
    expect(server.count('GET', '/v1/catalog')).toBe(1)
    expect(client.getCatalog()).toBe(a)
    expect(client.getState().catalog).toBe(a)
    expect(client.check('seets').reason).toBe('unknown-feature')
    warn.mockRestore()
  })

  it('a malformed catalog is rejected naming the field', async () => {
    server.setCatalog({ features: [{ id: 'seats' }], plans: [], addons: [] } as never)
    const client = clientFor(server)
    const error = await client.loadCatalog().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'invalid_response' })
    expect((error as Error).message).toContain('catalog.features')
    expect(client.getCatalog()).toBeUndefined()
  })

  it('loadCatalog with the server down rejects with an EntitlementsError', async () => {
    server.script('GET', '/v1/catalog', { status: 404 })
    const client = clientFor(server)
    await expect(client.loadCatalog()).rejects.toMatchObject({ name: 'EntitlementsError', code: 'not_found' })
  })
})

describe('reportUsage over real sockets', () => {
  it('a connection dropped after the server counted the report: retried with the same key, counted once', async () => {
    const server = createFakeServer()
    server.setSnapshot(acme(1))
    server.script('POST', USAGE, 'lost')
    try {
      const client = clientFor(server, {
        baseUrl: await server.listen(),
        fetch: undefined,
        retryDelayMs: 1,
        maxRetryDelayMs: 1,
      })
      await client.refresh()
      await expect(client.reportUsage('seats', 2, { idempotencyKey: 'sock' })).resolves.toMatchObject({
        entitlement: { usage: 5 },
        version: 2,
      })
      expect(server.count('POST', USAGE)).toBe(2)
      expect(server.usageCounted.get('sock')).toBe(1)
    } finally {
      await server.close()
    }
  })
})
