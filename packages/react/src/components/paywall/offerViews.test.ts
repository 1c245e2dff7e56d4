import type { Catalog } from '@entitle/core'
import { describe, expect, it } from 'vitest'
import { logpilotCatalog } from '../../testing/logpilotCatalog.js'
import { defaultBillingMessages } from '../billingMessages.js'
import { defaultMessages, Formatter } from '../i18n.js'
import { itemOf, type OfferViewsInput, offerViews } from './offerViews.js'

const f = new Formatter({ locale: 'en-US', messages: { ...defaultMessages, ...defaultBillingMessages } })

// Basic, seats 3 of 3, asking for one more.
const seats: OfferViewsInput = {
  feature: 'seats',
  featureName: 'Seats',
  unit: 'seat',
  requested: 1,
  usage: 3,
  currentPlan: { id: 'basic', name: 'Basic' },
  ownedAddons: [],
  canManageBilling: true,
  trials: true,
}

describe('offerViews (a pure function of catalog, customer and strings)', () => {
  it('the offers cheapest first, the cheapest highlighted, with prices, grants, buttons and trials; the current plan as a card', () => {
    const { offers, current } = offerViews(logpilotCatalog, seats, f)
    expect(
      offers.map(({ name, action, kind, price, grants, isCheapest, trial }) => ({
        name,
        action,
        kind,
        price,
        grants,
        isCheapest,
        trial,
      })),
    ).toEqual([
      {
        name: 'Premium',
        action: 'Upgrade to Premium',
        kind: 'upgrade',
        price: '$49.00 / month',
        grants: '10 seats',
        isCheapest: true,
        trial: null,
      },
      {
        name: 'Enterprise',
        action: 'Upgrade to Enterprise',
        kind: 'upgrade',
        price: '$299.00 / month',
        grants: 'Unlimited seats',
        isCheapest: false,
        trial: 'Start 14-day free trial',
      },
    ])
    expect(current).toEqual({
      view: null,
      name: 'Basic',
      price: 'Free',
      grants: '3 seats',
      description: undefined,
      badge: 'current',
    })
    expect(offers[0] && itemOf(offers[0]).badge).toBe('cheapest')
  })

  it('a member who may not buy: every offer is "Ask an admin", no trials', () => {
    const { offers } = offerViews(logpilotCatalog, { ...seats, canManageBilling: false }, f)
    expect(offers.map((o) => [o.kind, o.action, o.trial])).toEqual([
      ['ask-admin', 'Ask an admin to upgrade to Premium', null],
      ['ask-admin', 'Ask an admin to upgrade to Enterprise', null],
    ])
  })

  it('a plan with the add-on it needs is one offer with the total; on the current plan, the add-on alone', () => {
    const ai = {
      ...seats,
      feature: 'ai-assistant',
      featureName: 'AI assistant',
      unit: undefined,
      requested: undefined,
      usage: undefined,
    }
    expect(offerViews(logpilotCatalog, ai, f).offers[0]).toMatchObject({
      name: 'Premium + AI assistant',
      price: '$68.00 / month',
      grants: 'Includes AI assistant',
    })
    const onPremium = offerViews(
      logpilotCatalog,
      { ...ai, currentPlan: { id: 'premium', name: 'Premium' } },
      f,
    )
    expect(onPremium.offers[0]).toMatchObject({ name: 'AI assistant', action: 'Add AI assistant' })
  })

  it('a currency Intl does not know is the plain number with its code, never a throw', () => {
    const odd: Catalog = {
      ...logpilotCatalog,
      plans: logpilotCatalog.plans.map((p) =>
        p.id === 'premium' ? { ...p, price: { amount: 4900, currency: 'ZZZZ', interval: 'month' } } : p,
      ),
    }
    const premium = offerViews(odd, seats, f).offers.find((o) => o.offer.id === 'premium')
    expect(premium?.price).toBe('49 ZZZZ / month')
  })
})
