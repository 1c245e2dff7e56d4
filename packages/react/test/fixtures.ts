import { createTestSnapshot } from '../src/testing/snapshots.js'

/** The fixed clock of these tests: 2026-11-21T10:00:00.000Z. */
export const NOW = Date.parse('2026-11-21T10:00:00.000Z')

/** LogPilot's `acme`: Basic, seats 3 of 3 (at the hard limit), api-calls 950 of 1,000. */
export const acme = () =>
  createTestSnapshot({ customerId: 'acme', plan: 'basic', usage: { seats: 3, 'api-calls': 950 }, now: NOW })

/** LogPilot's `globex`: Premium, seats 7 of 10, api-calls over the soft limit, promotional ai-assistant for 10 days. */
export const globex = () =>
  createTestSnapshot({
    customerId: 'globex',
    plan: 'premium',
    usage: { seats: 7, 'api-calls': 52_300 },
    entitlements: {
      'ai-assistant': { kind: 'boolean', source: 'promotion', expiresAt: '2026-12-01T10:00:00.000Z' },
    },
    now: NOW,
  })
