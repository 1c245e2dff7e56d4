// The engine's rules on their own: usage planning and application, idempotency keys, subscriptions,
// grants, Stripe ordering, versions. Every backend runs these; the HTTP contract suites check the
// same rules through each store.
import { describe, expect, it } from 'vitest'
import { plansThatUnlock } from '../plansThatUnlock.js'
import { logPilotCatalog as catalog } from '../sample/logpilot.js'
import { computeEntitlements } from './computeEntitlements.js'
import { customerFromSnapshot } from './customerFromSnapshot.js'
import { type CustomerState, emptyCustomerState } from './customerState.js'
import { clearOverride, endPromotions, grantPromotion, setOverride } from './grants.js'
import { checkIdempotencyKey, checkReplay, usageFingerprint } from './idempotency.js'
import { markPastDue, resolvePastDue } from './lifecycle.js'
import { RuleError } from './ruleError.js'
import { applyStripeSummary, isLaterEvent } from './stripeSummary.js'
import { changeSubscription } from './subscription.js'
import { applyUsage, planUsage, usageResponse } from './usage.js'
import { initialVersionMark, isVersionCurrent, nextVersionMark, snapshotInstant } from './versioning.js'

const T0 = Date.parse('2026-03-15T12:00:00.000Z')
const DAY = 86_400_000
const state = (patch: Partial<CustomerState> = {}): CustomerState => ({
  ...emptyCustomerState(),
  planId: 'basic',
  ...patch,
})
const entitlementsOf = (s: CustomerState, usage = {}) =>
  computeEntitlements(catalog, s, usage, T0).entitlements
const code = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (error) {
    return error instanceof RuleError ? error.code : String(error)
  }
  return undefined
}

describe('usage', () => {
  const basic = entitlementsOf(state(), { seats: { used: 3, period: null, periodStart: null } })

  it('refuses what no state accepts: amounts, unknown or unmetered features, releases on resetting meters', () => {
    expect(code(() => planUsage(catalog, basic, { feature: 'seats', amount: 0 }, T0))).toBe('invalid_request')
    expect(code(() => planUsage(catalog, basic, { feature: 'seats', amount: 1.5 }, T0))).toBe(
      'invalid_request',
    )
    expect(code(() => planUsage(catalog, basic, { feature: 'nope', amount: 1 }, T0))).toBe('unknown_feature')
    expect(code(() => planUsage(catalog, basic, { feature: '__proto__', amount: 1 }, T0))).toBe(
      'unknown_feature',
    )
    expect(code(() => planUsage(catalog, basic, { feature: 'ai-assistant', amount: 1 }, T0))).toBe(
      'not_metered',
    )
    expect(code(() => planUsage(catalog, basic, { feature: 'api-calls', amount: -1 }, T0))).toBe(
      'invalid_request',
    )
  })

  it('a hard limit refuses past it; a soft one accepts; releases never go below 0; other periods count 0', () => {
    const seat = planUsage(catalog, basic, { feature: 'seats', amount: 1 }, T0)
    expect(seat.ceiling).toBe(3)
    expect(applyUsage(seat, { used: 3, period: null, periodStart: null })).toEqual({
      status: 'refused',
      code: 'limit_exceeded',
      used: 3,
    })
    expect(applyUsage(seat, { used: 2, period: null, periodStart: null })).toEqual({
      status: 'applied',
      used: 3,
    })
    const release = planUsage(catalog, basic, { feature: 'seats', amount: -5 }, T0)
    expect(applyUsage(release, { used: 9, period: null, periodStart: null })).toEqual({
      status: 'applied',
      used: 4,
    })
    expect(applyUsage(release, { used: 2, period: null, periodStart: null })).toEqual({
      status: 'applied',
      used: 0,
    })
    const calls = planUsage(catalog, basic, { feature: 'api-calls', amount: 100 }, T0)
    expect(calls.ceiling).toBeNull()
    expect(calls.periodStart).toBe(Date.parse('2026-03-01T00:00:00.000Z'))
    expect(applyUsage(calls, { used: 990, period: 'month', periodStart: calls.periodStart })).toEqual({
      status: 'applied',
      used: 1090,
    })
    expect(
      applyUsage(calls, { used: 990, period: 'month', periodStart: Date.parse('2026-02-01T00:00:00Z') }),
    ).toEqual({ status: 'applied', used: 100 })
  })

  it('a metered feature not granted is a refusal (409 not_entitled), rendered like any answer', () => {
    const plan = planUsage(
      catalog,
      entitlementsOf({ ...emptyCustomerState() }),
      { feature: 'seats', amount: 1 },
      T0,
    )
    const outcome = applyUsage(plan, undefined)
    expect(outcome).toEqual({ status: 'refused', code: 'not_entitled', used: 0 })
    expect(usageResponse(plan, outcome, 7)).toMatchObject({ status: 409 })
    expect(JSON.parse(usageResponse(plan, outcome, 7).body).error.code).toBe('not_entitled')
  })
})

describe('idempotency keys', () => {
  it('accepts UUIDs and safe ids up to 255 characters, refuses the rest', () => {
    expect(checkIdempotencyKey(crypto.randomUUID())).toMatch(/-/)
    expect(checkIdempotencyKey('a'.repeat(255))).toHaveLength(255)
    for (const bad of ['', 'a'.repeat(256), 'with space', 'ünïcode', 'new\nline', '<script>'])
      expect(code(() => checkIdempotencyKey(bad))).toBe('invalid_request')
  })

  it('a replay must be the same request', () => {
    const request = { feature: 'api-calls', amount: 2 }
    expect(() => checkReplay(usageFingerprint(request), request, 'k')).not.toThrow()
    expect(code(() => checkReplay(usageFingerprint(request), { ...request, amount: 3 }, 'k'))).toBe(
      'idempotency_key_reused',
    )
  })
})

describe('subscriptions', () => {
  it('changes plan, keeps add-ons sold with the new plan unless told, ends a running trial', () => {
    const premium = changeSubscription(catalog, state(), { planId: 'premium', addons: ['extra-seats'] }, T0)
    expect(premium).toMatchObject({ planId: 'premium', addons: ['extra-seats'] })
    const trial = changeSubscription(catalog, premium, { planId: 'enterprise', trial: true }, T0)
    expect(trial.trial).toEqual({ planId: 'enterprise', endsAt: T0 + 14 * DAY })
    const back = changeSubscription(catalog, trial, { planId: 'premium' }, T0)
    expect(back).toMatchObject({
      planId: 'premium',
      addons: ['extra-seats'],
      trial: null,
      trialsUsed: ['enterprise'],
    })
    expect(changeSubscription(catalog, back, { planId: 'basic' }, T0).addons).toEqual([])
  })

  it.each([
    [{ planId: 'gold' }, 'unknown_plan'],
    [{ planId: 'premium', addons: ['nope'] }, 'unknown_addon'],
    [{ planId: 'basic', addons: ['extra-seats'] }, 'addon_not_available'],
    [{ planId: 'premium', trial: true }, 'trial_not_available'],
    [{ planId: 'basic', trial: true }, 'trial_not_available'],
    [{ planId: 'enterprise', trial: true, addons: ['ai-addon'] }, 'invalid_request'],
  ])('%j → %s', (change, expected) => {
    expect(code(() => changeSubscription(catalog, state(), change, T0))).toBe(expected)
  })

  it('offers each trial once', () => {
    const used = state({ trialsUsed: ['enterprise'] })
    expect(code(() => changeSubscription(catalog, used, { planId: 'enterprise', trial: true }, T0))).toBe(
      'trial_already_used',
    )
  })
})

describe('promotions and overrides', () => {
  it('a promotion grants until its end; an override replaces, revokes and clears', () => {
    const promoted = grantPromotion(catalog, state(), { feature: 'ai-assistant', endsAt: T0 + DAY }, T0)
    expect(entitlementsOf(promoted)['ai-assistant']).toMatchObject({ source: 'promotion' })
    expect(computeEntitlements(catalog, promoted, {}, T0 + DAY).entitlements['ai-assistant']).toBeUndefined()
    expect(entitlementsOf(endPromotions(promoted, 'ai-assistant'))['ai-assistant']).toBeUndefined()
    const revoked = setOverride(
      catalog,
      state(),
      { feature: 'advanced-filtering', grant: null, endsAt: null },
      T0,
    )
    expect(entitlementsOf(revoked)['advanced-filtering']).toBeUndefined()
    expect(entitlementsOf(clearOverride(revoked, 'advanced-filtering'))['advanced-filtering']).toBeDefined()
  })

  it('refuses unknown features, grants of the wrong kind, ends in the past, and promotions that grant nothing', () => {
    expect(code(() => grantPromotion(catalog, state(), { feature: 'nope', endsAt: null }, T0))).toBe(
      'unknown_feature',
    )
    expect(code(() => grantPromotion(catalog, state(), { feature: 'seats', endsAt: null }, T0))).toBe(
      'invalid_request',
    )
    expect(
      code(() => grantPromotion(catalog, state(), { feature: 'ai-assistant', endsAt: T0 - 1 }, T0)),
    ).toBe('invalid_request')
    expect(
      code(() =>
        setOverride(catalog, state(), { feature: 'seats', grant: { kind: 'boolean' }, endsAt: null }, T0),
      ),
    ).toBe('invalid_request')
  })
})

describe('Stripe summaries', () => {
  it('apply in order of created, then event id; an older or repeated one changes nothing', () => {
    const first = applyStripeSummary(catalog, state(), {
      eventId: 'evt_b',
      created: 100,
      lookupKeys: ['api-access', 'nope'],
    })
    expect(first).toMatchObject({ applied: true, unknownLookupKeys: ['nope'] })
    if (!first.applied) throw new Error('applied')
    expect(first.state.stripe.features).toEqual(['api-access'])
    expect(
      applyStripeSummary(catalog, first.state, { eventId: 'evt_a', created: 100, lookupKeys: [] }),
    ).toEqual({ applied: false, reason: 'older_than_applied' })
    expect(
      applyStripeSummary(catalog, first.state, { eventId: 'evt_b', created: 100, lookupKeys: [] }).applied,
    ).toBe(false)
    expect(
      applyStripeSummary(catalog, first.state, { eventId: 'evt_c', created: 100, lookupKeys: [] }).applied,
    ).toBe(true)
    expect(isLaterEvent({ created: 101, id: 'a' }, { created: 100, id: 'z' })).toBe(true)
  })
})

describe('versions', () => {
  it('start at the creation instant, move on each change, and need a new one once time changes the content', () => {
    const promoted = grantPromotion(catalog, state(), { feature: 'ai-assistant', endsAt: T0 + DAY }, T0)
    const mark = initialVersionMark(T0, computeEntitlements(catalog, promoted, {}, T0))
    expect(mark).toEqual({
      version: T0,
      versionAt: T0,
      // The promotion's end comes before the monthly reset of api-calls (1 April).
      validUntil: T0 + DAY,
    })
    expect(isVersionCurrent(mark, T0 + DAY - 1)).toBe(true)
    expect(isVersionCurrent(mark, T0 + DAY)).toBe(false)
    const next = nextVersionMark(mark, T0 + DAY, computeEntitlements(catalog, promoted, {}, T0 + DAY))
    expect(next.version).toBe(T0 + 1)
    // A lagging clock never pairs the new version with the content before it.
    expect(snapshotInstant(next, T0)).toBe(T0 + DAY)
  })
})

describe('customerFromSnapshot', () => {
  it('reproduces what a snapshot grants from its plan, add-ons, trial, promotions and usage', () => {
    const original = changeSubscription(catalog, state(), { planId: 'premium', addons: ['extra-seats'] }, T0)
    const withPromo = grantPromotion(catalog, original, { feature: 'ai-assistant', endsAt: T0 + 3 * DAY }, T0)
    const usage = { seats: { used: 12, period: null, periodStart: null } }
    const computed = computeEntitlements(catalog, withPromo, usage, T0)
    const snapshot = {
      customerId: 'c',
      environment: 'test',
      version: 3,
      generatedAt: new Date(T0).toISOString(),
      ...computed,
    }
    const back = customerFromSnapshot(catalog, snapshot, T0)
    expect(back.state.overrides).toEqual([])
    expect(computeEntitlements(catalog, back.state, back.usage, T0).entitlements).toEqual(
      computed.entitlements,
    )
  })
})

describe('plansThatUnlock combines as the backends do', () => {
  it('an add-on promises the larger config value, never a smaller one (the server takes the larger)', () => {
    const withShorter = {
      ...catalog,
      addons: [
        ...catalog.addons,
        {
          id: 'short',
          name: 'Short retention',
          price: null,
          availableFor: ['premium'],
          grants: { 'retention-days': { kind: 'config' as const, value: 7 } },
        },
      ],
    }
    const offers = plansThatUnlock(withShorter, 'retention-days', { currentPlanId: 'premium' })
    const addon = offers.find((o) => o.id === 'short')
    expect(addon?.grant).toEqual({ kind: 'config', value: 14 })
    const server = computeEntitlements(withShorter, state({ planId: 'premium', addons: ['short'] }), {}, T0)
    expect(server.entitlements['retention-days']).toMatchObject({ value: 14 })
  })

  it('feature ids are looked up as own properties only', () => {
    for (const feature of ['toString', 'constructor', '__proto__'])
      expect(plansThatUnlock(catalog, feature)).toEqual([])
  })
})

describe('subscription lifecycle', () => {
  const premium = changeSubscription(catalog, state(), { planId: 'premium', addons: ['extra-seats'] }, T0)
  const APRIL = Date.parse('2026-04-01T00:00:00.000Z')

  it('a downgrade at period end keeps what was paid for until then, then applies by itself', () => {
    const scheduled = changeSubscription(catalog, premium, { planId: 'basic', at: 'period_end' }, T0)
    const before = computeEntitlements(catalog, scheduled, {}, T0)
    expect(before.entitlements.seats).toMatchObject({ limit: 15 })
    expect(before.subscription).toEqual({
      status: 'active',
      currentPeriodEnd: '2026-04-01T00:00:00.000Z',
      graceEndsAt: null,
      scheduledChange: { at: '2026-04-01T00:00:00.000Z', plan: { id: 'basic', name: 'Basic' }, addons: [] },
    })
    expect(before.nextChangeAt).toBe(APRIL)
    const after = computeEntitlements(catalog, scheduled, {}, APRIL)
    expect(after.plan).toEqual({ id: 'basic', name: 'Basic' })
    expect(after.entitlements.seats).toMatchObject({ limit: 3 })
    expect(after.subscription.scheduledChange).toBeNull()
    // Changing the plan now cancels what was scheduled.
    const kept = changeSubscription(catalog, scheduled, { planId: 'premium' }, T0)
    expect(computeEntitlements(catalog, kept, {}, APRIL).entitlements.seats).toMatchObject({ limit: 15 })
  })

  it('scheduling needs a billing period; a trial is never scheduled', () => {
    expect(
      code(() =>
        changeSubscription(catalog, emptyCustomerState(), { planId: 'premium', at: 'period_end' }, T0),
      ),
    ).toBe('invalid_request')
    expect(
      code(() =>
        changeSubscription(catalog, premium, { planId: 'enterprise', trial: true, at: 'period_end' }, T0),
      ),
    ).toBe('invalid_request')
  })

  it('a failed payment keeps the plan through the grace period, then its grants go; paying restores them', () => {
    const pastDue = markPastDue(premium, { graceDays: 3 }, T0)
    const during = computeEntitlements(catalog, pastDue, {}, T0 + DAY)
    expect(during.subscription).toMatchObject({
      status: 'past_due',
      graceEndsAt: new Date(T0 + 3 * DAY).toISOString(),
    })
    expect(during.entitlements['api-access']).toBeDefined()
    expect(during.nextChangeAt).toBe(T0 + 3 * DAY)
    const after = computeEntitlements(catalog, pastDue, {}, T0 + 3 * DAY)
    expect(after.subscription.status).toBe('unpaid')
    expect(after.entitlements['api-access']).toBeUndefined()
    expect(after.entitlements.seats).toBeUndefined()
    expect(
      computeEntitlements(catalog, resolvePastDue(pastDue), {}, T0 + 3 * DAY).entitlements.seats,
    ).toMatchObject({
      limit: 15,
    })
    expect(code(() => markPastDue(emptyCustomerState(), {}, T0))).toBe('invalid_request')
  })

  it('a grandfathered customer keeps the grants of the plan version they bought', () => {
    const v1 = {
      ...catalog,
      plans: catalog.plans.map((p) => (p.id === 'premium' ? { ...p, version: 1 } : p)),
    }
    const bought = changeSubscription(v1, state(), { planId: 'premium' }, T0)
    expect(bought.planTerms).toMatchObject({ planId: 'premium', version: 1 })
    const v2 = {
      ...catalog,
      plans: catalog.plans.map((p) =>
        p.id === 'premium'
          ? {
              ...p,
              version: 2,
              grants: {
                ...p.grants,
                seats: {
                  kind: 'metered' as const,
                  limit: 8,
                  enforcement: 'hard' as const,
                  resetPeriod: null,
                },
              },
            }
          : p,
      ),
    }
    expect(computeEntitlements(v2, bought, {}, T0).entitlements.seats).toMatchObject({ limit: 10 })
    const newcomer = changeSubscription(v2, state(), { planId: 'premium' }, T0)
    expect(computeEntitlements(v2, newcomer, {}, T0).entitlements.seats).toMatchObject({ limit: 8 })
  })

  it('trialing: only a free trial runs; none: nothing', () => {
    const trialing = changeSubscription(
      catalog,
      { ...emptyCustomerState() },
      { planId: 'enterprise', trial: true },
      T0,
    )
    expect(computeEntitlements(catalog, trialing, {}, T0).subscription.status).toBe('trialing')
    expect(computeEntitlements(catalog, emptyCustomerState(), {}, T0).subscription.status).toBe('none')
  })
})
