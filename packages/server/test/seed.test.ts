// Seeds: relative times, conventions for tokens and Stripe ids, versions, idempotent application,
// and clear errors for bad seed files.
import { describe, expect, it } from 'vitest'
import {
  checkSeed,
  createEntitlementsServer,
  customersFromSeed,
  memoryStore,
  seedTokens,
  staticTokens,
} from '../src/index.js'
import { catalog, DAY, NOW } from './fixtures.js'

const seed = {
  customers: [
    { id: 'acme', planId: 'basic', usage: { seats: 3, 'api-calls': 950 } },
    { id: 'globex', planId: 'premium', promotions: [{ feature: 'ai-assistant', endsInDays: 10 }] },
    { id: 'initech', planId: 'basic', trial: { planId: 'enterprise', endsInDays: 2 } },
  ],
}

describe('seed', () => {
  it('sets times relative to the clock, tokens demo-<id> and Stripe ids cus_<id> by convention', () => {
    const customers = customersFromSeed(checkSeed(seed, catalog), NOW)
    expect(customers.map((c) => c.customer.id)).toEqual(['acme', 'globex', 'initech'])
    const [acme, globex, initech] = customers
    expect(acme).toMatchObject({
      token: 'demo-acme',
      customer: { stripeCustomerId: 'cus_acme', mark: { version: NOW } },
    })
    expect(acme?.customer.usage['api-calls']).toEqual({
      used: 950,
      period: 'month',
      periodStart: Date.parse('2026-03-01T00:00:00.000Z'),
    })
    expect(globex?.customer.state.promotions[0]).toEqual({
      feature: 'ai-assistant',
      grant: { kind: 'boolean' },
      endsAt: NOW + 10 * DAY,
    })
    expect(initech?.customer.state.trial).toEqual({ planId: 'enterprise', endsAt: NOW + 2 * DAY })
    expect(initech?.customer.state.trialsUsed).toEqual(['enterprise'])
    expect(seedTokens(seed)).toEqual({
      'demo-acme': 'acme',
      'demo-globex': 'globex',
      'demo-initech': 'initech',
    })
  })

  it('a backend seeded again later (its data lost) serves newer versions than before', () => {
    const first = customersFromSeed(checkSeed(seed, catalog), NOW)[0]?.customer.mark.version ?? 0
    const later = customersFromSeed(checkSeed(seed, catalog), NOW + 60_000)[0]?.customer.mark.version ?? 0
    expect(later).toBeGreaterThan(first + 500)
  })

  it('applies idempotently: customers that exist keep their data', async () => {
    const store = memoryStore()
    const server = createEntitlementsServer({
      catalog,
      store,
      authenticate: staticTokens(seedTokens(seed)),
      clock: () => NOW,
    })
    expect(await server.admin.seed(seed)).toEqual({ created: ['acme', 'globex', 'initech'], existing: [] })
    await server.reportUsage('acme', { feature: 'api-calls', amount: 10 })
    expect(await server.admin.seed(seed)).toEqual({ created: [], existing: ['acme', 'globex', 'initech'] })
    const snapshot = await server.getSnapshot('acme')
    expect(snapshot?.entitlements['api-calls']).toMatchObject({ usage: 960 })
    server.close()
  })

  it.each([
    [null, 'seed: must be a JSON object'],
    [{ customers: {} }, 'seed.customers: must be an array'],
    [
      {
        catalog: { features: [{ id: 'x', name: 'X', kind: 'metered' }], plans: 3, addons: [] },
        customers: [],
      },
      'seed: catalog.plans',
    ],
    [{ customers: [{ id: 'a b', planId: null }] }, 'seed.customers[0].id'],
    [
      {
        customers: [
          { id: 'a', planId: null },
          { id: 'a', planId: null },
        ],
      },
      'duplicate customer',
    ],
    [
      {
        customers: [
          { id: 'a', planId: null, token: 't' },
          { id: 'b', planId: null, token: 't' },
        ],
      },
      'duplicate token',
    ],
    [{ customers: [{ id: 'a', planId: 'gold' }] }, 'seed.customers[0].planId: unknown plan "gold"'],
    [{ customers: [{ id: 'a', planId: 'basic', addons: ['x'] }] }, 'seed.customers[0].addons'],
    [{ customers: [{ id: 'a', planId: 'basic', usage: { seats: -1 } }] }, 'seed.customers[0].usage.seats'],
    [{ customers: [{ id: 'a', planId: 'basic', usage: { 'ai-assistant': 1 } }] }, 'not a metered feature'],
    [
      { customers: [{ id: 'a', planId: 'basic', promotions: [{ feature: 'nope' }] }] },
      'promotions[0].feature',
    ],
    [
      { customers: [{ id: 'a', planId: 'basic', promotions: [{ feature: 'seats' }] }] },
      'promotions[0].grant',
    ],
    [{ customers: [{ id: 'a', planId: 'basic', overrides: [{ feature: 'seats' }] }] }, 'overrides[0].grant'],
    [
      { customers: [{ id: 'a', planId: 'basic', trial: { planId: 'enterprise', endsAt: 'soon' } }] },
      'trial.endsAt',
    ],
  ])('refuses %j naming the mistake', (input, message) => {
    expect(() => customersFromSeed(checkSeed(input, catalog), NOW)).toThrow(message)
  })

  it('needs a catalog: its own or the one given', () => {
    expect(() => checkSeed({ customers: [] })).toThrow('seed.catalog: is required')
  })
})
