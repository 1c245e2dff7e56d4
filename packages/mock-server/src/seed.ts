// The LogPilot demo data: the catalog (with the descriptions the demo's pricing shows) and the sample
// customers. The seed format itself is @entitle/server's (`SeedData`).
import type { Catalog } from '@entitle/core/engine'
import { type LogPilotFeature, logPilotCatalog as sampleCatalog } from '@entitle/core/sample'
import type { SeedData } from '@entitle/server'

// What the mock server adds to the shared sample catalog: descriptions the demo's pricing shows.
const featureDescriptions: Record<LogPilotFeature, string> = {
  'advanced-filtering': 'Saved queries and regex filters',
  'api-access': 'Query your logs over the REST API',
  'premium-support': 'Four-hour response, 24/7',
  'ai-assistant': 'Explains errors and suggests queries',
  'retention-days': 'Days logs are kept',
  seats: 'Team members',
  'api-calls': 'Log API requests per month',
}
const planDescriptions: Record<string, string> = {
  basic: 'For side projects',
  premium: 'For growing teams',
  enterprise: 'For organisations with compliance needs',
}

/**
 * The demo's LogPilot catalog (DESIGN.md): three plans, two add-ons, seven features. The data is
 * `@entitle/core/sample`'s (one copy for the workspace) with the descriptions above.
 */
export const logPilotCatalog: Catalog = {
  ...sampleCatalog,
  features: sampleCatalog.features.map((f) => ({ ...f, description: featureDescriptions[f.id] })),
  // The description after the name: the catalog's JSON keeps the key order it always had.
  plans: sampleCatalog.plans.map(({ id, name, ...rest }) => ({
    id,
    name,
    description: planDescriptions[id],
    ...rest,
  })),
}

/** The sample customers of DESIGN.md, with times relative to the clock when the seed is applied. */
export const defaultSeed: SeedData = {
  environment: 'development',
  catalog: logPilotCatalog,
  customers: [
    // At the hard seat limit; close to the soft API limit.
    { id: 'acme', planId: 'basic', usage: { seats: 3, 'api-calls': 950 } },
    // Over the soft API limit; a promotion that is about to end.
    {
      id: 'globex',
      planId: 'premium',
      usage: { seats: 7, 'api-calls': 52_300 },
      promotions: [{ feature: 'ai-assistant', endsInDays: 10 }],
    },
    // Everything until the trial ends; then Basic, with more seats and calls than Basic allows.
    {
      id: 'initech',
      planId: 'basic',
      trial: { planId: 'enterprise', endsInDays: 2 },
      usage: { seats: 5, 'api-calls': 8_200 },
    },
    { id: 'umbrella', planId: 'enterprise', usage: { seats: 42, 'api-calls': 1_250_000 } },
  ],
}
