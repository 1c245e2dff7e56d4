// check() alone, on a hand-made state: fallbacks and fail mode without data, a code catalog's
// enforcement, the server's clock for expiry, one object per repeated check.
import { describe, expect, it } from 'vitest'
import { defineCatalog } from '../src/catalog.js'
import { createChecker } from '../src/checks.js'
import type { EntitlementsClientState } from '../src/clientTypes.js'
import { snapshotOf } from './fakeServer.js'

const state = (over: Partial<EntitlementsClientState>): EntitlementsClientState => ({
  customerId: 'acme',
  snapshot: undefined,
  status: 'loading',
  error: null,
  isStale: false,
  pendingUsage: 0,
  catalog: undefined,
  live: 'off',
  ...over,
})
const catalog = defineCatalog({
  features: [
    { id: 'seats', kind: 'metered' },
    { id: 'sso', kind: 'boolean' },
  ],
  plans: [{ grants: { seats: { kind: 'metered', enforcement: 'hard' } } }],
})

describe('createChecker', () => {
  it('without data: fallbacks, then fail-open except hard limits the code catalog knows', () => {
    let s = state({ status: 'error' })
    const check = createChecker({
      getState: () => s,
      fallbacks: new Map([['sso', false]]),
      failMode: 'open',
      codeCatalog: catalog,
      serverNow: () => 0,
    })
    expect(check('seats')).toMatchObject({ granted: false, reason: 'limit-exceeded', isFallback: true })
    expect(check('sso')).toMatchObject({ granted: false, isFallback: true })
    s = state({ status: 'loading' })
    expect(check('seats').reason).toBe('loading')
  })

  it('decides expiry on the server clock, and returns one object per repeated check', () => {
    let now = 0
    const snapshot = snapshotOf('acme', 1, {
      sso: { kind: 'boolean', source: 'promotion', expiresAt: new Date(1000).toISOString() },
    })
    const s = state({ status: 'success', snapshot })
    const check = createChecker({
      getState: () => s,
      fallbacks: new Map(),
      failMode: undefined,
      codeCatalog: undefined,
      serverNow: () => now,
    })
    const first = check('sso')
    expect(first.granted).toBe(true)
    expect(check('sso')).toBe(first)
    now = 1000
    expect(check('sso')).toMatchObject({ granted: false, reason: 'expired' })
  })
})
