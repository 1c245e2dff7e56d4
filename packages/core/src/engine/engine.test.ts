// How sources combine, on the engine's pure functions: the one copy of these rules that every
// backend (the server, the mock server, @entitle/react/testing) and plansThatUnlock run on.
import { describe, expect, it } from 'vitest'
import { logPilotCatalog } from '../sample/logpilot.js'
import type { Catalog, Entitlement, Grant, MeteredEntitlement } from '../types.js'
import { type Contribution, combineGrants as combine } from './combine.js'
import { computeEntitlements as compute } from './computeEntitlements.js'
import { type CustomerState, type CustomerUsage, emptyCustomerState } from './customerState.js'

const T0 = Date.parse('2026-03-15T12:00:00.000Z')
const DAY = 86_400_000

function metered(e: Entitlement | undefined): MeteredEntitlement {
  if (e?.kind !== 'metered') throw new Error(`expected a metered entitlement, got ${JSON.stringify(e)}`)
  return e
}

const meter = (limit: number | null, enforcement: 'hard' | 'soft' = 'hard'): Grant => ({
  kind: 'metered',
  limit,
  enforcement,
  resetPeriod: null,
})
const c = (source: Contribution['source'], grant: Grant, expiresAt: number | null = null): Contribution => ({
  source,
  grant,
  expiresAt,
})

interface TestCustomer extends CustomerState {
  usage: CustomerUsage
}

function customer(patch: Partial<TestCustomer>): TestCustomer {
  return { ...emptyCustomerState(), planId: 'basic', usage: {}, ...patch }
}

const computeEntitlements = (catalog: Catalog, record: TestCustomer, now: number) =>
  compute(catalog, record, record.usage, now)

describe('combine', () => {
  it('metered: add-on limits add to the largest base limit; the reported source is the most specific that counts', () => {
    expect(combine([c('plan', meter(10)), c('addon', meter(5)), c('addon', meter(5))])).toEqual({
      grant: meter(20),
      source: 'addon',
      expiresAt: null,
    })
    // A promotion larger than the plan replaces it as the base (max, not sum).
    expect(combine([c('plan', meter(10)), c('promotion', meter(25), T0 + DAY)])).toMatchObject({
      grant: { limit: 25 },
      source: 'promotion',
      expiresAt: null,
    })
  })

  it('metered: unlimited wins over any number, add-ons included', () => {
    expect(combine([c('plan', meter(10)), c('addon', meter(5)), c('trial', meter(null), T0)])).toMatchObject({
      grant: { limit: null },
      source: 'trial',
    })
  })

  it('metered: the meter keeps the base grant’s enforcement and period', () => {
    const soft: Grant = { kind: 'metered', limit: 1000, enforcement: 'soft', resetPeriod: 'month' }
    expect(combine([c('plan', soft), c('addon', meter(500))])?.grant).toEqual({ ...soft, limit: 1500 })
  })

  it('config: the larger value wins; booleans true over false; strings by specificity', () => {
    expect(
      combine([c('plan', { kind: 'config', value: 14 }), c('trial', { kind: 'config', value: 90 }, T0)]),
    ).toMatchObject({
      grant: { value: 90 },
      source: 'trial',
    })
    expect(
      combine([c('plan', { kind: 'config', value: true }), c('override', { kind: 'config', value: false })])
        ?.grant,
    ).toEqual({
      kind: 'config',
      value: true,
    })
    expect(
      combine([c('plan', { kind: 'config', value: 'eu' }), c('promotion', { kind: 'config', value: 'us' })])
        ?.grant,
    ).toEqual({
      kind: 'config',
      value: 'us',
    })
  })

  it('boolean: granted by any source; the longest-lasting source is reported, then the most specific', () => {
    expect(combine([c('plan', { kind: 'boolean' }), c('trial', { kind: 'boolean' }, T0)])).toEqual({
      grant: { kind: 'boolean' },
      source: 'plan',
      expiresAt: null,
    })
    expect(
      combine([c('trial', { kind: 'boolean' }, T0 + DAY), c('promotion', { kind: 'boolean' }, T0 + 2 * DAY)]),
    ).toEqual({
      grant: { kind: 'boolean' },
      source: 'promotion',
      expiresAt: T0 + 2 * DAY,
    })
    expect(combine([c('plan', { kind: 'boolean' }), c('addon', { kind: 'boolean' })])?.source).toBe('addon')
    expect(combine([])).toBeUndefined()
  })
})

describe('computeEntitlements', () => {
  it('drops expired grants and reports when the rest ends', () => {
    const record = customer({
      promotions: [
        { feature: 'api-access', grant: { kind: 'boolean' }, endsAt: T0 + DAY },
        { feature: 'premium-support', grant: { kind: 'boolean' }, endsAt: T0 },
      ],
      trial: { planId: 'enterprise', endsAt: T0 - 1 },
    })
    const out = computeEntitlements(logPilotCatalog, record, T0)
    expect(out.entitlements['api-access']).toEqual({
      kind: 'boolean',
      source: 'promotion',
      expiresAt: new Date(T0 + DAY).toISOString(),
    })
    expect(out.entitlements['premium-support']).toBeUndefined()
    expect(out.entitlements['ai-assistant']).toBeUndefined()
    expect(out.trialEndsAt).toBeNull()
    expect(out.nextChangeAt).toBe(T0 + DAY)
  })

  it('an override replaces the combination, and can revoke', () => {
    const record = customer({
      planId: 'premium',
      addons: ['extra-seats'],
      overrides: [
        { feature: 'seats', grant: meter(2), endsAt: null },
        { feature: 'api-access', grant: null, endsAt: null },
      ],
    })
    const out = computeEntitlements(logPilotCatalog, record, T0)
    expect(metered(out.entitlements.seats)).toMatchObject({ limit: 2, source: 'override' })
    expect(out.entitlements['api-access']).toBeUndefined()
  })

  it('add-ons count only with a plan they are sold for; grants of the wrong kind are ignored', () => {
    const basic = computeEntitlements(logPilotCatalog, customer({ addons: ['extra-seats'] }), T0)
    expect(metered(basic.entitlements.seats).limit).toBe(3)
    expect(basic.addons).toEqual([]) // owned but not in effect with Basic: not reported either
    const premium = computeEntitlements(
      logPilotCatalog,
      customer({ planId: 'premium', addons: ['ai-addon', 'extra-seats'] }),
      T0,
    )
    expect(premium.addons).toEqual([
      { id: 'ai-addon', name: 'AI assistant' },
      { id: 'extra-seats', name: '+5 seats' },
    ])
    const odd: Catalog = {
      ...logPilotCatalog,
      plans: [
        { id: 'basic', name: 'Basic', price: null, trialDays: 0, grants: { seats: { kind: 'boolean' } } },
      ],
    }
    expect(computeEntitlements(odd, customer({}), T0).entitlements.seats).toBeUndefined()
  })

  it('usage from an earlier period counts as 0', () => {
    const record = customer({
      usage: { 'api-calls': { used: 900, period: 'month', periodStart: Date.parse('2026-02-01T00:00:00Z') } },
    })
    expect(metered(computeEntitlements(logPilotCatalog, record, T0).entitlements['api-calls']).usage).toBe(0)
  })
})
