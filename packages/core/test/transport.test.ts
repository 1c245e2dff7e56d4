import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EntitlementsError } from '../src/errors.js'
import { createTransport, parseRetryAfter, type TransportOptions } from '../src/transport.js'
import { closedPortUrl, createFakeServer, type FakeServer, snapshotOf } from './fakeServer.js'

const PATH = '/v1/customers/acme/entitlements'

function transportFor(server: FakeServer, overrides: Partial<TransportOptions> = {}) {
  return createTransport({
    baseUrl: 'http://entitle.test/',
    fetch: server.fetch,
    timeoutMs: 1000,
    retries: 3,
    retryDelayMs: 100,
    maxRetryDelayMs: 2000,
    now: Date.now,
    ...overrides,
  })
}

describe('transport', () => {
  let server: FakeServer
  beforeEach(() => {
    vi.useFakeTimers()
    server = createFakeServer()
    server.setSnapshot(snapshotOf('acme', 1))
  })
  afterEach(async () => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    await server.close()
  })

  it('retries 503, 503 with capped, jittered exponential backoff, then returns the data', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    server.script('GET', PATH, { status: 503 }, { status: 503 })
    const result = transportFor(server).request({ path: PATH })
    await vi.advanceTimersByTimeAsync(0)
    expect(server.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(49) // 0.5 × 100 ms
    expect(server.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(99) // 0.5 × 200 ms
    expect(server.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    await expect(result).resolves.toMatchObject({ status: 200, etag: 'W/"1"', body: { customerId: 'acme' } })
    expect(server.requests).toHaveLength(3)
  })

  it('gives up after `retries` and surfaces the last error', async () => {
    server.script('GET', PATH, { status: 500 }, { status: 502 }, { status: 503 }, { status: 504 })
    const result = transportFor(server).request({ path: PATH })
    const settled = expect(result).rejects.toMatchObject({ code: 'server', status: 504 })
    await vi.runAllTimersAsync()
    await settled
    expect(server.requests).toHaveLength(4)
  })

  it('honours Retry-After on 429, capped by maxRetryDelayMs', async () => {
    server.script(
      'GET',
      PATH,
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 429, headers: { 'retry-after': '3600' } },
    )
    const result = transportFor(server).request({ path: PATH })
    await vi.advanceTimersByTimeAsync(999)
    expect(server.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1999) // an hour asked, 2 s cap
    expect(server.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    await expect(result).resolves.toMatchObject({ status: 200 })
  })

  it('does not retry 403 and other client errors', async () => {
    server.script('GET', PATH, { status: 403, json: { error: { code: 'forbidden', message: 'not yours' } } })
    await expect(transportFor(server).request({ path: PATH })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'not yours',
      status: 403,
    })
    expect(server.requests).toHaveLength(1)
  })

  it('on 401 asks for a refreshed token once and retries once, then surfaces unauthorized', async () => {
    server.setToken('acme', 'fresh')
    const getToken = vi.fn(({ refresh }: { refresh: boolean }) => (refresh ? 'fresh' : 'expired'))
    await expect(transportFor(server, { getToken }).request({ path: PATH })).resolves.toMatchObject({
      status: 200,
    })
    expect(getToken.mock.calls.map(([c]) => c.refresh)).toEqual([false, true])
    expect(server.requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer expired',
      'Bearer fresh',
    ])

    server.requests.length = 0
    const stale = vi.fn(() => 'revoked')
    const failure = transportFor(server, { getToken: stale }).request({ path: PATH })
    await expect(failure).rejects.toMatchObject({ code: 'unauthorized', status: 401 })
    expect(stale).toHaveBeenCalledTimes(2)
    expect(server.requests).toHaveLength(2) // no retry storm
    expect(vi.getTimerCount()).toBe(0)
  })

  it('never puts the token in the URL', async () => {
    await transportFor(server, { getToken: () => 'secret-token' }).request({ path: PATH })
    expect(server.requests[0]?.path).toBe(PATH)
    expect(JSON.stringify(server.requests[0]?.path)).not.toContain('secret')
  })

  it("keeps the server's own error code and message beside the client's code", async () => {
    server.script('GET', PATH, {
      status: 409,
      json: { error: { code: 'trial_already_used', message: 'the trial of enterprise was used' } },
    })
    const error = await transportFor(server)
      .request({ path: PATH })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EntitlementsError)
    expect(error).toMatchObject({
      code: 'conflict',
      serverCode: 'trial_already_used',
      status: 409,
      message: 'the trial of enterprise was used',
    })
    expect(server.requests).toHaveLength(1)
  })

  it('rejects malformed JSON as invalid_response without retrying', async () => {
    server.script('GET', PATH, { status: 200, body: '{"customerId": "acme", ' })
    const error = await transportFor(server)
      .request({ path: PATH })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EntitlementsError)
    expect(error).toMatchObject({ code: 'invalid_response' })
    expect(server.requests).toHaveLength(1)
  })

  it('times out a request that never answers, per attempt', async () => {
    server.script('GET', PATH, 'hang', 'hang')
    const result = transportFor(server, { retries: 1 }).request({ path: PATH })
    const settled = expect(result).rejects.toMatchObject({ code: 'timeout' })
    await vi.advanceTimersByTimeAsync(1000)
    expect(server.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(100 + 1000)
    await settled
    expect(server.requests).toHaveLength(2)
  })

  it('sends If-None-Match and passes a 304 through', async () => {
    await expect(transportFor(server).request({ path: PATH, etag: 'W/"1"' })).resolves.toEqual({
      status: 304,
      body: undefined,
      etag: 'W/"1"',
    })
    expect(server.requests[0]?.headers.get('if-none-match')).toBe('W/"1"')
  })

  it('aborts on the caller signal, also during backoff', async () => {
    server.script('GET', PATH, { status: 503 })
    const controller = new AbortController()
    const result = transportFor(server).request({ path: PATH, signal: controller.signal })
    const settled = expect(result).rejects.toMatchObject({ code: 'aborted' })
    await vi.advanceTimersByTimeAsync(0)
    controller.abort()
    await settled
    await vi.runAllTimersAsync()
    expect(server.requests).toHaveLength(1)
  })

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = () => Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('2', now)).toBe(2000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})

describe('transport over real sockets', () => {
  it('reports a closed port as a network error after its retries', async () => {
    const transport = createTransport({
      baseUrl: await closedPortUrl(),
      timeoutMs: 5000,
      retries: 2,
      retryDelayMs: 1,
      maxRetryDelayMs: 1,
      now: Date.now,
    })
    await expect(transport.request({ path: PATH })).rejects.toMatchObject({ code: 'network' })
  })

  it('times out against a server that accepts the connection and never answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const server = createFakeServer()
    try {
      server.script('GET', PATH, 'hang')
      const baseUrl = await server.listen()
      const arrived = server.waitForRequests(1)
      const result = createTransport({
        baseUrl,
        timeoutMs: 10_000,
        retries: 0,
        retryDelayMs: 1,
        maxRetryDelayMs: 1,
        now: Date.now,
      }).request({ path: PATH })
      const settled = expect(result).rejects.toMatchObject({ code: 'timeout' })
      await arrived
      await vi.advanceTimersByTimeAsync(10_000)
      await settled
    } finally {
      vi.useRealTimers()
      await server.close()
    }
  })
})
