// The demo's seed: the mock server's LogPilot seed, plus one sales-led plan ("Dedicated": no price,
// contact sales) so the demo can show what a paywall does with it. Only the demo serves it; the
// sample catalog of the library (its tests, Storybook) stays the three plans of DESIGN.md.
import { defaultSeed, logPilotCatalog } from '@entitle/mock-server'

const enterprise = logPilotCatalog.plans.find((plan) => plan.id === 'enterprise')

/** The LogPilot seed with the sales-led Dedicated plan. */
export const demoSeed = {
  ...defaultSeed,
  catalog: {
    ...logPilotCatalog,
    plans: [
      ...logPilotCatalog.plans,
      {
        id: 'dedicated',
        name: 'Dedicated',
        description: 'Your own cluster, a year of log retention, SSO and a named engineer',
        price: null,
        salesLed: true,
        contactUrl: 'mailto:sales@logpilot.example',
        trialDays: 0,
        grants: { ...enterprise?.grants, 'retention-days': { kind: 'config', value: 365 } },
      },
    ],
  },
}
