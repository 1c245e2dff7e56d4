import { QueryClient } from '@tanstack/query-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
// Imported up front so the client's lazy `import('./offlineQueue.js')` resolves from the module cache.
import '../src/offlineQueue.js'
import { createPersister, defaultStorage, storageKey } from '../src/persist.js'
import { createFakeServer, type FakeServer, seats, snapshotOf } from './fakeServer.js'
import { clientFor, MemoryStorage, SERVER_NOW, stateWhere } from './helpers.js'

const KEY = 'entitle:v1:test:acme'
const acme = (version: number, usage = 3) => snapshotOf('acme', version, { seats: seats(usage) })
/** A stored snapshot record, as the client writes it (confirmed by the server just now). */
const record = (snapshot: unknown, confirmedAt = Date.now()) =>
  JSON.stringify({ snapshot, confirmedAt, skewMs: 0 })

describe('persistence', () => {
  let server: FakeServer
  let storage: MemoryStorage
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
    server = createFakeServer()
    server.setSnapshot(acme(2, 4))
    storage = new MemoryStorage()
  })
  afterEach(async () => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    await server.close()
  })

  it('saves the last good snapshot under environment + customer, when it was confirmed, no ETag and no token', async () => {
    const client = clientFor(server, { persist: storage, getToken: () => 'secret-token' })
    await client.refresh()
    expect(JSON.parse(storage.items.get(KEY) ?? 'null')).toEqual({
      snapshot: acme(2, 4),
      confirmedAt: Date.now(),
      skewMs: Date.parse(acme(2).generatedAt) - Date.now(),
    })
    for (const value of storage.items.values()) expect(value).not.toContain('secret-token')
    for (const key of storage.items.keys()) expect(key).not.toContain('secret-token')
  })

  it('a persisted snapshot answers the first check; it is stale until refreshed', async () => {
    storage.setItem(KEY, record(acme(1, 3)))
    const client = clientFor(server, { persist: storage })
    expect(client.getState()).toMatchObject({ status: 'success', isStale: true, snapshot: { version: 1 } })
    expect(client.check('seats', { requested: 0 })).toMatchObject({ granted: true, usage: 3, isStale: true })
    client.start()
    await stateWhere(client, (s) => !s.isStale)
    expect(server.requests[0]?.headers.get('if-none-match')).toBeNull()
    expect(client.check('seats', { requested: 0 })).toMatchObject({ usage: 4, isStale: false })
    client.stop()
  })

  it('a persisted snapshot confirmed by a 304 is no longer stale', async () => {
    server.setSnapshot(acme(1, 3))
    storage.setItem(KEY, record(acme(1, 3)))
    const client = clientFor(server, { persist: storage })
    await client.refresh()
    expect(client.getState()).toMatchObject({ status: 'success', isStale: false, snapshot: { version: 1 } })
  })

  describe('a backend reset (versions went down while the snapshot sat in storage)', () => {
    const EVENTS = '/v1/customers/acme/events'

    it('the first full fetch replaces a restored snapshot of a higher version; live events still never go back', async () => {
      server.setSnapshot(acme(5, 1)) // e.g. the mock server restarted without --state
      storage.setItem(KEY, record(acme(12, 3)))
      const client = clientFor(server, { persist: storage, live: true })
      expect(client.getState()).toMatchObject({ isStale: true, snapshot: { version: 12 } })
      client.start()
      await stateWhere(client, (s) => s.snapshot?.version === 5)
      expect(client.getState()).toMatchObject({ status: 'success', isStale: false })
      expect(client.check('seats', { requested: 0 })).toMatchObject({ usage: 1 })
      expect(JSON.parse(storage.items.get(KEY) ?? 'null')).toMatchObject({ snapshot: acme(5, 1) })
      // From now on versions only move forward again, whatever delivers them.
      const connection = await server.nextConnection()
      expect(connection.request.path).toBe(EVENTS)
      connection.snapshot(acme(4, 0))
      connection.snapshot(acme(6, 2))
      await stateWhere(client, (s) => s.snapshot?.version === 6)
      expect(client.check('seats', { requested: 0 })).toMatchObject({ usage: 2 })
      server.setSnapshot(acme(3, 0))
      await expect(client.refresh()).resolves.toMatchObject({ version: 6 })
      expect(JSON.parse(storage.items.get(KEY) ?? 'null')).toMatchObject({ snapshot: { version: 6 } })
      client.stop()
    })

    it('before that fetch, a lower live event does not replace the restored snapshot; a higher one confirms it', async () => {
      server.setSnapshot(acme(5, 1))
      storage.setItem(KEY, record(acme(12, 3)))
      server.script('GET', '/v1/customers/acme/entitlements', 'hold')
      const client = clientFor(server, { persist: storage, live: true })
      client.start()
      const held = await server.held()
      const connection = await server.nextConnection()
      connection.snapshot(acme(4, 0)) // a live answer never goes back, even now
      connection.snapshot(acme(13, 2)) // the server moved forward: confirmed, so versions only move forward
      await stateWhere(client, (s) => s.snapshot?.version === 13)
      held.release('default') // answers the server's current v5, generated "before" v13: dropped
      await vi.advanceTimersByTimeAsync(0)
      expect(client.getState()).toMatchObject({ status: 'success', snapshot: { version: 13 } })
      client.stop()
    })

    it('initialSnapshot yields to the first full fetch too', async () => {
      server.setSnapshot(acme(5, 1))
      const client = clientFor(server, { initialSnapshot: acme(12, 3) })
      await expect(client.refresh()).resolves.toMatchObject({ version: 5 })
      server.setSnapshot(acme(4, 0))
      await expect(client.refresh()).resolves.toMatchObject({ version: 5 })
    })

    it('a hydrated QueryClient counts as confirmed: an older fetch is dropped', async () => {
      const queryClient = new QueryClient()
      const first = clientFor(server, { persist: storage, queryClient })
      server.setSnapshot(acme(12, 3))
      await first.refresh()
      server.setSnapshot(acme(5, 1))
      const second = clientFor(server, { persist: storage, queryClient })
      await expect(second.refresh()).resolves.toMatchObject({ version: 12 })
    })
  })

  it('keeps customers apart: B never starts from A’s stored snapshot', () => {
    storage.setItem(KEY, record(acme(1)))
    const client = clientFor(server, { persist: storage, customerId: 'globex' })
    expect(client.getState()).toMatchObject({ status: 'loading', snapshot: undefined })
    // …and a record stored under B's key that holds A's data is rejected too.
    storage.setItem('entitle:v1:test:globex', record(acme(1)))
    const other = clientFor(server, { persist: storage, customerId: 'globex' })
    expect(other.getState().snapshot).toBeUndefined()
    expect(storage.items.has('entitle:v1:test:globex')).toBe(false)
  })

  it.each([
    ['corrupt JSON', '{"snapshot": {"customerId": "ac'],
    ['a wrong shape', JSON.stringify({ snapshot: { ...acme(1), version: -1 } })],
    ['another format', JSON.stringify(['entitle', 1])],
    ['null', 'null'],
  ])('%s in storage is cleared and ignored', async (_name, raw) => {
    storage.setItem(KEY, raw)
    const client = clientFor(server, { persist: storage })
    expect(client.getState()).toMatchObject({ status: 'loading', snapshot: undefined })
    expect(storage.items.has(KEY)).toBe(false)
    await expect(client.refresh()).resolves.toMatchObject({ version: 2 })
    expect(storage.items.has(KEY)).toBe(true)
  })

  it('storage whose every access throws (SecurityError) is ignored, never thrown', async () => {
    storage.failReads = new DOMException('denied', 'SecurityError')
    storage.failWrites = new DOMException('denied', 'SecurityError')
    const client = clientFor(server, { persist: storage })
    expect(client.getState().status).toBe('loading')
    await expect(client.refresh()).resolves.toMatchObject({ version: 2 })
    expect(client.check('seats', { requested: 0 })).toMatchObject({ usage: 4 })
  })

  it('full storage (setItem throws QuotaExceededError): the older copy is removed, nothing thrown', async () => {
    storage.setItem(KEY, record(acme(1)))
    storage.failWrites = new DOMException('full', 'QuotaExceededError')
    const client = clientFor(server, { persist: storage })
    await expect(client.refresh()).resolves.toMatchObject({ version: 2 })
    // Never restore version 1 after having seen version 2.
    expect(storage.items.has(KEY)).toBe(false)
  })

  it('persist: false touches no storage', async () => {
    const client = clientFor(server, { persist: false })
    await client.refresh()
    expect(storage.items.size).toBe(0)
  })

  it('defaults to localStorage where it exists, and survives a localStorage that throws on access', async () => {
    expect(defaultStorage()).toBeUndefined() // Node has none
    vi.stubGlobal('localStorage', storage)
    expect(defaultStorage()).toBe(storage)
    const client = clientFor(server, { persist: undefined })
    await client.refresh()
    expect(storage.items.has(KEY)).toBe(true)
    vi.unstubAllGlobals()
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('blocked', 'SecurityError')
      },
    })
    try {
      expect(defaultStorage()).toBeUndefined()
      await expect(clientFor(server, { persist: undefined }).refresh()).resolves.toMatchObject({ version: 2 })
    } finally {
      Reflect.deleteProperty(globalThis, 'localStorage')
    }
  })

  it('persists the catalog and restores it (stale) for the next start', async () => {
    const catalog = {
      features: [{ id: 'seats', name: 'Seats', kind: 'metered' as const, unit: 'seat' }],
      plans: [],
      addons: [],
    }
    server.setCatalog(catalog)
    const first = clientFor(server, { persist: storage })
    await first.loadCatalog()
    const second = clientFor(server, { persist: storage })
    expect(second.getCatalog()).toEqual(catalog)
    expect(second.getState().catalog).toEqual(catalog)
    expect(server.count('GET', '/v1/catalog')).toBe(1)
    second.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(server.count('GET', '/v1/catalog')).toBe(2) // refreshed in the background
    second.stop()
  })

  it('storage keys encode their parts', () => {
    expect(storageKey('prod', 'a:b')).toBe('entitle:v1:prod:a%3Ab')
    expect(storageKey('prod', 'acme', 'usage-queue')).toBe('entitle:v1:prod:acme:usage-queue')
  })

  it('the persister never throws, whatever the storage does', () => {
    const broken = new MemoryStorage()
    broken.failReads = new Error('read')
    broken.failWrites = new Error('write')
    const persister = createPersister(broken)
    expect(persister.read('k', (v) => v)).toBeUndefined()
    expect(() => persister.write('k', { a: 1 })).not.toThrow()
    expect(() => persister.remove('k')).not.toThrow()
    const none = createPersister(undefined)
    expect(none.read('k', (v) => v)).toBeUndefined()
  })
})

describe('clearPersisted (logout)', () => {
  let server: FakeServer
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
    server = createFakeServer()
    server.setSnapshot(acme(2, 4))
    server.setSnapshot(snapshotOf('globex', 1))
  })
  afterEach(async () => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    await server.close()
  })

  /** Like localStorage: its keys can be listed, so customers of earlier sessions are found too. */
  class ListableStorage extends MemoryStorage {
    get length() {
      return this.items.size
    }
    key(index: number) {
      return [...this.items.keys()][index] ?? null
    }
  }

  it("forgets every customer's snapshot and the catalog of its environment: a fresh client restores nothing", async () => {
    const storage = new ListableStorage()
    storage.setItem('entitle:v1:test:umbrella', record(snapshotOf('umbrella', 1))) // an earlier session
    storage.setItem('entitle:v1:staging:acme', record(acme(1))) // another environment
    storage.setItem('logpilot:customer', 'acme') // not the client's
    const client = clientFor(server, { persist: storage })
    await client.refresh()
    await client.loadCatalog()
    client.setCustomer('globex')
    await client.refresh()
    expect(storage.items.has(KEY)).toBe(true)
    expect(storage.items.has('entitle:v1:test#catalog')).toBe(true)

    client.clearPersisted()
    expect([...storage.items.keys()].sort()).toEqual(['entitle:v1:staging:acme', 'logpilot:customer'])
    expect(client.getState().snapshot?.version).toBe(1) // what is shown stays in memory

    for (const customerId of ['acme', 'globex', 'umbrella']) {
      const fresh = clientFor(server, { persist: storage, customerId })
      expect(fresh.getState()).toMatchObject({ status: 'loading', snapshot: undefined, pendingUsage: 0 })
      expect(fresh.getCatalog()).toBeUndefined()
    }
  })

  it('drops queued usage (never sent, optimistic usage removed) with a dev warning, unless keepQueuedUsage', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const navigatorState = { onLine: false }
    vi.stubGlobal('navigator', navigatorState)
    const storage = new ListableStorage()
    storage.setItem(
      'entitle:v1:test:umbrella:usage-queue',
      JSON.stringify([{ idempotencyKey: 'old', feature: 'seats', amount: 1, at: Date.now() }]),
    )
    const client = clientFor(server, { persist: storage })
    await client.refresh()
    await expect(client.reportUsage('seats', 1, { idempotencyKey: 'q1' })).resolves.toMatchObject({
      queued: true,
    })

    // Kept: the queues stay (stored and in memory), the snapshot goes.
    client.clearPersisted({ keepQueuedUsage: true })
    expect([...storage.items.keys()].sort()).toEqual([
      'entitle:v1:test:acme:usage-queue',
      'entitle:v1:test:umbrella:usage-queue',
    ])
    expect(client.getState().pendingUsage).toBe(1)
    expect(warn).not.toHaveBeenCalled()
    const reloaded = clientFor(server, { persist: storage })
    expect(reloaded.getState()).toMatchObject({ snapshot: undefined, pendingUsage: 1 })

    // Dropped (the default): gone from storage and memory, said in development, never sent.
    client.clearPersisted()
    expect([...storage.items.keys()]).toEqual([])
    expect(client.getState().pendingUsage).toBe(0)
    expect(client.check('seats', { requested: 0 }).usage).toBe(4) // the server's usage, without the report
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('2 queued usage report(s) dropped'))
    navigatorState.onLine = true
    await client.refresh()
    await vi.advanceTimersByTimeAsync(0)
    expect(server.count('POST', '/v1/customers/acme/usage')).toBe(0)
    expect(clientFor(server, { persist: storage }).getState()).toMatchObject({
      snapshot: undefined,
      pendingUsage: 0,
    })
  })

  it('never throws on broken storage, and works without persistence', async () => {
    const storage = new ListableStorage()
    const client = clientFor(server, { persist: storage })
    await client.refresh()
    storage.failReads = new Error('SecurityError')
    expect(() => client.clearPersisted()).not.toThrow()
    const unlistable = new ListableStorage()
    Object.defineProperty(unlistable, 'length', {
      get() {
        throw new Error('SecurityError')
      },
    })
    expect(() => clientFor(server, { persist: unlistable }).clearPersisted()).not.toThrow()
    expect(() => clientFor(server).clearPersisted()).not.toThrow() // persist: false
  })
})
