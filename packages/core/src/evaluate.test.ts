import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  acme,
  globex,
  initech,
  logpilotCatalog,
  NEXT_MONTH,
  NOW,
  umbrella,
} from '../test/fixtures/logpilot.js'
import {
  type EvaluateOptions,
  effectiveUsage,
  evaluate,
  featureInfoFromCatalog,
  parseInstant,
} from './evaluate.js'
import type { Decision, DecisionReason, EntitlementsSnapshot, MeteredEntitlement } from './types.js'

const features = featureInfoFromCatalog(logpilotCatalog)
const DAY = 86_400_000

afterEach(() => {
  vi.restoreAllMocks()
})

interface Row {
  name: string
  snapshot: EntitlementsSnapshot | undefined
  feature: string
  options?: EvaluateOptions
  expected: Partial<Decision>
}

// One row per situation a user can be in; together they reach every DecisionReason (asserted below).
const rows: Row[] = [
  // ── with a snapshot ──
  {
    name: 'boolean present → entitled',
    snapshot: acme,
    feature: 'advanced-filtering',
    expected: { granted: true, reason: 'entitled', source: 'plan', isFallback: false, isStale: false },
  },
  {
    name: 'config → entitled with its value',
    snapshot: acme,
    feature: 'retention-days',
    expected: { granted: true, reason: 'entitled', value: 3, source: 'plan' },
  },
  {
    name: 'feature absent → not-entitled',
    snapshot: acme,
    feature: 'api-access',
    expected: { granted: false, reason: 'not-entitled', isFallback: false },
  },
  {
    name: 'feature absent but known to the catalog → not-entitled',
    snapshot: acme,
    feature: 'api-access',
    options: { features },
    expected: { granted: false, reason: 'not-entitled' },
  },
  {
    name: 'feature the catalog does not know → unknown-feature',
    snapshot: acme,
    feature: 'seets',
    options: { features },
    expected: { granted: false, reason: 'unknown-feature', isFallback: false },
  },
  {
    name: 'metered at the hard limit, one more → limit-exceeded',
    snapshot: acme,
    feature: 'seats',
    options: { now: NOW },
    expected: {
      granted: false,
      reason: 'limit-exceeded',
      usage: 3,
      limit: 3,
      remaining: 0,
      requested: 1,
      enforcement: 'hard',
      resetsAt: null,
      source: 'plan',
    },
  },
  {
    name: 'metered at the hard limit, requested 0 reads → within-limit',
    snapshot: acme,
    feature: 'seats',
    options: { now: NOW, requested: 0 },
    expected: { granted: true, reason: 'within-limit', remaining: 0, requested: 0 },
  },
  {
    name: 'metered with room → within-limit',
    snapshot: globex,
    feature: 'seats',
    options: { now: NOW, requested: 3 },
    expected: { granted: true, reason: 'within-limit', usage: 7, limit: 10, remaining: 3, requested: 3 },
  },
  {
    name: 'metered hard, one over → limit-exceeded',
    snapshot: globex,
    feature: 'seats',
    options: { now: NOW, requested: 4 },
    expected: { granted: false, reason: 'limit-exceeded', remaining: 3, requested: 4 },
  },
  {
    name: 'metered soft, within → within-limit',
    snapshot: acme,
    feature: 'api-calls',
    options: { now: NOW, requested: 50 },
    expected: {
      granted: true,
      reason: 'within-limit',
      usage: 950,
      limit: 1000,
      remaining: 50,
      enforcement: 'soft',
    },
  },
  {
    name: 'metered soft, over → granted soft-limit-exceeded',
    snapshot: acme,
    feature: 'api-calls',
    options: { now: NOW, requested: 51 },
    expected: { granted: true, reason: 'soft-limit-exceeded', remaining: 50, resetsAt: NEXT_MONTH },
  },
  {
    name: 'metered soft, already over → soft-limit-exceeded, remaining 0',
    snapshot: globex,
    feature: 'api-calls',
    options: { now: NOW },
    expected: { granted: true, reason: 'soft-limit-exceeded', usage: 52_300, remaining: 0 },
  },
  {
    name: 'metered limit null → unlimited, remaining null',
    snapshot: umbrella,
    feature: 'seats',
    options: { now: NOW, requested: 1_000_000 },
    expected: {
      granted: true,
      reason: 'unlimited',
      usage: 42,
      limit: null,
      remaining: null,
      requested: 1_000_000,
    },
  },
  {
    name: 'after resetsAt usage counts as 0',
    snapshot: acme,
    feature: 'api-calls',
    options: { now: Date.parse(NEXT_MONTH), requested: 1000 },
    expected: { granted: true, reason: 'within-limit', usage: 0, remaining: 1000 },
  },
  {
    name: 'one ms before resetsAt usage still counts',
    snapshot: acme,
    feature: 'api-calls',
    options: { now: Date.parse(NEXT_MONTH) - 1, requested: 1000 },
    expected: { reason: 'soft-limit-exceeded', usage: 950 },
  },
  {
    name: 'promotion before expiresAt → entitled',
    snapshot: globex,
    feature: 'ai-assistant',
    options: { now: NOW },
    expected: { granted: true, reason: 'entitled', source: 'promotion' },
  },
  {
    name: 'promotion at expiresAt → expired',
    snapshot: globex,
    feature: 'ai-assistant',
    options: { now: Date.parse('2026-12-01T10:00:00.000Z') },
    expected: { granted: false, reason: 'expired', source: 'promotion' },
  },
  {
    name: 'trial metered after expiry → expired (not unlimited)',
    snapshot: initech,
    feature: 'seats',
    options: { now: NOW + 3 * DAY },
    expected: { granted: false, reason: 'expired', source: 'trial' },
  },
  {
    name: 'trial config after expiry → expired, no value',
    snapshot: initech,
    feature: 'retention-days',
    options: { now: NOW + 3 * DAY },
    expected: { granted: false, reason: 'expired', value: undefined },
  },
  {
    name: 'isStale is copied into the decision',
    snapshot: acme,
    feature: 'advanced-filtering',
    options: { isStale: true },
    expected: { granted: true, reason: 'entitled', isStale: true, isFallback: false },
  },
  {
    name: 'a fallback is ignored when a snapshot is present',
    snapshot: acme,
    feature: 'api-access',
    options: { fallback: true },
    expected: { granted: false, reason: 'not-entitled', isFallback: false },
  },

  // ── without a snapshot ──
  {
    name: 'loading, no fallback → loading',
    snapshot: undefined,
    feature: 'seats',
    expected: { granted: false, reason: 'loading', isFallback: false },
  },
  {
    name: 'loading with fallback true → entitled (fallback)',
    snapshot: undefined,
    feature: 'api-access',
    options: { fallback: true },
    expected: { granted: true, reason: 'entitled', isFallback: true },
  },
  {
    name: 'fallback false → not-entitled (fallback)',
    snapshot: undefined,
    feature: 'api-access',
    options: { fallback: false, unavailable: true },
    expected: { granted: false, reason: 'not-entitled', isFallback: true },
  },
  {
    name: 'boolean fallback object',
    snapshot: undefined,
    feature: 'api-access',
    options: { fallback: { kind: 'boolean', granted: true } },
    expected: { granted: true, reason: 'entitled', isFallback: true },
  },
  {
    name: 'config fallback → its value',
    snapshot: undefined,
    feature: 'retention-days',
    options: { fallback: { kind: 'config', value: 7 } },
    expected: { granted: true, reason: 'entitled', value: 7, isFallback: true },
  },
  {
    name: 'metered fallback within its limit',
    snapshot: undefined,
    feature: 'seats',
    options: { fallback: { kind: 'metered', limit: 3, usage: 1 }, requested: 2 },
    expected: { granted: true, reason: 'within-limit', usage: 1, limit: 3, remaining: 2, isFallback: true },
  },
  {
    name: 'metered fallback over, enforcement from the catalog (hard)',
    snapshot: undefined,
    feature: 'seats',
    options: { fallback: { kind: 'metered', limit: 3, usage: 3 }, features, unavailable: true },
    expected: { granted: false, reason: 'limit-exceeded', enforcement: 'hard', isFallback: true },
  },
  {
    name: 'metered fallback over, enforcement from the catalog (soft)',
    snapshot: undefined,
    feature: 'api-calls',
    options: { fallback: { kind: 'metered', limit: 10, usage: 10 }, features },
    expected: { granted: true, reason: 'soft-limit-exceeded', enforcement: 'soft', isFallback: true },
  },
  {
    name: 'metered fallback, unknown enforcement defaults to hard',
    snapshot: undefined,
    feature: 'seats',
    options: { fallback: { kind: 'metered', limit: 0 } },
    expected: { granted: false, reason: 'limit-exceeded', enforcement: 'hard', usage: 0, isFallback: true },
  },
  {
    name: 'metered fallback unlimited',
    snapshot: undefined,
    feature: 'seats',
    options: { fallback: { kind: 'metered', limit: null, enforcement: 'soft' } },
    expected: { granted: true, reason: 'unlimited', remaining: null, isFallback: true },
  },
  {
    name: 'unavailable, fail open (default), boolean → entitled (fallback)',
    snapshot: undefined,
    feature: 'api-access',
    options: { unavailable: true, features },
    expected: { granted: true, reason: 'entitled', isFallback: true },
  },
  {
    name: 'unavailable, fail open, soft meter → entitled (fallback)',
    snapshot: undefined,
    feature: 'api-calls',
    options: { unavailable: true, failMode: 'open', features },
    expected: { granted: true, reason: 'entitled', isFallback: true },
  },
  {
    name: 'unavailable, fail open, hard meter → limit-exceeded (fallback)',
    snapshot: undefined,
    feature: 'seats',
    options: { unavailable: true, failMode: 'open', features },
    expected: {
      granted: false,
      reason: 'limit-exceeded',
      isFallback: true,
      enforcement: 'hard',
      requested: 1,
    },
  },
  {
    name: 'unavailable, fail open, hard meter but nothing known about it → entitled',
    snapshot: undefined,
    feature: 'seats',
    options: { unavailable: true },
    expected: { granted: true, reason: 'entitled', isFallback: true },
  },
  {
    name: 'unavailable, fail open, hard meter with a fallback grant → the fallback decides',
    snapshot: undefined,
    feature: 'seats',
    options: { unavailable: true, features, fallback: { kind: 'metered', limit: 5 } },
    expected: { granted: true, reason: 'within-limit', limit: 5, isFallback: true },
  },
  {
    name: 'unavailable, fail closed → not-entitled (fallback)',
    snapshot: undefined,
    feature: 'api-access',
    options: { unavailable: true, failMode: 'closed', features },
    expected: { granted: false, reason: 'not-entitled', isFallback: true },
  },
  {
    name: 'unavailable, fail closed, a fallback still grants',
    snapshot: undefined,
    feature: 'api-access',
    options: { unavailable: true, failMode: 'closed', fallback: true },
    expected: { granted: true, reason: 'entitled', isFallback: true },
  },
  {
    name: 'unavailable, unknown feature → unknown-feature (fallback)',
    snapshot: undefined,
    feature: 'api-acess',
    options: { unavailable: true, features },
    expected: { granted: false, reason: 'unknown-feature', isFallback: true },
  },
  {
    name: 'loading, unknown feature → unknown-feature',
    snapshot: undefined,
    feature: 'api-acess',
    options: { features },
    expected: { granted: false, reason: 'unknown-feature', isFallback: false },
  },
  {
    name: 'failMode is ignored while merely loading',
    snapshot: undefined,
    feature: 'api-access',
    options: { failMode: 'closed', isStale: true },
    expected: { granted: false, reason: 'loading', isFallback: false, isStale: true },
  },
]

describe('evaluate', () => {
  it.each(rows)('$name', ({ snapshot, feature, options, expected }) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const decision = evaluate(snapshot, feature, options)
    const present = Object.entries(expected).filter(([, value]) => value !== undefined)
    expect(decision).toMatchObject({ feature, ...Object.fromEntries(present) })
    // `value: undefined` in a row means "must not be there".
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(decision[key as keyof Decision]).toBeUndefined()
    }
  })

  it('the table reaches every reason', () => {
    const all: Record<DecisionReason, true> = {
      entitled: true,
      'within-limit': true,
      unlimited: true,
      'soft-limit-exceeded': true,
      'not-entitled': true,
      'limit-exceeded': true,
      expired: true,
      'unknown-feature': true,
      loading: true,
    }
    const reached = new Set(rows.map((row) => row.expected.reason))
    expect([...reached].sort()).toEqual(Object.keys(all).sort())
  })

  it('granted reasons and denied reasons never mix', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const grantedReasons = new Set<DecisionReason>([
      'entitled',
      'within-limit',
      'unlimited',
      'soft-limit-exceeded',
    ])
    for (const { snapshot, feature, options } of rows) {
      const decision = evaluate(snapshot, feature, options)
      expect(decision.granted, `${feature}: ${decision.reason}`).toBe(grantedReasons.has(decision.reason))
    }
  })

  describe('requested', () => {
    const seats = (requested: number) => evaluate(globex, 'seats', { requested, now: NOW })

    it('defaults to 1 for metered checks', () => {
      expect(evaluate(globex, 'seats', { now: NOW }).requested).toBe(1)
      expect(evaluate(acme, 'seats', { now: NOW }).granted).toBe(false)
    })

    it.each([
      ['NaN', Number.NaN],
      ['negative', -5],
      ['negative zero', -0],
    ])('%s reads as 0 (the current state) and never crashes', (_, requested) => {
      const decision = seats(requested)
      expect(decision).toMatchObject({ granted: true, reason: 'within-limit', requested: 0, usage: 7 })
      expect(evaluate(acme, 'seats', { requested, now: NOW })).toMatchObject({ granted: true, requested: 0 })
    })

    it('keeps fractional amounts (meters may count GB or hours)', () => {
      expect(seats(2.5)).toMatchObject({ granted: true, requested: 2.5 })
      expect(seats(3.5)).toMatchObject({ granted: false, reason: 'limit-exceeded', requested: 3.5 })
    })

    it('Infinity exceeds every finite limit but not an unlimited one', () => {
      expect(seats(Number.POSITIVE_INFINITY)).toMatchObject({ granted: false, reason: 'limit-exceeded' })
      expect(evaluate(umbrella, 'seats', { requested: Number.POSITIVE_INFINITY })).toMatchObject({
        granted: true,
        reason: 'unlimited',
      })
    })

    it('is not reported for boolean and config checks', () => {
      expect(evaluate(acme, 'advanced-filtering', { requested: 3 }).requested).toBeUndefined()
      expect(evaluate(acme, 'retention-days', { requested: 3 }).requested).toBeUndefined()
    })
  })

  describe('now', () => {
    it('defaults to the current time', () => {
      vi.useFakeTimers({ now: Date.parse('2026-12-02T00:00:00.000Z') })
      try {
        expect(evaluate(globex, 'ai-assistant').reason).toBe('expired')
        expect(evaluate(acme, 'api-calls', { requested: 0 }).usage).toBe(0)
      } finally {
        vi.useRealTimers()
      }
    })

    it('instants with offsets compare as instants, not strings', () => {
      const snapshot: EntitlementsSnapshot = {
        ...acme,
        entitlements: {
          promo: { kind: 'boolean', source: 'promotion', expiresAt: '2026-11-21T12:00:00+05:00' }, // 07:00Z
        },
      }
      expect(evaluate(snapshot, 'promo', { now: NOW }).reason).toBe('expired')
      expect(evaluate(snapshot, 'promo', { now: Date.parse('2026-11-21T06:59:59Z') }).reason).toBe('entitled')
    })
  })

  describe('unknown features', () => {
    it('warns once per feature in development, naming the feature and the known ones', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      evaluate(acme, 'sseats', { features })
      evaluate(acme, 'sseats', { features })
      evaluate(undefined, 'sseats', { features, unavailable: true })
      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]?.[0]).toMatch(/Unknown feature "sseats".*Known features: .*seats/)
      evaluate(acme, 'other-typo', { features })
      expect(warn).toHaveBeenCalledTimes(2)
    })

    it('does not warn without a catalog: a missing feature is simply not entitled', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      expect(evaluate(acme, 'never-heard-of', {}).reason).toBe('not-entitled')
      expect(warn).not.toHaveBeenCalled()
    })

    it('a feature granted by the snapshot wins over a catalog that lacks it', () => {
      const snapshot: EntitlementsSnapshot = {
        ...acme,
        entitlements: { beta: { kind: 'boolean', source: 'override', expiresAt: null } },
      }
      expect(evaluate(snapshot, 'beta', { features })).toMatchObject({ granted: true, source: 'override' })
    })
  })

  describe('never throws', () => {
    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', ''])(
      'inherited member %j',
      (feature) => {
        expect(evaluate(acme, feature)).toMatchObject({ granted: false, reason: 'not-entitled' })
      },
    )

    it('a JSON-parsed "__proto__" entitlement is an own property and works', () => {
      const snapshot = JSON.parse(
        '{"entitlements":{"__proto__":{"kind":"boolean","source":"plan","expiresAt":null}}}',
      ) as EntitlementsSnapshot
      expect(evaluate(snapshot, '__proto__').granted).toBe(true)
    })

    it('an entitlement of a kind it does not know (unvalidated data) is not granted', () => {
      const snapshot = {
        ...acme,
        entitlements: { credits: { kind: 'credits', source: 'plan', expiresAt: null } },
      } as unknown as EntitlementsSnapshot
      expect(evaluate(snapshot, 'credits')).toMatchObject({ granted: false, reason: 'not-entitled' })
    })
  })

  it('returns a fresh object each call (callers may keep it)', () => {
    const a = evaluate(acme, 'advanced-filtering')
    const b = evaluate(acme, 'advanced-filtering')
    expect(a).not.toBe(b)
    expect(a).toEqual(b)
  })
})

describe('effectiveUsage', () => {
  const apiCalls = acme.entitlements['api-calls'] as MeteredEntitlement
  it('is the usage until resetsAt, then 0', () => {
    expect(effectiveUsage(apiCalls, NOW)).toBe(950)
    expect(effectiveUsage(apiCalls, Date.parse(NEXT_MONTH))).toBe(0)
  })
  it('never resets a meter without resetsAt', () => {
    expect(effectiveUsage(acme.entitlements.seats as MeteredEntitlement, Number.MAX_SAFE_INTEGER)).toBe(3)
  })
})

describe('parseInstant', () => {
  it('parses ISO-8601 and caches without changing results', () => {
    expect(parseInstant(NEXT_MONTH)).toBe(Date.parse(NEXT_MONTH))
    expect(parseInstant(NEXT_MONTH)).toBe(Date.parse(NEXT_MONTH))
    expect(parseInstant('not a date')).toBeNaN()
  })
  it('stays correct past the cache bound', () => {
    for (let i = 0; i < 1200; i++) {
      const iso = new Date(NOW + i * 1000).toISOString()
      expect(parseInstant(iso)).toBe(NOW + i * 1000)
    }
  })
})

describe('featureInfoFromCatalog', () => {
  it('maps every feature to its kind and metered features to their enforcement', () => {
    expect(Object.fromEntries(features)).toEqual({
      'advanced-filtering': { kind: 'boolean' },
      'api-access': { kind: 'boolean' },
      'premium-support': { kind: 'boolean' },
      'ai-assistant': { kind: 'boolean' },
      'retention-days': { kind: 'config' },
      seats: { kind: 'metered', enforcement: 'hard' },
      'api-calls': { kind: 'metered', enforcement: 'soft' },
    })
  })

  it('hard wins when plans disagree; grant-only features are included', () => {
    const info = featureInfoFromCatalog({
      features: [{ id: 'builds', name: 'Builds', kind: 'metered' }],
      plans: [
        {
          id: 'a',
          name: 'A',
          price: null,
          trialDays: 0,
          grants: { builds: { kind: 'metered', limit: 1, enforcement: 'soft', resetPeriod: null } },
        },
        {
          id: 'b',
          name: 'B',
          price: null,
          trialDays: 0,
          grants: {
            builds: { kind: 'metered', limit: 1, enforcement: 'hard', resetPeriod: null },
            sso: { kind: 'boolean' },
          },
        },
      ],
      addons: [
        {
          id: 'c',
          name: 'C',
          price: null,
          availableFor: ['a'],
          grants: { builds: { kind: 'metered', limit: 1, enforcement: 'soft', resetPeriod: null } },
        },
      ],
    })
    expect(info.get('builds')).toEqual({ kind: 'metered', enforcement: 'hard' })
    expect(info.get('sso')).toEqual({ kind: 'boolean' })
  })
})
