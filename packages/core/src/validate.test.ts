import { afterEach, describe, expect, it, vi } from 'vitest'
import { acme, globex, initech, logpilotCatalog, umbrella } from '../test/fixtures/logpilot.js'
import { EntitlementsError } from './errors.js'
import { evaluate } from './evaluate.js'
import { parseCatalog, parseMeteredEntitlement, parseSnapshot, parseUsageResult } from './validate.js'

afterEach(() => {
  vi.restoreAllMocks()
})

/** A deep copy that can be broken on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: tests poke arbitrary wrong shapes into the JSON
const copy = (value: unknown): any => JSON.parse(JSON.stringify(value))

function errorOf(fn: () => unknown): EntitlementsError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(EntitlementsError)
    return error as EntitlementsError
  }
  throw new Error('expected it to throw')
}

describe('parseSnapshot', () => {
  it.each([acme, globex, initech, umbrella])(
    'accepts the sample snapshot of $customerId as is',
    (snapshot) => {
      const json = copy(snapshot)
      expect(parseSnapshot(json)).toBe(json)
      expect(json).toEqual(snapshot)
    },
  )

  it('accepts unknown extra fields everywhere and keeps them', () => {
    const json = copy(acme)
    json.region = 'eu'
    json.plan.tier = 1
    json.entitlements.seats.displayHint = 'bar'
    const parsed = parseSnapshot(json)
    expect(parsed).toBe(json)
    expect(parsed.entitlements.seats).toHaveProperty('displayHint', 'bar')
  })

  it('accepts owned add-ons (optional: absent, empty or a list of { id, name }) and keeps extra fields', () => {
    for (const addons of [undefined, [], [{ id: 'extra-seats', name: '+5 seats', since: '2026-01-01' }]]) {
      const json = { ...copy(globex), addons }
      expect(parseSnapshot(json)).toBe(json)
    }
  })

  it('accepts a null plan, a trial end, offsets and an empty entitlement set', () => {
    const json = { ...copy(acme), plan: null, trialEndsAt: '2026-11-23T10:00:00+02:00', entitlements: {} }
    expect(parseSnapshot(json)).toBe(json)
  })

  // Each row breaks one field; the message must name its path and what was wrong.
  const bad: [string, (json: ReturnType<typeof copy>) => void, string][] = [
    ['customerId', (j) => delete j.customerId, 'snapshot.customerId: expected a string, got undefined'],
    ['environment', (j) => (j.environment = 7), 'snapshot.environment: expected a string, got 7'],
    [
      'version string',
      (j) => (j.version = '12'),
      'snapshot.version: expected a non-negative integer, got "12"',
    ],
    [
      'version fraction',
      (j) => (j.version = 1.5),
      'snapshot.version: expected a non-negative integer, got 1.5',
    ],
    [
      'version negative',
      (j) => (j.version = -1),
      'snapshot.version: expected a non-negative integer, got -1',
    ],
    [
      'generatedAt',
      (j) => (j.generatedAt = 'yesterday'),
      'snapshot.generatedAt: expected an ISO-8601 instant, got "yesterday"',
    ],
    ['plan', (j) => (j.plan = 'basic'), 'snapshot.plan: expected an object, got "basic"'],
    ['plan.name', (j) => (j.plan.name = null), 'snapshot.plan.name: expected a string, got null'],
    ['addons', (j) => (j.addons = 'extra-seats'), 'snapshot.addons: expected an array, got "extra-seats"'],
    ['addons null', (j) => (j.addons = null), 'snapshot.addons: expected an array, got null'],
    [
      'an add-on',
      (j) => (j.addons = ['extra-seats']),
      'snapshot.addons[0]: expected an object, got "extra-seats"',
    ],
    [
      'add-on id',
      (j) => (j.addons = [{ id: 'extra-seats', name: '+5 seats' }, { name: 'AI' }]),
      'snapshot.addons[1].id: expected a string, got undefined',
    ],
    [
      'add-on name',
      (j) => (j.addons = [{ id: 'ai-addon', name: 5 }]),
      'snapshot.addons[0].name: expected a string, got 5',
    ],
    [
      'trialEndsAt',
      (j) => (j.trialEndsAt = 1_700_000_000),
      'snapshot.trialEndsAt: expected an ISO-8601 instant or null, got 1700000000',
    ],
    ['entitlements', (j) => (j.entitlements = []), 'snapshot.entitlements: expected an object, got an array'],
    [
      'an entitlement',
      (j) => (j.entitlements.seats = true),
      'snapshot.entitlements["seats"]: expected an object, got true',
    ],
    [
      'limit',
      (j) => (j.entitlements.seats.limit = 'ten'),
      'snapshot.entitlements["seats"].limit: expected a non-negative number or null, got "ten"',
    ],
    [
      'limit negative',
      (j) => (j.entitlements.seats.limit = -3),
      'snapshot.entitlements["seats"].limit: expected a non-negative number or null, got -3',
    ],
    [
      'usage missing',
      (j) => delete j.entitlements['api-calls'].usage,
      'snapshot.entitlements["api-calls"].usage: expected a non-negative number, got undefined',
    ],
    [
      'enforcement',
      (j) => (j.entitlements.seats.enforcement = 'strict'),
      'snapshot.entitlements["seats"].enforcement: expected one of "hard", "soft", got "strict"',
    ],
    [
      'resetPeriod',
      (j) => (j.entitlements['api-calls'].resetPeriod = 'quarter'),
      'snapshot.entitlements["api-calls"].resetPeriod: expected one of "day", "week", "month", "year", null, got "quarter"',
    ],
    [
      'resetsAt',
      (j) => (j.entitlements['api-calls'].resetsAt = '2026-13-45T00:00:00Z'),
      'snapshot.entitlements["api-calls"].resetsAt: expected an ISO-8601 instant or null, got "2026-13-45T00:00:00Z"',
    ],
    [
      'source',
      (j) => (j.entitlements['advanced-filtering'].source = 'gift'),
      'snapshot.entitlements["advanced-filtering"].source: expected one of "plan", "addon", "trial", "promotion", "override", got "gift"',
    ],
    [
      'expiresAt',
      (j) => (j.entitlements['advanced-filtering'].expiresAt = 'soon'),
      'snapshot.entitlements["advanced-filtering"].expiresAt: expected an ISO-8601 instant or null, got "soon"',
    ],
    [
      'config value',
      (j) => (j.entitlements['retention-days'].value = { days: 3 }),
      'snapshot.entitlements["retention-days"].value: expected a string, finite number or boolean, got an object',
    ],
    [
      'kind missing',
      (j) => delete j.entitlements['advanced-filtering'].kind,
      'snapshot.entitlements["advanced-filtering"].kind: expected a string, got undefined',
    ],
  ]

  it.each(bad)('names the bad field: %s', (_, breakIt, message) => {
    const json = copy(acme)
    breakIt(json)
    const error = errorOf(() => parseSnapshot(json))
    expect(error.code).toBe('invalid_response')
    expect(error.message).toBe(message)
  })

  it('shortens long strings in messages', () => {
    const json = { ...copy(acme), generatedAt: 'x'.repeat(500) }
    expect(errorOf(() => parseSnapshot(json)).message).toBe(
      `snapshot.generatedAt: expected an ISO-8601 instant, got "${'x'.repeat(40)}…"`,
    )
  })

  it('quotes feature ids that are not identifiers', () => {
    const json = copy(acme)
    json.entitlements['we"ird key'] = { kind: 'boolean', source: 'plan' }
    expect(errorOf(() => parseSnapshot(json)).message).toBe(
      'snapshot.entitlements["we\\"ird key"].expiresAt: expected an ISO-8601 instant or null, got undefined',
    )
  })

  it.each([undefined, null, 'text', 42, []])('rejects a non-object body %j', (json) => {
    expect(errorOf(() => parseSnapshot(json)).message).toMatch(/^snapshot: expected an object, got /)
  })

  describe('an entitlement of an unknown kind', () => {
    it('is skipped with a development warning; the rest of the snapshot is kept', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const json = copy(acme)
      json.entitlements.credits = { kind: 'credits', balance: 5, source: 'plan', expiresAt: null }
      const before = copy(json)
      const parsed = parseSnapshot(json)
      expect(Object.keys(parsed.entitlements)).toEqual([
        'advanced-filtering',
        'retention-days',
        'seats',
        'api-calls',
      ])
      expect(parsed.entitlements.seats).toBe(json.entitlements.seats)
      expect(parsed.version).toBe(12)
      expect(json).toEqual(before) // input untouched
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('snapshot.entitlements["credits"] has kind "credits"'),
      )
      expect(evaluate(parsed, 'credits').reason).toBe('not-entitled')
      expect(evaluate(parsed, 'seats', { requested: 0 }).reason).toBe('within-limit')
    })

    it('warns once per field, not on every refetch', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const json = copy(acme)
      json.entitlements.tokens = { kind: 'wallet', source: 'plan', expiresAt: null }
      parseSnapshot(json)
      parseSnapshot(json)
      expect(warn).toHaveBeenCalledTimes(1)
    })
  })
})

describe('parseCatalog', () => {
  it('accepts the LogPilot catalog as is', () => {
    const json = copy(logpilotCatalog)
    expect(parseCatalog(json)).toBe(json)
    expect(json).toEqual(logpilotCatalog)
  })

  it('accepts extra fields, contact-us prices, yearly and one-time prices', () => {
    const json = copy(logpilotCatalog)
    json.currency = 'USD'
    json.plans[2].price = null
    json.plans[1].price.interval = 'year'
    json.addons[0].price.interval = 'one_time'
    json.plans[0].badge = 'Free'
    expect(parseCatalog(json)).toBe(json)
  })

  it('accepts sales-led plans and add-ons with an https: or mailto: contact URL', () => {
    const json = copy(logpilotCatalog)
    json.plans[2].salesLed = true
    json.plans[2].contactUrl = 'https://logpilot.example/sales?plan=enterprise'
    json.addons[0].price = null
    json.addons[0].contactUrl = 'mailto:sales@logpilot.example'
    expect(parseCatalog(json)).toBe(json)
  })

  const bad: [string, (json: ReturnType<typeof copy>) => void, string][] = [
    ['features', (j) => (j.features = {}), 'catalog.features: expected an array, got an object'],
    [
      'salesLed',
      (j) => (j.plans[2].salesLed = 'yes'),
      'catalog.plans[2].salesLed: expected a boolean, got "yes"',
    ],
    ...[
      'javascript:alert(1)',
      'http://logpilot.example/sales',
      '//evil.example',
      'https://',
      'mailto:',
      'https://a b',
    ].map((url): [string, (json: ReturnType<typeof copy>) => void, string] => [
      `contactUrl ${url}`,
      (j) => (j.addons[1].contactUrl = url),
      `catalog.addons[1].contactUrl: expected an https: or mailto: URL, got ${JSON.stringify(url)}`,
    ]),
    ['feature id', (j) => (j.features[2].id = 3), 'catalog.features[2].id: expected a string, got 3'],
    ['feature unit', (j) => (j.features[5].unit = 1), 'catalog.features[5].unit: expected a string, got 1'],
    ['plans', (j) => delete j.plans, 'catalog.plans: expected an array, got undefined'],
    ['plan name', (j) => delete j.plans[1].name, 'catalog.plans[1].name: expected a string, got undefined'],
    [
      'plan description',
      (j) => (j.plans[1].description = false),
      'catalog.plans[1].description: expected a string, got false',
    ],
    [
      'price amount',
      (j) => (j.plans[1].price.amount = '49.00'),
      'catalog.plans[1].price.amount: expected a non-negative integer, got "49.00"',
    ],
    [
      'price currency',
      (j) => delete j.plans[1].price.currency,
      'catalog.plans[1].price.currency: expected a three-letter currency code, got undefined',
    ],
    [
      'price interval',
      (j) => (j.plans[1].price.interval = 'weekly'),
      'catalog.plans[1].price.interval: expected one of "month", "year", "one_time", got "weekly"',
    ],
    ['price', (j) => (j.plans[1].price = 49), 'catalog.plans[1].price: expected an object, got 49'],
    [
      'trialDays',
      (j) => delete j.plans[2].trialDays,
      'catalog.plans[2].trialDays: expected a non-negative integer, got undefined',
    ],
    ['grants', (j) => (j.plans[0].grants = null), 'catalog.plans[0].grants: expected an object, got null'],
    [
      'grant limit',
      (j) => (j.plans[0].grants.seats.limit = 'three'),
      'catalog.plans[0].grants["seats"].limit: expected a non-negative number or null, got "three"',
    ],
    [
      'grant limit Infinity',
      (j) => (j.plans[0].grants.seats.limit = Number.POSITIVE_INFINITY),
      'catalog.plans[0].grants["seats"].limit: expected a non-negative number or null, got Infinity',
    ],
    [
      'grant enforcement',
      (j) => delete j.plans[0].grants.seats.enforcement,
      'catalog.plans[0].grants["seats"].enforcement: expected one of "hard", "soft", got undefined',
    ],
    [
      'config grant value',
      (j) => (j.plans[0].grants['retention-days'].value = null),
      'catalog.plans[0].grants["retention-days"].value: expected a string, finite number or boolean, got null',
    ],
    ['addons', (j) => (j.addons = 'none'), 'catalog.addons: expected an array, got "none"'],
    [
      'availableFor',
      (j) => (j.addons[0].availableFor = 'premium'),
      'catalog.addons[0].availableFor: expected an array, got "premium"',
    ],
    [
      'availableFor member',
      (j) => (j.addons[1].availableFor = ['premium', 7]),
      'catalog.addons[1].availableFor[1]: expected a string, got 7',
    ],
    [
      'addon grant',
      (j) => (j.addons[0].grants.seats = []),
      'catalog.addons[0].grants["seats"]: expected an object, got an array',
    ],
  ]

  it.each(bad)('names the bad field: %s', (_, breakIt, message) => {
    const json = copy(logpilotCatalog)
    breakIt(json)
    const error = errorOf(() => parseCatalog(json))
    expect(error.code).toBe('invalid_response')
    expect(error.message).toBe(message)
  })

  it('skips features and grants of unknown kinds, keeping everything else, input untouched', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const json = copy(logpilotCatalog)
    json.features.push({ id: 'credits', name: 'Credits', kind: 'wallet' })
    json.plans[1].grants.credits = { kind: 'wallet', amount: 100 }
    json.addons[1].grants.credits = { kind: 'wallet', amount: 5 }
    const before = copy(json)
    const parsed = parseCatalog(json)
    expect(parsed).toEqual(logpilotCatalog)
    expect(parsed.plans[0]).toBe(json.plans[0])
    expect(json).toEqual(before)
  })
})

describe('usage responses', () => {
  const seats = () => copy(acme.entitlements.seats)

  it('parseMeteredEntitlement accepts a metered entitlement as is', () => {
    const json = seats()
    expect(parseMeteredEntitlement(json)).toBe(json)
  })

  it('parseMeteredEntitlement rejects other kinds', () => {
    expect(
      errorOf(() => parseMeteredEntitlement(copy(acme.entitlements['advanced-filtering']))).message,
    ).toBe('entitlement.kind: expected "metered", got "boolean"')
  })

  it('parseUsageResult checks { entitlement, version }', () => {
    const json = { entitlement: seats(), version: 13 }
    expect(parseUsageResult(json)).toBe(json)
    expect(errorOf(() => parseUsageResult({ entitlement: seats() })).message).toBe(
      'usage.version: expected a non-negative integer, got undefined',
    )
    const broken = { entitlement: { ...seats(), usage: -1 }, version: 13 }
    expect(errorOf(() => parseUsageResult(broken)).message).toBe(
      'usage.entitlement.usage: expected a non-negative number, got -1',
    )
    expect(errorOf(() => parseUsageResult('ok')).message).toBe('usage: expected an object, got "ok"')
  })
})
