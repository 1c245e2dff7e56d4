// client.checkFresh (decide on server data younger than maxAgeMs) and changePlan's `at`.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { storageKey } from '../src/persist.js'
import { createFakeServer, type FakeServer, seats, snapshotOf } from './fakeServer.js'
import { clientFor, MemoryStorage, SERVER_NOW, stateWhere } from './helpers.js'

const ENTITLEMENTS = '/v1/customers/acme/entitlements'
const acme = (version: number, usage: number) => snapshotOf('acme', version, { seats: seats(usage, 5) })

describe('client.checkFresh', () => {
  let server: FakeServer
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
    server = createFakeServer()
    server.setSnapshot(acme(1, 3))
  })
  afterEach(async () => {
    vi.useRealTimers()
    await server.close()
  })

  it('default maxAgeMs 0: asks the server every time, and decides on its answer', async () => {
    const client = clientFor(server)
    client.start()
    await stateWhere(client, (s) => s.status === 'success')
    await vi.advanceTimersByTimeAsync(10)
    // Another device took the last seats meanwhile; the cached snapshot still says 3 of 5.
    server.setSnapshot(acme(2, 5))
    expect(client.check('seats').granted).toBe(true)
    const before = server.count('GET', ENTITLEMENTS)
    const fresh = await client.checkFresh('seats', { requested: 1 })
    expect(fresh).toMatchObject({ granted: false, reason: 'limit-exceeded', usage: 5, isStale: false })
    expect(server.count('GET', ENTITLEMENTS)).toBe(before + 1)
    await client.checkFresh('seats')
    expect(server.count('GET', ENTITLEMENTS)).toBe(before + 2)
    client.stop()
  })

  it('data confirmed less than maxAgeMs ago is used as it is; older data is fetched first', async () => {
    const client = clientFor(server)
    client.start()
    await stateWhere(client, (s) => s.status === 'success')
    const before = server.count('GET', ENTITLEMENTS)
    await vi.advanceTimersByTimeAsync(4000)
    expect(await client.checkFresh('seats', { maxAgeMs: 5000 })).toMatchObject({ granted: true, usage: 3 })
    expect(server.count('GET', ENTITLEMENTS)).toBe(before)
    await vi.advanceTimersByTimeAsync(1000)
    await client.checkFresh('seats', { maxAgeMs: 5000 })
    expect(server.count('GET', ENTITLEMENTS)).toBe(before + 1)
    client.stop()
  })

  it('a snapshot restored from storage was confirmed in another session: always fetched first', async () => {
    const storage = new MemoryStorage()
    storage.setItem(
      storageKey('test', 'acme'),
      JSON.stringify({ snapshot: acme(1, 0), confirmedAt: Date.now(), skewMs: 0 }),
    )
    server.setSnapshot(acme(2, 5))
    const client = clientFor(server, { persist: storage })
    expect(client.check('seats').granted).toBe(true) // the stored copy
    expect(await client.checkFresh('seats', { maxAgeMs: 60_000 })).toMatchObject({ granted: false, usage: 5 })
  })

  it('never rejects: with the server down it decides on the cached data, marked stale', async () => {
    const client = clientFor(server, { retries: 0 })
    client.start()
    await stateWhere(client, (s) => s.status === 'success')
    await vi.advanceTimersByTimeAsync(10)
    server.script('GET', ENTITLEMENTS, { status: 503 })
    expect(await client.checkFresh('seats')).toMatchObject({ granted: true, usage: 3, isStale: true })
    client.stop()
  })
})

describe('client.changePlan({ at })', () => {
  it("sends `at` when given (a downgrade at the period's end), nothing otherwise", async () => {
    const bodies: unknown[] = []
    const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)))
      return new Response(JSON.stringify(acme(2, 3)), { headers: { 'content-type': 'application/json' } })
    }
    const client = clientFor(createFakeServer(), { fetch: fetch as typeof globalThis.fetch })
    await client.changePlan('basic', { at: 'period_end' })
    await client.changePlan('premium')
    expect(bodies).toEqual([{ planId: 'basic', at: 'period_end' }, { planId: 'premium' }])
  })
})
