// A catalog declared in code: `createEntitlementsClient({ catalog })` types the feature keys and
// `value()` without `Register`, and knows each feature's kind and enforcement before any data arrives.
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { defineCatalog } from '../src/catalog.js'
import { createEntitlementsClient } from '../src/client.js'
import { logPilotCatalog } from '../src/sample/logpilot.js'
import { BASE_URL } from './helpers.js'

const down: typeof fetch = () => Promise.reject(new TypeError('fetch failed'))
const clientOn = <C extends Parameters<typeof defineCatalog>[0]>(catalog: C) =>
  createEntitlementsClient({
    baseUrl: BASE_URL,
    customerId: 'acme',
    environment: 'test',
    fetch: down,
    persist: false,
    live: false,
    retries: 0,
    catalog,
  })

describe('defineCatalog + createEntitlementsClient({ catalog })', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('with no data and no fallback, a hard-limited check is refused while the others fail open', async () => {
    const client = createEntitlementsClient({
      baseUrl: BASE_URL,
      customerId: 'acme',
      environment: 'test',
      fetch: down,
      persist: false,
      live: false,
      retries: 0,
      catalog: logPilotCatalog,
    })
    await expect(client.refresh()).rejects.toMatchObject({ code: 'network' })
    expect(client.check('seats')).toMatchObject({
      granted: false,
      reason: 'limit-exceeded',
      isFallback: true,
    })
    expect(client.check('ai-assistant')).toMatchObject({
      granted: true,
      reason: 'entitled',
      isFallback: true,
    })
    expect(client.check('api-calls')).toMatchObject({ granted: true, isFallback: true }) // soft
    expect(client.value('retention-days', 3)).toBe(3)
  })

  it('types feature keys and config values by the catalog, with no Register', () => {
    const catalog = defineCatalog({
      features: [
        { id: 'seats', name: 'Seats', kind: 'metered' },
        { id: 'region', name: 'Region', kind: 'config' },
        { id: 'sso', name: 'SSO', kind: 'boolean' },
      ],
      plans: [
        {
          id: 'basic',
          grants: {
            seats: { kind: 'metered', limit: 3, enforcement: 'hard', resetPeriod: null },
            region: { kind: 'config', value: 'eu' },
          },
        },
      ],
    } as const)
    const client = clientOn(catalog)
    expectTypeOf(client.value('region', 'us')).toEqualTypeOf<string>()
    expectTypeOf(client.check).parameter(0).toEqualTypeOf<'seats' | 'region' | 'sso'>()
    // @ts-expect-error: not a feature of the catalog
    client.check('seets')
    // @ts-expect-error: region's values are strings
    client.value('region', 3)
    // @ts-expect-error: seats is not a config feature
    client.value('seats', 3)
    expect(client.check('sso')).toMatchObject({ reason: 'loading' })

    const logpilot = clientOn(logPilotCatalog)
    expectTypeOf(logpilot.value('retention-days', 3)).toEqualTypeOf<number>()
    // @ts-expect-error: retention-days is a number
    logpilot.value('retention-days', 'long')
  })
})
