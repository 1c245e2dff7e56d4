import { describe, expect, it } from 'vitest'
import { offerTaken } from '../src/offerTaken.js'
import { snapshotOf } from './fakeServer.js'

describe('offerTaken', () => {
  const basic = snapshotOf('acme', 1)
  it('a plan: the snapshot is on it', () => {
    expect(offerTaken({ type: 'plan', id: 'premium' })(basic)).toBe(false)
    expect(
      offerTaken({ type: 'plan', id: 'premium' })({ ...basic, plan: { id: 'premium', name: 'Premium' } }),
    ).toBe(true)
  })
  it('an add-on: the snapshot lists it', () => {
    const taken = offerTaken({ type: 'addon', id: 'extra-seats' })
    expect(taken(basic)).toBe(false)
    expect(taken({ ...basic, addons: [{ id: 'extra-seats', name: '+5 seats' }] })).toBe(true)
  })
  it('with the change sent: exactly that plan and those add-ons (a removal too)', () => {
    const removed = offerTaken({ type: 'addon', id: 'extra-seats', change: { planId: 'basic', addons: [] } })
    expect(removed({ ...basic, addons: [{ id: 'extra-seats', name: '+5 seats' }] })).toBe(false)
    expect(removed(basic)).toBe(true)
  })
  it('a trial: one runs', () => {
    const taken = offerTaken({ type: 'plan', id: 'enterprise', trial: true })
    expect(taken(basic)).toBe(false)
    expect(taken({ ...basic, trialEndsAt: '2026-01-15T00:00:00.000Z' })).toBe(true)
  })
})
