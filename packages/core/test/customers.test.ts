// Customer records alone: the version rule, and what a snapshot must be to be taken.
import { describe, expect, it } from 'vitest'
import { parseRecord, takes, validSnapshot } from '../src/customers.js'
import { snapshotOf } from './fakeServer.js'

describe('the version rule (takes)', () => {
  const v = (version: number) => snapshotOf('acme', version)
  it('never older, except the first full fetch over an unconfirmed base; storage only adds newer', () => {
    expect(takes(undefined, v(1), 'live', false)).toBe(true)
    expect(takes(v(5), v(5), 'fetch', false)).toBe(true)
    expect(takes(v(5), v(4), 'live', false)).toBe(false)
    expect(takes(v(5), v(4), 'live', true)).toBe(false)
    expect(takes(v(5), v(4), 'fetch', true)).toBe(true) // a backend reset: the server wins over storage
    expect(takes(v(5), v(4), 'fetch', false)).toBe(false)
    expect(takes(v(5), v(5), 'restored', true)).toBe(false) // storage never replaces what the server rendered…
    expect(takes(v(5), v(6), 'restored', true)).toBe(true) // …unless it is newer
  })
})

describe('validSnapshot', () => {
  it('checks the shape, the customer and the environment', () => {
    expect(validSnapshot(snapshotOf('acme', 1), 'acme', 'test')).toEqual(snapshotOf('acme', 1))
    expect(() => validSnapshot(snapshotOf('globex', 1), 'acme', 'test')).toThrow(/customerId/)
    expect(() => validSnapshot(snapshotOf('acme', 1), 'acme', 'production')).toThrow(
      'snapshot.environment: expected "production" (the client\'s `environment` option), got "test"',
    )
    expect(() => validSnapshot({ ...snapshotOf('acme', 1), version: 'x' }, 'acme', 'test')).toThrow(/version/)
  })

  it('a stored record needs when it was confirmed and the clock offset then', () => {
    const snapshot = snapshotOf('acme', 1)
    expect(parseRecord({ snapshot, confirmedAt: 5, skewMs: -2 }, 'acme', 'test')).toEqual({
      snapshot,
      confirmedAt: 5,
      skewMs: -2,
    })
    expect(() => parseRecord({ snapshot, etag: '"v1"' }, 'acme', 'test')).toThrow()
  })
})
