// Seeds: the default LogPilot data, relative times, and clear errors for bad seed files.
import { describe, expect, it } from 'vitest'
import { checkSeed, defaultSeed, logPilotCatalog, stateFromSeed } from '../src/seed.js'
import { DAY, T0 } from './helpers.js'

describe('seed', () => {
  it('the default seed sets times relative to the clock and Stripe ids / tokens by convention', () => {
    const state = stateFromSeed(defaultSeed, T0)
    expect(Object.keys(state.customers)).toEqual(['acme', 'globex', 'initech', 'umbrella'])
    expect(state.customers.globex?.promotions[0]).toMatchObject({
      feature: 'ai-assistant',
      endsAt: T0 + 10 * DAY,
    })
    expect(state.customers.initech?.trial).toEqual({ planId: 'enterprise', endsAt: T0 + 2 * DAY })
    expect(state.customers.acme).toMatchObject({
      token: 'demo-acme',
      stripeCustomerId: 'cus_acme',
      version: T0,
    })
  })

  it('a server seeded later (a restart without --state) serves newer versions than before', () => {
    const first = stateFromSeed(defaultSeed, T0)
    const acme = first.customers.acme!
    acme.version += 500 // changes served by the first run
    const restarted = stateFromSeed(defaultSeed, T0 + 60_000)
    expect(restarted.customers.acme!.version).toBeGreaterThan(acme.version)
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
    [
      { customers: [{ id: 'a', planId: 'basic', promotions: [{ feature: 'nope' }] }] },
      'promotions[0].feature',
    ],
    [
      { customers: [{ id: 'a', planId: 'basic', trial: { planId: 'enterprise', endsAt: 'soon' } }] },
      'trial.endsAt',
    ],
  ])('refuses %j naming the mistake', (seed, message) => {
    expect(() => stateFromSeed(checkSeed(seed), T0)).toThrow(message)
  })

  it('a promotion of a non-boolean feature needs a grant', () => {
    expect(() =>
      stateFromSeed(
        {
          catalog: logPilotCatalog,
          customers: [{ id: 'a', planId: 'basic', promotions: [{ feature: 'seats' }] }],
        },
        T0,
      ),
    ).toThrow('promotions[0].grant')
  })
})
