// Repeated checks on one state return one (frozen) decision, and a kept decision that depends on the
// clock changes exactly when its instant passes, with no state change in between.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeServer, seats, snapshotOf } from './fakeServer.js'
import { clientFor, SERVER_NOW } from './helpers.js'

const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()

describe('kept decisions', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('one object per check while nothing changes; a new state decides anew', async () => {
    const server = createFakeServer()
    server.setSnapshot(snapshotOf('acme', 1, { seats: seats(3) }))
    const client = clientFor(server)
    await client.refresh()
    const first = client.check('seats', { requested: 2 })
    expect(client.check('seats', { requested: 2 })).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(client.check('seats', { requested: 3 })).toMatchObject({ granted: false })
    server.setSnapshot(snapshotOf('acme', 2, { seats: seats(4) }))
    await client.refresh()
    expect(client.check('seats', { requested: 2 })).toMatchObject({ granted: false, usage: 4 })
  })

  it('an expiry or a reset ahead: the kept decision holds until that instant, then the check decides anew', async () => {
    const server = createFakeServer()
    // A reset two hours ahead (no calendar rule gives that): served as it is.
    server.respondWith(
      snapshotOf('acme', 1, {
        promo: { kind: 'boolean', source: 'promotion', expiresAt: iso(SERVER_NOW + HOUR) },
        calls: { ...seats(5, 5), resetPeriod: 'day', resetsAt: iso(SERVER_NOW + 2 * HOUR) },
      }),
    )
    const client = clientFor(server)
    await client.refresh()
    expect(client.check('promo')).toMatchObject({ granted: true })
    expect(client.check('calls')).toMatchObject({ granted: false, usage: 5 })
    vi.setSystemTime(SERVER_NOW + HOUR - 1)
    expect(client.check('promo').granted).toBe(true)
    vi.setSystemTime(SERVER_NOW + HOUR)
    expect(client.check('promo')).toMatchObject({ granted: false, reason: 'expired' })
    expect(client.check('calls').granted).toBe(false)
    vi.setSystemTime(SERVER_NOW + 2 * HOUR)
    expect(client.check('calls')).toMatchObject({ granted: true, usage: 0 })
  })
})
