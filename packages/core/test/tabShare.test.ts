// One live stream per browser: with Web Locks and BroadcastChannel one tab reads the server's event
// stream and the others hear it; when that tab closes another takes over; without locks each tab
// keeps its own stream.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
// Imported up front so the client's lazy `import('./tabShare.js')` resolves from the module cache.
import '../src/tabShare.js'
import { FakeLockManager } from './fakeLocks.js'
import { createFakeServer, type FakeServer, seats, snapshotOf } from './fakeServer.js'
import { clientFor, stateWhere } from './helpers.js'

const acme = (version: number, usage = 3) => snapshotOf('acme', version, { seats: seats(usage) })
const EVENTS = '/v1/customers/acme/events'

describe('one live stream per browser (Web Locks + BroadcastChannel)', () => {
  let server: FakeServer
  let locks: FakeLockManager
  beforeEach(() => {
    server = createFakeServer()
    server.setSnapshot(acme(1))
    locks = new FakeLockManager()
    vi.stubGlobal('navigator', { locks, onLine: true })
  })
  afterEach(async () => {
    vi.unstubAllGlobals()
    await server.close()
  })

  it('one tab holds the stream, the others hear its snapshots and status; another takes over when it closes', async () => {
    const tabs = [
      clientFor(server, { live: true }),
      clientFor(server, { live: true }),
      clientFor(server, { live: true }),
    ]
    for (const tab of tabs) tab.start()
    const first = await server.nextConnection()
    for (const tab of tabs) await stateWhere(tab, (s) => s.live === 'open' && s.snapshot?.version === 1)
    expect(server.count('GET', EVENTS)).toBe(1)
    expect(locks.holders()).toEqual(['entitle:test:acme:stream'])

    first.snapshot(acme(2, 4))
    for (const tab of tabs) await stateWhere(tab, (s) => s.snapshot?.version === 2)
    expect(tabs[2]?.check('seats', { requested: 0 }).usage).toBe(4)

    // The leader (tab 0) closes: the next tab opens the stream and refetches (events may have been missed).
    server.setSnapshot(acme(3, 1))
    const takeover = server.nextConnection()
    const fetchesBefore = server.count('GET', '/v1/customers/acme/entitlements')
    tabs[0]?.stop()
    const second = await takeover
    await stateWhere(tabs[1]!, (s) => s.live === 'open' && s.snapshot?.version === 3)
    await stateWhere(tabs[2]!, (s) => s.snapshot?.version === 3)
    expect(server.count('GET', '/v1/customers/acme/entitlements')).toBe(fetchesBefore + 1)
    expect(server.count('GET', EVENTS)).toBe(2)
    expect(first.closed).toBe(true)
    second.snapshot(acme(4, 0))
    await stateWhere(tabs[2]!, (s) => s.snapshot?.version === 4)
    for (const tab of tabs) tab.stop()
  })

  it('tabs of another customer elect their own leader', async () => {
    server.setSnapshot(snapshotOf('globex', 1))
    const a = clientFor(server, { live: true })
    const b = clientFor(server, { live: true, customerId: 'globex' })
    a.start()
    b.start()
    await stateWhere(a, (s) => s.live === 'open')
    await stateWhere(b, (s) => s.live === 'open')
    expect(server.connections.map((c) => c.customerId).sort()).toEqual(['acme', 'globex'])
    a.stop()
    b.stop()
  })
})

describe('without Web Locks', () => {
  it('each tab keeps its own stream', async () => {
    const server = createFakeServer()
    server.setSnapshot(acme(1))
    const a = clientFor(server, { live: true })
    const b = clientFor(server, { live: true })
    a.start()
    b.start()
    await stateWhere(a, (s) => s.live === 'open')
    await stateWhere(b, (s) => s.live === 'open')
    expect(server.count('GET', EVENTS)).toBe(2)
    a.stop()
    b.stop()
    await server.close()
  })
})
