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
    // Everything a paywall row needs: "Premium — $49/mo — 10 seats", and what to send to changePlan.
    expect(offers[0]).toEqual({
      type: 'plan',
      id: 'premium',
      name: 'Premium',
      price: { amount: 4900, currency: 'USD', interval: 'month' },
      change: { planId: 'premium', addons: [] },
      addons: [],
      cost: { currency: 'USD', monthly: 4900, yearly: 0, oneTime: 0 },
      monthlyTotal: 4900,
      firstYearTotal: 58_800,
      currency: 'USD',
      comparable: true,
      salesLed: false,
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
      change: { planId: 'premium', addons: ['extra-seats'] },
      cost: { currency: 'USD', monthly: 7400, yearly: 0, oneTime: 0 },
      monthlyTotal: 7400,
      firstYearTotal: 88_800,
      currency: 'USD',
      comparable: true,
      salesLed: false,
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

  it('ai-assistant on Basic: Premium + the AI add-on ($68/month) before Enterprise ($299)', () => {
    const offers = plansThatUnlock(catalog, 'ai-assistant', { currentPlanId: 'basic' })
    expect(summary(offers)).toEqual(['plan:premium:6800', 'plan:enterprise:29900'])
    expect(offers[0]).toMatchObject({
      type: 'plan',
      id: 'premium',
      addons: [{ id: 'ai-addon', name: 'AI assistant', price: { amount: 1900 } }],
      change: { planId: 'premium', addons: ['ai-addon'] },
      cost: { currency: 'USD', monthly: 6800, yearly: 0, oneTime: 0 },
      grant: { kind: 'boolean' },
    })
    // The same without a plan, or with one the catalog does not know: a plan change is a plan change.
    expect(summary(plansThatUnlock(catalog, 'ai-assistant'))).toEqual([
      'plan:premium:6800',
      'plan:enterprise:29900',
    ])
    expect(summary(plansThatUnlock(catalog, 'ai-assistant', { currentPlanId: 'no-such-plan' }))).toEqual([
      'plan:premium:6800',
      'plan:enterprise:29900',
    ])
  })

  it('a plan that unlocks alone needs no add-ons; one that cannot unlock even with them is left out', () => {
    // Premium (10) + "+5 seats" = 15: enough for 13 seats, not for 16.
    expect(
      summary(plansThatUnlock(catalog, 'seats', { usage: 3, requested: 10, currentPlanId: 'basic' })),
    ).toEqual(['plan:premium:7400', 'plan:enterprise:29900'])
    expect(
      summary(plansThatUnlock(catalog, 'seats', { usage: 3, requested: 13, currentPlanId: 'basic' })),
    ).toEqual(['plan:enterprise:29900'])
  })

  it('another plan keeps the add-ons the customer has that are sold with it', () => {
    const twoPlans: Catalog = {
      ...catalog,
      plans: [
        ...catalog.plans,
        {
          ...catalog.plans[1]!,
          id: 'premium-plus',
          name: 'Premium Plus',
          price: { amount: 9900, currency: 'USD', interval: 'month' },
        },
      ],
      addons: catalog.addons.map((a) => ({ ...a, availableFor: ['premium', 'premium-plus'] })),
    }
    const offers = plansThatUnlock(twoPlans, 'seats', {
      usage: 15,
      requested: 0,
      currentPlanId: 'premium',
      currentAddons: ['extra-seats'],
    })
    expect(summary(offers)).toEqual([
      'plan:premium:7400*',
      'plan:premium-plus:12400',
      'plan:enterprise:29900',
    ])
    const plus = offers.find((o) => o.id === 'premium-plus')
    expect(plus).toMatchObject({ addons: [], change: { planId: 'premium-plus', addons: ['extra-seats'] } })
    expect(limitOf(plus)).toBe(15)
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

  /** "id:first-year total" per offer: the ranking key. */
  const yearly = (offers: Offer[]) => offers.map((o) => `${o.type}:${o.id}:${o.firstYearTotal}`)

  it('ranks by what the first year costs: a one-time price is paid once, a yearly one once a year', () => {
    const offers = plansThatUnlock(pricing, 'seats', { usage: 5, currentPlanId: 'tiny' })
    // Tiny ($10/mo) + a one-time pack ($25): $145 in the first year; Yearly $360; Monthly $480.
    expect(yearly(offers)).toEqual([
      'addon:pack:14500',
      'plan:yearly:36000',
      'plan:monthly:48000',
      'plan:custom:null',
      'addon:bespoke:null',
    ])
    expect(offers[0]).toMatchObject({
      cost: { currency: 'USD', monthly: 1000, yearly: 0, oneTime: 2500 },
      // The recurring part only: a one-time pack is not $25 a month.
      monthlyTotal: 1000,
    })
    expect(offers[1]).toMatchObject({
      monthlyTotal: 3000,
      cost: { yearly: 36_000 },
      description: 'Billed once a year',
    })
    expect(offers[1]).toHaveProperty('price.interval', 'year')
  })

  it('"contact us" offers are sales-led and last', () => {
    const offers = plansThatUnlock(pricing, 'seats', { usage: 5, currentPlanId: 'tiny' })
    expect(offers.map((o) => o.salesLed)).toEqual([false, false, false, true, true])
    expect(offers[3]).toMatchObject({ id: 'custom', cost: null, comparable: false, currency: null })
  })

  it('an add-on on top of an unlimited plan stays unlimited, and on a "contact us" plan has no total', () => {
    const offers = plansThatUnlock(pricing, 'seats', { usage: 500, currentPlanId: 'custom' })
    expect(summary(offers)).toEqual(['plan:custom:null*', 'addon:pack:null'])
    expect(limitOf(offers[1])).toBeNull()
  })
})

describe('plansThatUnlock: currencies', () => {
  const plan = (id: string, amount: number, currency: string, limit: number) => ({
    id,
    name: id,
    price: { amount, currency, interval: 'month' as const },
    trialDays: 0,
    grants: { seats: { kind: 'metered' as const, limit, enforcement: 'hard' as const, resetPeriod: null } },
  })
  const world: Catalog = {
    features: [{ id: 'seats', name: 'Seats', kind: 'metered', unit: 'seat' }],
    plans: [
      plan('free', 0, 'EUR', 1),
      plan('team-eur', 3900, 'EUR', 10),
      plan('team-gbp', 2900, 'GBP', 10),
      plan('team-usd', 4900, 'USD', 10),
      plan('pro-eur', 9900, 'EUR', 50),
      plan('pro-gbp', 1000, 'GBP', 50),
    ],
    addons: [
      {
        id: 'seats-usd',
        name: '+10 seats',
        price: { amount: 500, currency: 'USD', interval: 'month' },
        availableFor: ['team-eur'],
        grants: { seats: { kind: 'metered', limit: 10, enforcement: 'hard', resetPeriod: null } },
      },
    ],
  }

  it("the customer's currency first; others grouped after it, each ranked on its own, never against it", () => {
    const offers = plansThatUnlock(world, 'seats', { usage: 1, currentPlanId: 'free' })
    expect(yearlyOf(offers)).toEqual([
      'team-eur:EUR:46800',
      'pro-eur:EUR:118800',
      // GBP's 10 (£10) is cheaper than EUR's 3900 in minor units: it is not ranked against them.
      'pro-gbp:GBP:12000',
      'team-gbp:GBP:34800',
      'team-usd:USD:58800',
    ])
    expect(offers.map((o) => o.comparable)).toEqual([true, true, false, false, false])
  })

  it('an explicit currency decides which group is ranked first', () => {
    const offers = plansThatUnlock(world, 'seats', { usage: 1, currency: 'GBP' })
    expect(yearlyOf(offers).slice(0, 2)).toEqual(['pro-gbp:GBP:12000', 'team-gbp:GBP:34800'])
    expect(offers[0]?.comparable).toBe(true)
  })

  it('never adds prices of two currencies: an add-on in another currency is not combined', () => {
    const offers = plansThatUnlock(world, 'seats', { usage: 15, currentPlanId: 'team-eur' })
    // team-eur (10) + seats-usd (10) would cover 16 seats, but a EUR plan with a USD add-on is not one price.
    expect(offers.map((o) => o.id)).toEqual(['pro-eur', 'pro-gbp'])
  })

  function yearlyOf(offers: Offer[]) {
    return offers.map((o) => `${o.id}:${o.currency}:${o.firstYearTotal}`)
  }
})

describe('plansThatUnlock: config minimums', () => {
  it('requested is the smallest value that unlocks: 30 days of retention → plans keeping at least 30', () => {
    const offers = plansThatUnlock(catalog, 'retention-days', { requested: 30, currentPlanId: 'basic' })
    expect(summary(offers)).toEqual(['plan:enterprise:29900'])
    expect(offers[0]?.grant).toEqual({ kind: 'config', value: 90 })
  })

  it('exactly the minimum unlocks; without one, every plan that sets the value', () => {
    expect(
      summary(plansThatUnlock(catalog, 'retention-days', { requested: 14, currentPlanId: 'basic' })),
    ).toEqual(['plan:premium:4900', 'plan:enterprise:29900'])
    expect(
      summary(plansThatUnlock(catalog, 'retention-days', { requested: 3, currentPlanId: 'basic' })),
    ).toEqual(['plan:basic:0*', 'plan:premium:4900', 'plan:enterprise:29900'])
    expect(plansThatUnlock(catalog, 'retention-days', { requested: 365 })).toEqual([])
  })

  it('the larger value wins when a plan and an add-on both set it (the engine rule)', () => {
    const withAddon: Catalog = {
      ...catalog,
      addons: [
        ...catalog.addons,
        {
          id: 'long-retention',
          name: '60-day retention',
          price: { amount: 1000, currency: 'USD', interval: 'month' },
          availableFor: ['premium'],
          grants: { 'retention-days': { kind: 'config', value: 60 } },
        },
      ],
    }
    const offers = plansThatUnlock(withAddon, 'retention-days', { requested: 30, currentPlanId: 'basic' })
    expect(summary(offers)).toEqual(['plan:premium:5900', 'plan:enterprise:29900'])
    expect(offers[0]).toMatchObject({ addons: [{ id: 'long-retention' }], grant: { value: 60 } })
  })
})

describe('plansThatUnlock: sales-led plans', () => {
  const withSales: Catalog = {
    ...catalog,
    plans: [
      ...catalog.plans,
      {
        id: 'dedicated',
        name: 'Dedicated',
        price: { amount: 99_900, currency: 'USD', interval: 'month' },
        salesLed: true,
        contactUrl: 'mailto:sales@logpilot.example',
        trialDays: 0,
        grants: { 'retention-days': { kind: 'config', value: 365 } },
      },
    ],
  }

  it('a plan marked salesLed is offered as sales-led, with its contact URL, after every priced offer', () => {
    const offers = plansThatUnlock(withSales, 'retention-days', { requested: 30, currentPlanId: 'basic' })
    expect(offers.map((o) => `${o.id}:${o.salesLed}`)).toEqual(['enterprise:false', 'dedicated:true'])
    expect(offers[1]).toMatchObject({
      contactUrl: 'mailto:sales@logpilot.example',
      firstYearTotal: 1_198_800,
    })
  })
})
