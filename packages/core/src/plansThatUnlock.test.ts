import { describe, expect, it } from 'vitest'
import { logpilotCatalog as catalog } from '../test/fixtures/logpilot.js'
import { type Offer, plansThatUnlock } from './plansThatUnlock.js'
import type { Catalog } from './types.js'

/** "id:total" per offer, cheapest first: compact and readable in failures. */
const summary = (offers: Offer[]) =>
  offers.map((o) => `${o.type}:${o.id}:${o.monthlyTotal}${o.isCurrent ? '*' : ''}`)
const limitOf = (offer: Offer | undefined) => (offer?.grant.kind === 'metered' ? offer.grant.limit : 'n/a')

describe('plansThatUnlock (LogPilot)', () => {
  it('acme on Basic at 3 of 3 seats, inviting one: Premium, then Enterprise', () => {
    const offers = plansThatUnlock(catalog, 'seats', { usage: 3, requested: 1, currentPlanId: 'basic' })
    expect(summary(offers)).toEqual(['plan:premium:4900', 'plan:enterprise:29900'])
    // Everything a paywall row needs: "Premium — $49/mo — 10 seats".
    expect(offers[0]).toEqual({
      type: 'plan',
      id: 'premium',
      name: 'Premium',
      price: { amount: 4900, currency: 'USD', interval: 'month' },
      monthlyTotal: 4900,
      grant: { kind: 'metered', limit: 10, enforcement: 'hard', resetPeriod: null },
      isCurrent: false,
      trialDays: 0,
    })
    expect(offers[1]).toMatchObject({ trialDays: 14, grant: { limit: null } })
  })

  it('requested defaults to 1, as in evaluate()', () => {
    expect(summary(plansThatUnlock(catalog, 'seats', { usage: 3 }))).toEqual([
      'plan:premium:4900',
      'plan:enterprise:29900',
    ])
  })

  it('globex on Premium needing 13 seats: the +5 seats add-on (plan + add-on price) before Enterprise', () => {
    const offers = plansThatUnlock(catalog, 'seats', { usage: 10, requested: 3, currentPlanId: 'premium' })
    expect(summary(offers)).toEqual(['addon:extra-seats:7400', 'plan:enterprise:29900'])
    expect(offers[0]).toEqual({
      type: 'addon',
      id: 'extra-seats',
      name: '+5 seats',
      price: { amount: 2500, currency: 'USD', interval: 'month' },
      monthlyTotal: 7400,
      grant: { kind: 'metered', limit: 15, enforcement: 'hard', resetPeriod: null },
      addonGrant: { kind: 'metered', limit: 5, enforcement: 'hard', resetPeriod: null },
      isCurrent: false,
      planId: 'premium',
    })
  })

  it('an add-on that is not enough is not offered', () => {
    const offers = plansThatUnlock(catalog, 'seats', { usage: 10, requested: 6, currentPlanId: 'premium' })
    expect(summary(offers)).toEqual(['plan:enterprise:29900'])
  })

  it('the current plan is listed (marked current) only when it already unlocks', () => {
    const offers = plansThatUnlock(catalog, 'seats', { usage: 7, requested: 1, currentPlanId: 'premium' })
    expect(summary(offers)).toEqual(['plan:premium:4900*', 'addon:extra-seats:7400', 'plan:enterprise:29900'])
  })

  it('owned add-ons count toward the current plan and are not offered again', () => {
    const offers = plansThatUnlock(catalog, 'seats', {
      usage: 12,
      requested: 2,
      currentPlanId: 'premium',
      currentAddons: ['extra-seats'],
    })
    expect(summary(offers)).toEqual(['plan:premium:7400*', 'plan:enterprise:29900'])
    expect(limitOf(offers[0])).toBe(15)
  })

  it('a boolean feature: plans that include it, and the add-on for the current plan', () => {
    expect(summary(plansThatUnlock(catalog, 'ai-assistant', { currentPlanId: 'premium' }))).toEqual([
      'addon:ai-addon:6800',
      'plan:enterprise:29900',
    ])
    expect(summary(plansThatUnlock(catalog, 'api-access', { currentPlanId: 'basic' }))).toEqual([
      'plan:premium:4900',
      'plan:enterprise:29900',
    ])
  })

  it('no add-ons without a current plan, nor for a plan they are not available for', () => {
    expect(summary(plansThatUnlock(catalog, 'ai-assistant'))).toEqual(['plan:enterprise:29900'])
    expect(summary(plansThatUnlock(catalog, 'ai-assistant', { currentPlanId: 'basic' }))).toEqual([
      'plan:enterprise:29900',
    ])
    expect(summary(plansThatUnlock(catalog, 'ai-assistant', { currentPlanId: 'no-such-plan' }))).toEqual([
      'plan:enterprise:29900',
    ])
  })

  it('a soft meter: plans with headroom for the request', () => {
    const offers = plansThatUnlock(catalog, 'api-calls', {
      usage: 950,
      requested: 100,
      currentPlanId: 'basic',
    })
    expect(summary(offers)).toEqual(['plan:premium:4900', 'plan:enterprise:29900'])
  })

  it('a config feature: every plan that sets it, the grant carrying the value', () => {
    const offers = plansThatUnlock(catalog, 'retention-days', { currentPlanId: 'basic' })
    expect(summary(offers)).toEqual(['plan:basic:0*', 'plan:premium:4900', 'plan:enterprise:29900'])
    expect(offers.map((o) => (o.grant.kind === 'config' ? o.grant.value : null))).toEqual([3, 14, 90])
  })

  it('a feature nothing grants, or that does not exist: no offers', () => {
    expect(plansThatUnlock(catalog, 'teleportation')).toEqual([])
  })

  it.each([
    ['NaN', Number.NaN],
    ['negative', -4],
  ])('%s requested counts as 0 and never throws', (_, requested) => {
    expect(
      summary(plansThatUnlock(catalog, 'seats', { usage: 3, requested, currentPlanId: 'basic' })),
    ).toEqual(['plan:basic:0*', 'plan:premium:4900', 'plan:enterprise:29900'])
  })

  it('NaN usage counts as 0', () => {
    expect(summary(plansThatUnlock(catalog, 'seats', { usage: Number.NaN, requested: 3 }))).toEqual([
      'plan:basic:0',
      'plan:premium:4900',
      'plan:enterprise:29900',
    ])
  })
})

describe('plansThatUnlock: prices', () => {
  const metered = (limit: number | null) => ({
    seats: { kind: 'metered' as const, limit, enforcement: 'hard' as const, resetPeriod: null },
  })
  const pricing: Catalog = {
    features: [{ id: 'seats', name: 'Seats', kind: 'metered', unit: 'seat' }],
    plans: [
      { id: 'custom', name: 'Custom', price: null, trialDays: 0, grants: metered(null) },
      {
        id: 'yearly',
        name: 'Yearly',
        description: 'Billed once a year',
        price: { amount: 36_000, currency: 'USD', interval: 'year' },
        trialDays: 0,
        grants: metered(20),
      },
      {
        id: 'monthly',
        name: 'Monthly',
        price: { amount: 4000, currency: 'USD', interval: 'month' },
        trialDays: 7,
        grants: metered(20),
      },
      {
        id: 'tiny',
        name: 'Tiny',
        price: { amount: 1000, currency: 'USD', interval: 'month' },
        trialDays: 0,
        grants: metered(2),
      },
    ],
    addons: [
      {
        id: 'pack',
        name: '+10 seats, once',
        price: { amount: 2500, currency: 'USD', interval: 'one_time' },
        availableFor: ['tiny', 'custom'],
        grants: metered(10),
      },
      {
        id: 'bespoke',
        name: 'Bespoke seats',
        price: null,
        availableFor: ['tiny'],
        grants: metered(100),
      },
    ],
  }

  it('normalises yearly prices to months, lists "contact us" last', () => {
    const offers = plansThatUnlock(pricing, 'seats', { usage: 5, currentPlanId: 'tiny' })
    expect(summary(offers)).toEqual([
      'plan:yearly:3000',
      'addon:pack:3500',
      'plan:monthly:4000',
      'plan:custom:null',
      'addon:bespoke:null',
    ])
    expect(offers[0]).toMatchObject({ description: 'Billed once a year', trialDays: 0 })
    expect(offers[0]).toHaveProperty('price.interval', 'year')
  })

  it('an add-on on top of an unlimited plan stays unlimited, and on a "contact us" plan has no total', () => {
    const offers = plansThatUnlock(pricing, 'seats', { usage: 500, currentPlanId: 'custom' })
    expect(summary(offers)).toEqual(['plan:custom:null*', 'addon:pack:null'])
    expect(limitOf(offers[1])).toBeNull()
  })
})
