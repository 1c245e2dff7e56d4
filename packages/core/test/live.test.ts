import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EntitlementsError } from '../src/errors.js'
// Imported up front so the client's lazy `import('./live.js')` resolves from the module cache.
import { openLiveStream } from '../src/live.js'
import { createSseParser, type ServerSentEvent } from '../src/sse.js'
import { createTransport } from '../src/transport.js'
import type { EntitlementEvent } from '../src/types.js'
import { createFakeServer, type FakeServer, seats, snapshotOf } from './fakeServer.js'
import { logpilotCatalog } from './fixtures/logpilot.js'
import { BASE_URL, clientFor, SERVER_NOW, stateWhere } from './helpers.js'

const acme = (version: number, usage = 3) => snapshotOf('acme', version, { seats: seats(usage) })
const EVENTS = '/v1/customers/acme/events'

describe('SSE parser', () => {
  const parse = (...chunks: string[]) => {
    const events: ServerSentEvent[] = []
    const feed = createSseParser((e) => events.push(e))
    for (const chunk of chunks) feed(chunk)
    return events
  }

  it('parses events, skipping comments (heartbeats)', () => {
    expect(parse(': heartbeat\n\nevent: snapshot\ndata: {"a":1}\n\n')).toEqual([
      { event: 'snapshot', data: '{"a":1}' },
    ])
  })

  it('joins multi-line data, defaults the type to message, keeps the id', () => {
    expect(parse('id: 7\ndata: one\ndata:two\n\n')).toEqual([{ event: 'message', data: 'one\ntwo', id: '7' }])
  })

  it('handles any chunking, CRLF and CR line ends, a BOM, and a CRLF split across chunks', () => {
    const text = '\ufeffevent: snapshot\r\ndata: {"v":1}\r\n\r\nevent: snapshot\rdata: {"v":2}\r\r'
    const expected = [
      { event: 'snapshot', data: '{"v":1}' },
      { event: 'snapshot', data: '{"v":2}' },
    ]
    expect(parse(text)).toEqual(expected)
    expect(parse(...text.split(''))).toEqual(expected)
    expect(parse('data: x\r', '\n\r', '\n')).toEqual([{ event: 'message', data: 'x' }])
  })

  it('ignores events without data and unknown fields', () => {
    expect(parse('event: snapshot\n\nfoo: bar\ndata: y\n\n')).toEqual([{ event: 'message', data: 'y' }])
  })
})

describe('live stream', () => {
  let server: FakeServer
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
    vi.spyOn(Math, 'random').mockReturnValue(1)
    server = createFakeServer()
    server.setSnapshot(acme(1))
  })
  afterEach(async () => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    await server.close()
  })

  const open = (options: Partial<Parameters<typeof openLiveStream>[0]> = {}) => {
    const received: unknown[] = []
    const errors: EntitlementsError[] = []
    const opens: boolean[] = []
    const stop = openLiveStream({
      transport: createTransport({
        baseUrl: BASE_URL,
        fetch: server.fetch,
        timeoutMs: 1000,
        retries: 0,
        retryDelayMs: 100,
        maxRetryDelayMs: 1000,
        now: Date.now,
        getToken: () => 'token',
      }),
      path: EVENTS,
      onSnapshot: (json) => received.push(json),
      onError: (e) => errors.push(e),
      onOpen: (reconnected) => opens.push(reconnected),
      retryDelayMs: 100,
      maxRetryDelayMs: 1000,
      idleTimeoutMs: 30_000,
      ...options,
    })
    return { received, errors, opens, stop }
  }

  it('reads snapshot events with the token in a header, never in the URL', async () => {
    const live = open()
    const connection = await server.nextConnection()
    expect(connection.request.headers.get('authorization')).toBe('Bearer token')
    expect(connection.request.headers.get('accept')).toBe('text/event-stream')
    expect(connection.request.path).toBe(EVENTS)
    connection.raw(': heartbeat\n\n')
    connection.snapshot(acme(2))
    await vi.advanceTimersByTimeAsync(0)
    expect(live.received).toEqual([acme(2)])
    live.stop()
    await vi.advanceTimersByTimeAsync(0)
    expect(connection.closed).toBe(true)
  })

  it('reconnects with capped exponential backoff when the stream drops, and says it reconnected', async () => {
    const live = open({ retryDelayMs: 1000, maxRetryDelayMs: 8000 })
    const first = await server.nextConnection()
    await vi.advanceTimersByTimeAsync(0)
    expect(live.opens).toEqual([false])
    const next = server.nextConnection()
    first.end()
    await vi.advanceTimersByTimeAsync(999)
    expect(server.connections).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    const second = await next
    await vi.advanceTimersByTimeAsync(0)
    expect(live.opens).toEqual([false, true])
    // Accepted then dropped (even with data delivered): the pause keeps growing (2 s, then 4 s).
    second.snapshot(acme(2))
    second.end()
    await vi.advanceTimersByTimeAsync(1999)
    expect(server.connections).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.connections).toHaveLength(3)
    // Refused connections back off too, up to the cap.
    server.script('GET', EVENTS, { status: 503 }, { status: 503 }, { status: 503 })
    server.connections[2]?.end()
    await vi.advanceTimersByTimeAsync(4000 + 8000 + 8000)
    expect(server.count('GET', EVENTS)).toBe(6)
    await vi.advanceTimersByTimeAsync(7999)
    expect(server.connections).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.connections).toHaveLength(4)
    // Only a stream that stayed healthy for 30 s starts the backoff over.
    await vi.advanceTimersByTimeAsync(30_000)
    server.connections[3]?.end()
    await vi.advanceTimersByTimeAsync(1000)
    expect(server.connections).toHaveLength(5)
    live.stop()
  })

  it('reopens a connection that went silent (no heartbeat) for idleTimeoutMs', async () => {
    const live = open({ idleTimeoutMs: 30_000 })
    const first = await server.nextConnection()
    await vi.advanceTimersByTimeAsync(20_000)
    first.raw(': heartbeat\n\n')
    await vi.advanceTimersByTimeAsync(29_999)
    expect(server.connections).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(first.closed).toBe(true)
    await vi.advanceTimersByTimeAsync(1000)
    expect(server.connections).toHaveLength(2)
    live.stop()
  })

  it('stops on auth errors instead of hammering the server', async () => {
    server.setToken('acme', 'other')
    const live = open()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.count('GET', EVENTS)).toBe(2) // the first try and the one with a refreshed token
    expect(live.errors.map((e) => e.code)).toEqual(['unauthorized'])
    live.stop()
  })

  it('stop() during a backoff wait ends it for good', async () => {
    const live = open()
    ;(await server.nextConnection()).end()
    await vi.advanceTimersByTimeAsync(0)
    live.stop()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.connections).toHaveLength(1)
  })
})

describe('client live updates', () => {
  let server: FakeServer
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
    vi.spyOn(Math, 'random').mockReturnValue(1)
    server = createFakeServer()
    server.setSnapshot(acme(1))
    server.setSnapshot(snapshotOf('globex', 1))
  })
  afterEach(async () => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    await server.close()
  })

  it('applies newer snapshots from the stream, never older ones, ignores malformed events', async () => {
    const events: EntitlementEvent[] = []
    const client = clientFor(server, { live: true, onEvent: (e) => events.push(e) })
    client.start()
    const connection = await server.nextConnection()
    await stateWhere(client, (s) => s.status === 'success')
    connection.snapshot(acme(3, 5))
    await stateWhere(client, (s) => s.snapshot?.version === 3)
    expect(client.check('seats').granted).toBe(false)
    expect(events).toContainEqual({ type: 'snapshot_updated', version: 3, from: 'live' })
    connection.snapshot(acme(2, 0)) // older: ignored
    connection.raw('event: snapshot\ndata: {"customerId": "acme", "version": "x"}\n\n')
    connection.raw('event: snapshot\ndata: not json\n\n')
    connection.snapshot(snapshotOf('globex', 99)) // another customer's: ignored
    connection.snapshot(acme(4, 1))
    await stateWhere(client, (s) => s.snapshot?.version === 4)
    expect(client.check('seats', { requested: 0 }).usage).toBe(1)
    expect(
      events.filter((e) => e.type === 'snapshot_updated').map((e) => (e as { version: number }).version),
    ).toEqual([1, 3, 4])
    client.stop()
    await vi.advanceTimersByTimeAsync(0)
    expect(connection.closed).toBe(true)
  })

  it('a live update clears a failed state', async () => {
    server.script('GET', '/v1/customers/acme/entitlements', { status: 500 })
    const client = clientFor(server, { live: true, retries: 0 })
    client.start()
    const connection = await server.nextConnection()
    await stateWhere(client, (s) => s.status === 'error')
    connection.snapshot(acme(2))
    await stateWhere(client, (s) => s.status === 'success' && s.snapshot?.version === 2)
    client.stop()
  })

  it('after a reconnect it refetches (events may have been missed)', async () => {
    const client = clientFor(server, { live: true })
    client.start()
    const first = await server.nextConnection()
    await stateWhere(client, (s) => s.status === 'success')
    server.setSnapshot(acme(5)) // changed while the stream was down
    const next = server.nextConnection()
    first.end()
    await vi.advanceTimersByTimeAsync(1000)
    await next
    await stateWhere(client, (s) => s.snapshot?.version === 5)
    expect(server.count('GET', '/v1/customers/acme/entitlements')).toBe(2)
    client.stop()
  })

  it('state.live follows the stream: connecting → open → reconnecting → open, off after stop()', async () => {
    const client = clientFor(server, { live: true })
    expect(client.getState().live).toBe('off') // not started
    const seen: (string | undefined)[] = []
    client.subscribe(() => {
      const live = client.getState().live
      if (seen.at(-1) !== live) seen.push(live)
    })
    server.script('GET', EVENTS, 'hold')
    client.start()
    expect(client.getState().live).toBe('connecting')
    const held = await server.held()
    await stateWhere(client, (s) => s.status === 'success')
    expect(client.getState().live).toBe('connecting') // the stream has not answered yet
    const opened = server.nextConnection()
    held.release('default')
    const first = await opened
    await stateWhere(client, (s) => s.live === 'open')
    const state = client.getState()
    expect(client.getState()).toBe(state) // same object while nothing changes

    const next = server.nextConnection()
    first.end()
    await stateWhere(client, (s) => s.live === 'reconnecting')
    await vi.advanceTimersByTimeAsync(999) // the shortest reconnect delay (1 s) is not over
    expect(client.getState().live).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(1)
    await next
    await stateWhere(client, (s) => s.live === 'open')

    client.stop()
    expect(client.getState().live).toBe('off')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(client.getState().live).toBe('off') // the closed connection's callbacks change nothing
    expect(seen).toEqual(['connecting', 'open', 'reconnecting', 'open', 'off'])
  })

  it('state.live: reconnecting while refused, off after an auth answer, off with live: false', async () => {
    server.script('GET', EVENTS, { status: 503 })
    const client = clientFor(server, { live: true })
    client.start()
    await stateWhere(client, (s) => s.live === 'reconnecting')
    await vi.advanceTimersByTimeAsync(1000)
    await stateWhere(client, (s) => s.live === 'open')
    client.stop()

    server.setToken('acme', 'other')
    const unauthorized = clientFor(server, { live: true })
    unauthorized.start()
    expect(unauthorized.getState().live).toBe('connecting')
    await stateWhere(unauthorized, (s) => s.live === 'off') // given up: reconnecting cannot fix it
    await vi.advanceTimersByTimeAsync(60_000)
    expect(unauthorized.getState().live).toBe('off')
    expect(server.count('GET', EVENTS)).toBe(3) // the 503, its retry, the 401
    unauthorized.stop()

    const off = clientFor(server)
    off.start()
    expect(off.getState().live).toBe('off')
    off.stop()
  })

  it('state.live: a customer switch goes straight to connecting for the new stream', async () => {
    const client = clientFor(server, { live: true })
    client.start()
    await server.nextConnection()
    await stateWhere(client, (s) => s.live === 'open')
    const seen: (string | undefined)[] = []
    client.subscribe(() => seen.push(client.getState().live))
    const nextB = server.nextConnection()
    client.setCustomer('globex')
    expect(client.getState()).toMatchObject({ customerId: 'globex', live: 'connecting' })
    await nextB
    await stateWhere(client, (s) => s.live === 'open')
    expect(seen).not.toContain('off')
    client.stop()
  })

  it("switching customer closes A's stream and opens B's", async () => {
    const client = clientFor(server, { live: true })
    client.start()
    const a = await server.nextConnection()
    const nextB = server.nextConnection()
    client.setCustomer('globex')
    const b = await nextB
    await vi.advanceTimersByTimeAsync(0)
    expect(a.closed).toBe(true)
    expect(b.customerId).toBe('globex')
    a.snapshot(acme(9)) // a straggler on the closed stream changes nothing
    await vi.advanceTimersByTimeAsync(0)
    expect(client.getState().customerId).toBe('globex')
    client.stop()
  })
})

describe('tabs share updates (BroadcastChannel)', () => {
  let server: FakeServer
  beforeEach(() => {
    server = createFakeServer()
    server.setSnapshot(acme(1))
  })
  afterEach(() => server.close())

  it("one tab's fetch, usage ack and plan change reach the other tab; versions never go back", async () => {
    server.setCatalog(logpilotCatalog)
    const tabA = clientFor(server, { live: true })
    const tabB = clientFor(server, { live: true })
    tabA.start()
    tabB.start()
    await stateWhere(tabA, (s) => s.snapshot?.version === 1)
    await stateWhere(tabB, (s) => s.snapshot?.version === 1)

    server.setSnapshot(acme(2, 4))
    await tabA.refresh()
    await stateWhere(tabB, (s) => s.snapshot?.version === 2)
    expect(tabB.check('seats', { requested: 0 }).usage).toBe(4)

    await tabA.reportUsage('seats', 1)
    await stateWhere(tabB, (s) => s.snapshot?.version === 3)
    expect(tabB.check('seats', { requested: 0 }).usage).toBe(5)

    await tabB.changePlan('premium')
    await stateWhere(tabA, (s) => s.snapshot?.plan?.id === 'premium')
    expect(tabA.getState().snapshot?.version).toBe(4)

    // A stale message (e.g. from a tab that was asleep) is ignored.
    const stale = new BroadcastChannel('entitle:test:acme')
    stale.postMessage({ type: 'snapshot', snapshot: acme(1, 0) })
    stale.postMessage({ type: 'snapshot', snapshot: acme(5, 2) })
    await stateWhere(tabA, (s) => s.snapshot?.version === 5)
    expect(tabA.check('seats', { requested: 0 }).usage).toBe(2)
    stale.close()
    tabA.stop()
    tabB.stop()
  })

  it('tabs of other customers or environments hear nothing', async () => {
    server.setSnapshot(snapshotOf('globex', 1))
    // Another environment has its own backend (a client refuses snapshots of an environment not its own).
    const staging = createFakeServer()
    staging.setSnapshot({ ...acme(1), environment: 'staging' })
    const acmeTab = clientFor(server, { live: true })
    const otherEnv = clientFor(staging, { live: true, environment: 'staging' })
    const globexTab = clientFor(server, { live: true, customerId: 'globex' })
    for (const tab of [acmeTab, otherEnv, globexTab]) tab.start()
    await stateWhere(otherEnv, (s) => s.snapshot?.version === 1)
    // Settled first: a tab's own stream opening is a state change too (`state.live`).
    for (const tab of [otherEnv, globexTab])
      await stateWhere(tab, (s) => s.live === 'open' && s.snapshot?.version === 1)
    const changes = vi.fn()
    otherEnv.subscribe(changes)
    globexTab.subscribe(changes)
    const listener = new BroadcastChannel('entitle:test:acme')
    const delivered = new Promise((resolve) => {
      listener.onmessage = (event) => resolve(event.data)
    })
    server.setSnapshot(acme(2))
    await acmeTab.refresh()
    await expect(delivered).resolves.toMatchObject({ type: 'snapshot', snapshot: { version: 2 } })
    listener.close()
    expect(changes).not.toHaveBeenCalled()
    expect(otherEnv.getState().snapshot?.version).toBe(1)
    expect(globexTab.getState().snapshot?.customerId).toBe('globex')
    for (const tab of [acmeTab, otherEnv, globexTab]) tab.stop()
    await staging.close()
  })
})
