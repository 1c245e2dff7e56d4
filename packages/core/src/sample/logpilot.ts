// The LogPilot catalog of DESIGN.md (a log-management SaaS): the one sample catalog of the workspace.
// The mock server seeds it, `@entitle/react/testing` builds its scenarios on it and core's tests use
// it, so it lives here (a subpath of @entitle/core, tree-shaken away from apps that do not import it).
import type { Catalog } from '../types.js'

const usd = (amount: number) => ({ amount, currency: 'USD', interval: 'month' as const })

/** The LogPilot catalog: Basic (free), Premium ($49/mo), Enterprise ($299/mo); add-ons "+5 seats" and "AI assistant". */
export const logPilotCatalog = {
  features: [
    { id: 'advanced-filtering', name: 'Advanced filtering', kind: 'boolean' },
    { id: 'api-access', name: 'API access', kind: 'boolean' },
    { id: 'premium-support', name: 'Premium support', kind: 'boolean' },
    { id: 'ai-assistant', name: 'AI assistant', kind: 'boolean' },
    { id: 'retention-days', name: 'Log retention', kind: 'config', unit: 'day' },
    { id: 'seats', name: 'Seats', kind: 'metered', unit: 'seat' },
    { id: 'api-calls', name: 'API calls', kind: 'metered', unit: 'call' },
  ],
  plans: [
    {
      id: 'basic',
      name: 'Basic',
      price: usd(0),
      trialDays: 0,
      grants: {
        'advanced-filtering': { kind: 'boolean' },
        'retention-days': { kind: 'config', value: 3 },
        seats: { kind: 'metered', limit: 3, enforcement: 'hard', resetPeriod: null },
        'api-calls': { kind: 'metered', limit: 1000, enforcement: 'soft', resetPeriod: 'month' },
      },
    },
    {
      id: 'premium',
      name: 'Premium',
      price: usd(4900),
      trialDays: 0,
      grants: {
        'advanced-filtering': { kind: 'boolean' },
        'api-access': { kind: 'boolean' },
        'premium-support': { kind: 'boolean' },
        'retention-days': { kind: 'config', value: 14 },
        seats: { kind: 'metered', limit: 10, enforcement: 'hard', resetPeriod: null },
        'api-calls': { kind: 'metered', limit: 50_000, enforcement: 'soft', resetPeriod: 'month' },
      },
    },
    {
      id: 'enterprise',
      name: 'Enterprise',
      price: usd(29_900),
      trialDays: 14,
      grants: {
        'advanced-filtering': { kind: 'boolean' },
        'api-access': { kind: 'boolean' },
        'premium-support': { kind: 'boolean' },
        'ai-assistant': { kind: 'boolean' },
        'retention-days': { kind: 'config', value: 90 },
        seats: { kind: 'metered', limit: null, enforcement: 'hard', resetPeriod: null },
        'api-calls': { kind: 'metered', limit: null, enforcement: 'soft', resetPeriod: 'month' },
      },
    },
  ],
  addons: [
    {
      id: 'extra-seats',
      name: '+5 seats',
      price: usd(2500),
      availableFor: ['premium'],
      grants: { seats: { kind: 'metered', limit: 5, enforcement: 'hard', resetPeriod: null } },
    },
    {
      id: 'ai-addon',
      name: 'AI assistant',
      price: usd(1900),
      availableFor: ['premium'],
      grants: { 'ai-assistant': { kind: 'boolean' } },
    },
  ],
} as const satisfies Catalog

/** The feature ids of the LogPilot catalog. */
export type LogPilotFeature = (typeof logPilotCatalog)['features'][number]['id']
