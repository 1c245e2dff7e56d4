// Catalogs for the component kit's tests and stories: LogPilot with yearly prices (17 % off) and a
// sales-led plan, the kind of price list a pricing page has to handle.
import type { Catalog } from '@entitle/core'
import { logpilotCatalog } from '../src/testing/logpilotCatalog.js'

const [basic, premium, enterprise] = logpilotCatalog.plans

/** LogPilot, with Premium and Enterprise also billed yearly, and "Scale" sold through sales (no price). */
export const yearlyCatalog: Catalog = {
  ...logpilotCatalog,
  plans: [
    basic,
    premium,
    { ...premium, id: 'premium-yearly', price: { amount: 49_000, currency: 'USD', interval: 'year' } },
    enterprise,
    { ...enterprise, id: 'enterprise-yearly', price: { amount: 299_000, currency: 'USD', interval: 'year' } },
    {
      id: 'scale',
      name: 'Scale',
      description: 'Dedicated infrastructure, SSO and an SLA, priced for your volume.',
      price: null,
      trialDays: 0,
      salesLed: true,
      contactUrl: 'mailto:sales@logpilot.example',
      grants: enterprise.grants,
    },
  ],
}

/** Every name and description as long as real catalogs get: wraps, never overflows. */
export const longTextCatalog: Catalog = {
  ...logpilotCatalog,
  features: logpilotCatalog.features.map((f) => ({
    ...f,
    name: `${f.name} with a considerably longer name than usual`,
  })),
  plans: logpilotCatalog.plans.map((p) => ({
    ...p,
    name: `${p.name} Professional Unlimited Edition`,
    description: 'Everything a growing team needs to search, keep and understand its logs, in one place.',
  })),
}
