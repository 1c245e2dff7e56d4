import { QueryClient } from '@tanstack/query-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EntitlementEvent } from '../src/types.js'
import { closedPortUrl, createFakeServer, type FakeServer, seats, snapshotOf } from './fakeServer.js'
import { clientFor, SERVER_NOW, stateWhere } from './helpers.js'

const ENTITLEMENTS = '/v1/customers/acme/entitlements'
const acme = (version: number, usage = 3) =>
  snapshotOf('acme', version, {
    seats: seats(usage),
    'ai-assistant': { kind: 'boolean', source: 'plan', expiresAt: null },
  })

describe('client: fetch, check, subscribe', () => {
  let server: FakeServer
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
    server = createFakeServer()
    server.setSnapshot(acme(1))
  })
  afterEach(async () => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    await server.close()
  })

  it('answers "loading" before data, then from the snapshot; check() never fetches', async () => {
    const client = clientFor(server)
    expect(client.check('ai-assistant')).toMatchObject({
      granted: false,
      reason: 'loading',
      isFallback: false,
    })
    expect(client.getState()).toMatchObject({ status: 'loading', snapshot: undefined, isStale: false })
    expect(server.requests).toHaveLength(0)
    client.start()
    await stateWhere(client, (s) => s.status === 'success')
    expect(client.check('ai-assistant')).toMatchObject({ granted: true, reason: 'entitled', isStale: false })
    expect(client.check('seats', { requested: 2 })).toMatchObject({
      granted: true,
      usage: 3,
      limit: 5,
      remaining: 2,
    })
    expect(client.check('seats', { requested: 3 })).toMatchObject({
      granted: false,
      reason: 'limit-exceeded',
    })
    expect(client.check('nope')).toMatchObject({ granted: false, reason: 'not-entitled' })
    expect(server.requests).toHaveLength(1)
    client.stop()
  })

  it('getState() returns the same object until something changes, and notifies after changes', async () => {
    const client = clientFor(server)
    const listener = vi.fn()
    client.subscribe(listener)
    const before = client.getState()
    expect(client.getState()).toBe(before)
    await client.refresh()
    const after = client.getState()
    expect(after).not.toBe(before)
    expect(after.snapshot?.version).toBe(1)
    expect(client.getState()).toBe(after)
    expect(listener).toHaveBeenCalled()
    const calls = listener.mock.calls.length
    await client.refresh() // 304: same data, nothing visible changed
    expect(client.getState()).toBe(after)
    expect(listener).toHaveBeenCalledTimes(calls)
  })

  it('without listeners getState() is still current and stable', async () => {
    const client = clientFor(server)
    await client.refresh()
    const state = client.getState()
    expect(state.snapshot?.version).toBe(1)
    expect(client.getState()).toBe(state)
  })

  it('makes 1 request for N simultaneous reads (also through the app QueryClient it shares)', async () => {
    const client = clientFor(server, { queryClient: new QueryClient() })
    server.script('GET', ENTITLEMENTS, 'hold')
    const reads = [
      client.refresh(),
      client.refresh(),
      client.refresh(),
      client.queryClient!.fetchQuery(client.entitlementsQueryOptions()),
      client.queryClient!.ensureQueryData(client.entitlementsQueryOptions()),
    ]
    const held = await server.held()
    held.release('default')
    const results = await Promise.all(reads)
    expect(server.count('GET', ENTITLEMENTS)).toBe(1)
    for (const result of results) expect(result).toBe(results[0])
  })

  it('keeps the ETag beside the snapshot: a 304 keeps the data and marks it fresh', async () => {
    const client = clientFor(server, { staleTime: 1000, queryClient: new QueryClient() })
    const first = await client.refresh()
    expect(server.requests[0]?.headers.get('if-none-match')).toBeNull()
    await vi.advanceTimersByTimeAsync(5000)
    const query = client
      .queryClient!.getQueryCache()
      .find({ queryKey: client.entitlementsQueryOptions().queryKey })
    expect(query?.isStaleByTime(1000)).toBe(true)
    const second = await client.refresh()
    expect(server.requests[1]?.headers.get('if-none-match')).toBe('W/"1"')
    expect(second).toBe(first)
    expect(query?.isStaleByTime(1000)).toBe(false)
    expect(client.getState()).toMatchObject({ status: 'success', isStale: false })

    server.setSnapshot(acme(2, 4)) // changed on the server: a stale ETag gets the new snapshot
    await expect(client.refresh()).resolves.toMatchObject({ version: 2 })
    expect(client.check('seats', { requested: 0 })).toMatchObject({ usage: 4 })
  })

  it('503, 503, 200: backs off, then shows the data', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1)
    server.script('GET', ENTITLEMENTS, { status: 503 }, { status: 503 })
    const events: EntitlementEvent[] = []
    const client = clientFor(server, { onEvent: (e) => events.push(e) })
    client.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(server.requests).toHaveLength(1)
    expect(client.getState().status).toBe('loading')
    await vi.advanceTimersByTimeAsync(100)
    expect(server.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(199)
    expect(server.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.requests).toHaveLength(3)
    expect(client.getState()).toMatchObject({ status: 'success', error: null })
    expect(client.check('ai-assistant').granted).toBe(true)
    expect(events).toContainEqual({ type: 'snapshot_updated', version: 1, from: 'fetch' })
    expect(events.some((e) => e.type === 'fetch_failed')).toBe(false)
    client.stop()
  })

  it('a server that never answers times out: UI-level callers get the fallback decision', async () => {
    server.script('GET', ENTITLEMENTS, 'hang')
    const events: EntitlementEvent[] = []
    const client = clientFor(server, {
      timeoutMs: 5000,
      retries: 0,
      fallback: { 'ai-assistant': false, seats: { kind: 'metered', limit: 2 } },
      onEvent: (e) => events.push(e),
    })
    const refreshed = client.refresh()
    const settled = expect(refreshed).rejects.toMatchObject({ code: 'timeout' })
    await vi.advanceTimersByTimeAsync(4999)
    // Still waiting: the fallback already decides (isFallback), but the state is loading, not failed.
    expect(client.getState().status).toBe('loading')
    expect(client.check('ai-assistant')).toMatchObject({ granted: false, isFallback: true })
    await vi.advanceTimersByTimeAsync(1)
    await settled
    expect(client.getState()).toMatchObject({ status: 'error', error: { code: 'timeout' } })
    expect(client.check('ai-assistant')).toMatchObject({ granted: false, isFallback: true })
    expect(client.check('seats', { requested: 2 })).toMatchObject({
      granted: true,
      isFallback: true,
      limit: 2,
    })
    // No fallback: fail open (default) for a boolean feature.
    expect(client.check('premium-support')).toMatchObject({
      granted: true,
      reason: 'entitled',
      isFallback: true,
    })
    expect(events).toContainEqual(expect.objectContaining({ type: 'fetch_failed', code: 'timeout' }))
  })

  it('failMode closed denies unknown-state features without a fallback', async () => {
    server.script('GET', ENTITLEMENTS, { status: 500 })
    const client = clientFor(server, { retries: 0, failMode: 'closed' })
    await expect(client.refresh()).rejects.toMatchObject({ code: 'server' })
    expect(client.check('premium-support')).toMatchObject({ granted: false, isFallback: true })
  })

  it('401: the token is refreshed once, then an auth error, no retry storm', async () => {
    server.setToken('acme', 'good')
    const getToken = vi.fn(() => 'expired')
    const client = clientFor(server, { getToken })
    client.start()
    await stateWhere(client, (s) => s.status === 'error')
    expect(client.getState().error).toMatchObject({ code: 'unauthorized', status: 401 })
    expect(getToken.mock.calls).toEqual([[{ refresh: false }], [{ refresh: true }]])
    expect(server.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.requests).toHaveLength(2)
    for (const request of server.requests) expect(request.path).not.toContain('expired')
    client.stop()
  })

  it('401 then a refreshed token that works: data', async () => {
    server.setToken('acme', 'fresh')
    const client = clientFor(server, { getToken: ({ refresh }) => (refresh ? 'fresh' : 'old') })
    await expect(client.refresh()).resolves.toMatchObject({ version: 1 })
  })

  it('malformed JSON: rejected, the last good data stays in use (stale, with the error)', async () => {
    const client = clientFor(server)
    await client.refresh()
    const good = client.getState().snapshot
    server.script('GET', ENTITLEMENTS, { status: 200, body: '{"customerId":"acme","ver' })
    await expect(client.refresh()).rejects.toMatchObject({ code: 'invalid_response' })
    expect(client.getState()).toMatchObject({
      status: 'error',
      isStale: true,
      error: { code: 'invalid_response' },
    })
    expect(client.getState().snapshot).toBe(good)
    expect(client.check('ai-assistant')).toMatchObject({ granted: true, isStale: true, isFallback: false })
  })

  it.each([
    ['a wrong field type', { ...acme(2), version: 'two' }, 'snapshot.version'],
    ['a broken entitlement', { ...acme(2), entitlements: { seats: { ...seats(1), limit: 'ten' } } }, 'limit'],
    ['not an object', [1, 2, 3], 'snapshot'],
    ['another customer', snapshotOf('globex', 9), 'customerId'],
  ])('wrong shape (%s): rejected naming the field, last good data kept', async (_name, body, field) => {
    const client = clientFor(server)
    await client.refresh()
    server.script('GET', ENTITLEMENTS, { status: 200, json: body })
    const error = await client.refresh().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'invalid_response' })
    expect((error as Error).message).toContain(field)
    expect(client.getState()).toMatchObject({ status: 'error', isStale: true, snapshot: { version: 1 } })
    expect(client.check('seats', { requested: 0 })).toMatchObject({ usage: 3, isStale: true })
    // The next good answer clears the error.
    await client.refresh()
    expect(client.getState()).toMatchObject({ status: 'success', isStale: false, error: null })
  })

  it('never replaces a snapshot with an older version', async () => {
    server.setSnapshot(acme(5, 4))
    const client = clientFor(server)
    await client.refresh()
    server.setSnapshot(acme(4, 1)) // e.g. a lagging replica
    await expect(client.refresh()).resolves.toMatchObject({ version: 5 })
    expect(client.check('seats', { requested: 0 })).toMatchObject({ usage: 4 })
    server.setSnapshot(acme(6, 2))
    await client.refresh()
    expect(client.check('seats', { requested: 0 })).toMatchObject({ usage: 2 })
  })

  it('initialSnapshot: right at once with no request; start() refetches only once stale', async () => {
    const client = clientFor(server, { initialSnapshot: acme(1), staleTime: 10_000 })
    expect(client.check('ai-assistant')).toMatchObject({ granted: true, isStale: false })
    expect(client.getState().status).toBe('success')
    client.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(server.requests).toHaveLength(0)
    client.stop()
    await vi.advanceTimersByTimeAsync(10_000)
    client.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(server.requests).toHaveLength(1)
    client.stop()
  })

  it('returning to a hidden tab refetches only stale data, and only while started', async () => {
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' })
    vi.stubGlobal('document', doc)
    try {
      const client = clientFor(server, { staleTime: 10_000 })
      client.start()
      await vi.advanceTimersByTimeAsync(0)
      expect(server.requests).toHaveLength(1)
      doc.dispatchEvent(new Event('visibilitychange'))
      await vi.advanceTimersByTimeAsync(0)
      expect(server.requests).toHaveLength(1) // fresh: nothing to do
      await vi.advanceTimersByTimeAsync(10_000)
      doc.visibilityState = 'hidden'
      doc.dispatchEvent(new Event('visibilitychange'))
      await vi.advanceTimersByTimeAsync(0)
      expect(server.requests).toHaveLength(1)
      doc.visibilityState = 'visible'
      doc.dispatchEvent(new Event('visibilitychange'))
      await vi.advanceTimersByTimeAsync(0)
      expect(server.requests).toHaveLength(2)
      client.stop()
      await vi.advanceTimersByTimeAsync(10_000)
      doc.dispatchEvent(new Event('visibilitychange'))
      await vi.advanceTimersByTimeAsync(0)
      expect(server.requests).toHaveLength(2)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('initialSnapshot of another customer is ignored', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = clientFor(server, { initialSnapshot: snapshotOf('globex', 3) })
    expect(client.getState().snapshot).toBeUndefined()
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('globex'))
  })

  it('value() reads config values, with the fallback when not granted or of another type', async () => {
    server.setSnapshot(
      snapshotOf('acme', 1, {
        'retention-days': { kind: 'config', value: 14, source: 'plan', expiresAt: null },
      }),
    )
    const client = clientFor(server)
    expect(client.value('retention-days', 3)).toBe(3)
    await client.refresh()
    expect(client.value('retention-days', 3)).toBe(14)
    expect(client.value('retention-days', 'x')).toBe('x')
    expect(client.value('missing', 7)).toBe(7)
  })

  it('check() never throws, even for odd feature names', async () => {
    const client = clientFor(server, { fallback: {} })
    for (const name of ['constructor', '__proto__', 'toString', '']) {
      expect(() => client.check(name)).not.toThrow()
      expect(client.check(name).granted).toBe(false)
    }
    await client.refresh()
    for (const name of ['constructor', '__proto__', 'toString', ''])
      expect(client.check(name).granted).toBe(false)
  })

  it('onEvent errors are swallowed; track() forwards UI events', async () => {
    const onEvent = vi.fn(() => {
      throw new Error('analytics down')
    })
    const client = clientFor(server, { onEvent })
    await expect(client.refresh()).resolves.toBeDefined()
    client.track({ type: 'paywall_viewed', feature: 'seats', reason: 'limit-exceeded' })
    expect(onEvent).toHaveBeenCalledWith({
      type: 'paywall_viewed',
      feature: 'seats',
      reason: 'limit-exceeded',
    })
  })

  it('query options have stable keys and identity', () => {
    const client = clientFor(server)
    expect(client.entitlementsQueryOptions().queryKey).toEqual(['entitle', 'test', 'acme', 'entitlements'])
    expect(client.entitlementsQueryOptions()).toBe(client.entitlementsQueryOptions())
    expect(client.catalogQueryOptions().queryKey).toEqual(['entitle', 'test', 'catalog'])
    client.setCustomer('globex')
    expect(client.entitlementsQueryOptions().queryKey).toEqual(['entitle', 'test', 'globex', 'entitlements'])
  })

  it('a throwing listener does not stop the others', async () => {
    const client = clientFor(server)
    const errors: unknown[] = []
    const original = globalThis.queueMicrotask
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((fn) =>
      original(() => {
        try {
          fn()
        } catch (e) {
          errors.push(e)
        }
      }),
    )
    client.subscribe(() => {
      throw new Error('bad listener')
    })
    const good = vi.fn()
    client.subscribe(good)
    await client.refresh()
    expect(good).toHaveBeenCalled()
    expect(errors[0]).toMatchObject({ message: 'bad listener' })
  })
})

describe('client: customer switch', () => {
  let server: FakeServer
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
    server = createFakeServer()
    server.setSnapshot(acme(1))
    server.setSnapshot(
      snapshotOf('globex', 7, { 'api-access': { kind: 'boolean', source: 'plan', expiresAt: null } }),
    )
  })
  afterEach(async () => {
    vi.useRealTimers()
    await server.close()
  })

  it("aborts A's request, and A's late answer is never shown for B", async () => {
    const client = clientFor(server)
    client.start()
    server.script('GET', ENTITLEMENTS, 'hold')
    const slowA = await server.held()
    const seen: (string | undefined)[] = []
    client.subscribe(() => seen.push(client.getState().snapshot?.customerId))
    client.setCustomer('globex')
    // Immediately B's: loading, nothing of A.
    expect(client.getState()).toMatchObject({ customerId: 'globex', status: 'loading', snapshot: undefined })
    expect(client.check('ai-assistant').reason).toBe('loading')
    await stateWhere(client, (s) => s.status === 'success')
    slowA.release('default') // A answers after the switch
    await vi.advanceTimersByTimeAsync(0)
    expect(client.getState().snapshot).toMatchObject({ customerId: 'globex', version: 7 })
    expect(client.check('api-access').granted).toBe(true)
    expect(client.check('ai-assistant').granted).toBe(false)
    expect(seen).not.toContain('acme')
    client.stop()
  })

  it('drops a late answer even from a fetch that ignores the abort signal', async () => {
    let releaseA!: () => void
    const gate = new Promise<void>((resolve) => {
      releaseA = resolve
    })
    const deaf: typeof fetch = async (input, init) => {
      const { signal: _ignored, ...rest } = init ?? {}
      if (String(input).includes('/acme/')) await gate
      return server.fetch(input, rest)
    }
    const client = clientFor(server, { fetch: deaf })
    const refreshA = client.refresh()
    await vi.advanceTimersByTimeAsync(0)
    client.setCustomer('globex')
    await expect(refreshA).rejects.toMatchObject({ code: 'aborted' })
    await client.refresh()
    releaseA()
    await vi.advanceTimersByTimeAsync(0)
    expect(client.getState().snapshot?.customerId).toBe('globex')
    // Dropped entirely: not even cached as A's data (A is fetched anew when it is current again).
    client.setCustomer('acme')
    expect(client.getState()).toMatchObject({ customerId: 'acme', status: 'loading', snapshot: undefined })
  })

  it('switching back shows what is cached for that customer at once', async () => {
    const client = clientFor(server)
    await client.refresh()
    client.setCustomer('globex')
    await client.refresh()
    client.setCustomer('acme')
    expect(client.getState().snapshot).toMatchObject({ customerId: 'acme', version: 1 })
  })
})

describe('client over real sockets', () => {
  it('port closed: fails with a network error after retries, checks fall back', async () => {
    const server = createFakeServer()
    const client = clientFor(server, {
      baseUrl: await closedPortUrl(),
      fetch: undefined,
      retries: 1,
      retryDelayMs: 1,
      maxRetryDelayMs: 1,
      fallback: { seats: { kind: 'metered', limit: 1 } },
    })
    await expect(client.refresh()).rejects.toMatchObject({ code: 'network' })
    expect(client.getState()).toMatchObject({ status: 'error', snapshot: undefined })
    expect(client.check('seats')).toMatchObject({ granted: true, isFallback: true, limit: 1 })
    expect(client.check('seats', { requested: 2 })).toMatchObject({ granted: false, isFallback: true })
  })

  it("customer switch aborts the socket of A's request", async () => {
    const server = createFakeServer()
    server.setSnapshot(acme(1))
    server.setSnapshot(snapshotOf('globex', 7))
    server.script('GET', ENTITLEMENTS, 'hang')
    try {
      const client = clientFor(server, { baseUrl: await server.listen(), fetch: undefined })
      const arrived = server.waitForRequests(1)
      const refreshA = client.refresh()
      await arrived
      client.setCustomer('globex')
      await expect(refreshA).rejects.toMatchObject({ code: 'aborted' })
      await expect(client.refresh()).resolves.toMatchObject({ customerId: 'globex' })
    } finally {
      await server.close()
    }
  })

  it('talks to a real HTTP host with the same contract', async () => {
    const server = createFakeServer()
    server.setSnapshot(acme(3))
    try {
      const client = clientFor(server, { baseUrl: `${await server.listen()}/`, fetch: undefined })
      await expect(client.refresh()).resolves.toMatchObject({ version: 3 })
      await client.refresh()
      expect(server.requests[1]?.headers.get('if-none-match')).toBe('W/"3"')
      expect(client.getState().snapshot?.version).toBe(3)
    } finally {
      await server.close()
    }
  })
})
