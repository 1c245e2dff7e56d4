// The same handler hosted by MSW and called directly (no network).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { memoryStore, type Store } from '@entitle/server'
import { pgliteStore } from '@entitle/server/pglite'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandler } from '../src/handler.js'
import { createMswHandlers } from '../src/msw.js'
import { DAY, metered, T0 } from './helpers.js'

describe('direct calls', () => {
  it('answers Fetch API requests', async () => {
    const handler = createHandler({ now: () => T0 })
    const res = await handler(
      new Request('http://mock/v1/customers/acme/entitlements', {
        headers: { authorization: 'Bearer demo-acme' },
      }),
    )
    expect(res.status).toBe(200)
    expect(((await res.json()) as { customerId: string }).customerId).toBe('acme')
    expect((await handler.control.snapshot('acme')).plan?.id).toBe('basic')
    handler.close()
    expect((await handler(new Request('http://mock/v1/catalog'))).status).toBe(503)
  })

  it('a request aborted during a hang outage ends', async () => {
    const handler = createHandler({ now: () => T0 })
    handler.control.setOutage({ down: true })
    const abort = new AbortController()
    const pending = handler(new Request('http://mock/v1/catalog', { signal: abort.signal }))
    abort.abort()
    expect((await pending).status).toBe(503)
    handler.close()
  })
})

describe('persistence', () => {
  it('a write the store cannot make answers 500 and changes nothing; a retry then counts once', async () => {
    const inner = memoryStore()
    let failNext = false
    const store: Store = {
      ...inner,
      get notifying() {
        return inner.notifying
      },
      recordUsage: (write) => (failNext ? Promise.reject(new Error('disk full')) : inner.recordUsage(write)),
    }
    const handler = createHandler({ now: () => T0, store })
    const report = (amount: number) =>
      handler(
        new Request('http://mock/v1/customers/acme/usage', {
          method: 'POST',
          headers: { authorization: 'Bearer demo-acme' },
          body: JSON.stringify({ feature: 'api-calls', amount, idempotencyKey: `k${amount}` }),
        }),
      )
    expect((await report(10)).status).toBe(200)
    const before = await handler.control.snapshot('acme')
    failNext = true
    const failed = await report(20)
    expect(failed.status).toBe(500)
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('internal')
    expect((await handler.control.snapshot('acme')).entitlements).toEqual(before.entitlements)
    failNext = false
    expect((await report(20)).status).toBe(200)
    expect((await report(20)).headers.get('idempotent-replayed')).toBe('true')
    expect(metered((await handler.control.snapshot('acme')).entitlements['api-calls']).usage).toBe(980)
    handler.close()
  })

  it('on a PGlite data directory, a new handler resumes: usage, keys and the moved clock', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'entitle-mock-pglite-'))
    try {
      const first = createHandler({ now: () => T0, store: pgliteStore({ dataDir }), adminToken: 'a' })
      await first.control.advanceClock(DAY)
      const used = await first(
        new Request('http://mock/v1/customers/acme/usage', {
          method: 'POST',
          headers: { authorization: 'Bearer demo-acme' },
          body: JSON.stringify({ feature: 'api-calls', amount: 5, idempotencyKey: 'kept' }),
        }),
      )
      expect(used.status).toBe(200)
      const version = (await first.control.snapshot('acme')).version
      first.close()
      await first.store.close()

      const second = createHandler({ now: () => T0, store: pgliteStore({ dataDir }), adminToken: 'a' })
      expect(second.control.now()).toBe(T0)
      await second.ready
      expect(second.control.now()).toBe(T0 + DAY)
      const snapshot = await second.control.snapshot('acme')
      expect(metered(snapshot.entitlements['api-calls']).usage).toBe(955)
      expect(snapshot.version).toBeGreaterThanOrEqual(version)
      const replay = await second(
        new Request('http://mock/v1/customers/acme/usage', {
          method: 'POST',
          headers: { authorization: 'Bearer demo-acme' },
          body: JSON.stringify({ feature: 'api-calls', amount: 5, idempotencyKey: 'kept' }),
        }),
      )
      expect(replay.headers.get('idempotent-replayed')).toBe('true')
      second.close()
      await second.store.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('MSW', () => {
  const handler = createHandler({ now: () => T0 })
  const server = setupServer(
    ...createMswHandlers(handler, { baseUrl: 'https://api.logpilot.test/entitle' }),
    ...createMswHandlers({ now: () => T0 }, { baseUrl: 'https://other.test' }),
  )
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => {
    server.close()
    handler.close()
  })

  it('routes below the base URL to the handler and shares its state', async () => {
    const base = 'https://api.logpilot.test/entitle'
    const res = await fetch(`${base}/v1/customers/acme/usage`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-acme', 'content-type': 'application/json' },
      body: JSON.stringify({ feature: 'api-calls', amount: 25 }),
    })
    expect(res.status).toBe(200)
    expect(metered((await handler.control.snapshot('acme')).entitlements['api-calls']).usage).toBe(975)
    const health = await fetch(`${base}/health`)
    expect(health.status).toBe(200)
  })

  it('creates a handler from options', async () => {
    const res = await fetch('https://other.test/v1/catalog')
    expect(res.status).toBe(200)
  })

  it('streams SSE through MSW; aborting the fetch ends the connection', async () => {
    const abort = new AbortController()
    const res = await fetch('https://api.logpilot.test/entitle/v1/customers/globex/events', {
      headers: { authorization: 'Bearer demo-globex' },
      signal: abort.signal,
    })
    const reader = res.body?.getReader()
    const chunk = await reader?.read()
    expect(new TextDecoder().decode(chunk?.value)).toMatch(/^event: snapshot\n/)
    expect(handler.connections).toBe(1)
    const closed = new Promise<void>((resolve) => {
      const off = handler.onConnectionsChange((n) => {
        if (n === 0) {
          off()
          resolve()
        }
      })
    })
    // (MSW's interceptor does not pass a reader's cancel() on; the request's signal it does.)
    abort.abort()
    await closed
    expect(handler.connections).toBe(0)
  })
})
