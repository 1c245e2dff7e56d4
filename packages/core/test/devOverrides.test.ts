// Local development overrides (what the devtools panel sets): they change decisions, say so on the
// decision, show in the state, and do nothing at all in production.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEntitlementsClient } from '../src/client.js'
import { seats, snapshotOf } from './fakeServer.js'

const client = () =>
  createEntitlementsClient({
    baseUrl: 'http://entitle.test',
    customerId: 'acme',
    environment: 'test',
    persist: false,
    live: false,
    fetch: () => new Promise<Response>(() => {}),
    initialSnapshot: snapshotOf('acme', 1, {
      seats: seats(2, 5),
      sso: { kind: 'boolean', source: 'plan', expiresAt: null },
      'retention-days': { kind: 'config', value: 3, source: 'plan', expiresAt: null },
    }),
  })

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('setDevOverrides', () => {
  it('in development: overridden features decide on the override, marked isOverridden; others are untouched', () => {
    vi.stubEnv('NODE_ENV', 'development')
    const c = client()
    const listener = vi.fn()
    c.subscribe(listener)
    c.setDevOverrides?.({
      sso: false,
      seats: { kind: 'metered', limit: 5, usage: 5, enforcement: 'hard' },
      'retention-days': { kind: 'config', value: 90 },
      'ai-assistant': true,
    })
    expect(listener).toHaveBeenCalled()
    expect(c.check('sso')).toMatchObject({ granted: false, reason: 'not-entitled', isOverridden: true })
    expect(c.check('seats')).toMatchObject({
      granted: false,
      reason: 'limit-exceeded',
      usage: 5,
      limit: 5,
      isFallback: false,
      isOverridden: true,
    })
    expect(c.value('retention-days', 3)).toBe(90)
    expect(c.check('ai-assistant')).toMatchObject({ granted: true, reason: 'entitled', isOverridden: true })
    expect(c.getState().devOverrides).toEqual(expect.objectContaining({ sso: false }))

    c.setDevOverrides?.(null)
    expect(c.check('sso')).toMatchObject({ granted: true, reason: 'entitled' })
    expect(c.check('sso').isOverridden).toBeUndefined()
    expect(c.check('seats')).toMatchObject({ granted: true, usage: 2 })
    expect(c.getState().devOverrides).toBeUndefined()
  })

  it('decides even with no data yet (loading)', () => {
    vi.stubEnv('NODE_ENV', 'development')
    const c = createEntitlementsClient({
      baseUrl: 'http://entitle.test',
      customerId: 'acme',
      persist: false,
      live: false,
      fetch: () => new Promise<Response>(() => {}),
    })
    expect(c.check('seats').reason).toBe('loading')
    c.setDevOverrides?.({ seats: { kind: 'metered', limit: null, usage: 1 } })
    expect(c.check('seats')).toMatchObject({ granted: true, reason: 'unlimited', isOverridden: true })
  })

  it('in production: a no-op; every decision is the real one (and without a bundler or process)', () => {
    vi.stubEnv('NODE_ENV', 'production')
    const c = client()
    const listener = vi.fn()
    c.subscribe(listener)
    c.setDevOverrides?.({ sso: false, seats: { kind: 'metered', limit: 5, usage: 5 } })
    expect(listener).not.toHaveBeenCalled()
    expect(c.getState().devOverrides).toBeUndefined()
    expect(c.check('sso')).toMatchObject({ granted: true, reason: 'entitled' })
    expect(c.check('seats')).toMatchObject({ granted: true, usage: 2 })
    expect(c.check('sso').isOverridden).toBeUndefined()
  })
})

describe('subscribeEvents', () => {
  it('hears every event onEvent gets, until unsubscribed; a throwing listener breaks nothing', () => {
    const onEvent = vi.fn()
    const heard = vi.fn()
    const c = createEntitlementsClient({
      baseUrl: 'http://entitle.test',
      customerId: 'acme',
      persist: false,
      live: false,
      fetch: () => new Promise<Response>(() => {}),
      onEvent,
    })
    c.subscribeEvents?.(() => {
      throw new Error('broken listener')
    })
    const stop = c.subscribeEvents?.(heard)
    c.track({ type: 'paywall_viewed', feature: 'seats', reason: 'limit-exceeded' })
    expect(heard).toHaveBeenCalledWith({ type: 'paywall_viewed', feature: 'seats', reason: 'limit-exceeded' })
    expect(onEvent).toHaveBeenCalledOnce()
    stop?.()
    c.track({ type: 'paywall_viewed', feature: 'seats', reason: 'limit-exceeded' })
    expect(heard).toHaveBeenCalledOnce()
    expect(onEvent).toHaveBeenCalledTimes(2)
  })
})
