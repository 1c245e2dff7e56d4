// The way back from a hosted checkout: the pending checkout in sessionStorage, the return marker, and
// the client's wait for the entitlement bought.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PENDING_CHECKOUT_KEY, type PendingCheckout, rememberCheckout } from '../src/checkout.js'
// Imported up front too, so the client's lazy imports resolve from the module cache.
import { matchCheckoutReturn, takePendingCheckout } from '../src/checkoutReturn.js'
import '../src/waitFor.js'
import type { EntitlementsClientState } from '../src/clientTypes.js'
import type { EntitlementEvent } from '../src/types.js'
import { createFakeServer, type FakeServer, snapshotOf } from './fakeServer.js'
import { clientFor, MemoryStorage, SERVER_NOW, stateWhere } from './helpers.js'

const pending = (overrides: Partial<PendingCheckout> = {}): PendingCheckout => ({
  customerId: 'acme',
  feature: 'ai-assistant',
  reason: 'not-entitled',
  offer: { type: 'plan', id: 'enterprise', name: 'Enterprise' },
  startedAt: SERVER_NOW - 60_000,
  surface: 'inline',
  ...overrides,
})

describe('the pending checkout and the return marker', () => {
  it('a URL parameter: cancel / cancelled is a cancel, any other value a success, no parameter no return', () => {
    const at = (query: string) => matchCheckoutReturn('checkout', new URL(`https://app.test/${query}#/team`))
    expect(at('?checkout=success')).toBe('success')
    expect(at('?checkout=1')).toBe('success')
    expect(at('?checkout=cancel')).toBe('cancel')
    expect(at('?checkout=cancelled')).toBe('cancel')
    expect(at('?other=1')).toBeNull()
    expect(
      matchCheckoutReturn(
        (url) => (url.pathname === '/billing/done' ? 'success' : null),
        new URL('https://app.test/billing/done'),
      ),
    ).toBe('success')
  })

  it('remembered, then taken once', () => {
    const storage = new MemoryStorage()
    rememberCheckout(pending(), storage)
    expect(takePendingCheckout('acme', SERVER_NOW, storage)).toEqual(pending())
    expect(takePendingCheckout('acme', SERVER_NOW, storage)).toBeUndefined()
  })

  it("another customer's, a day-old, a malformed one or throwing storage: none, never an exception", () => {
    const storage = new MemoryStorage()
    rememberCheckout(pending({ customerId: 'globex' }), storage)
    expect(takePendingCheckout('acme', SERVER_NOW, storage)).toBeUndefined()
    rememberCheckout(pending({ startedAt: SERVER_NOW - 86_400_000 }), storage)
    expect(takePendingCheckout('acme', SERVER_NOW, storage)).toBeUndefined()
    storage.setItem(PENDING_CHECKOUT_KEY, '{"customerId":"acme","feature":7}')
    expect(takePendingCheckout('acme', SERVER_NOW, storage)).toBeUndefined()
    storage.setItem(PENDING_CHECKOUT_KEY, 'not json')
    expect(takePendingCheckout('acme', SERVER_NOW, storage)).toBeUndefined()
    storage.failWrites = new Error('QuotaExceededError')
    expect(() => rememberCheckout(pending(), storage)).not.toThrow()
    storage.failReads = new Error('SecurityError')
    expect(takePendingCheckout('acme', SERVER_NOW, storage)).toBeUndefined()
  })
})

describe('the client on the way back from a checkout', () => {
  let server: FakeServer
  let session: MemoryStorage
  let replaced: string[]
  const visit = (href: string) => {
    vi.stubGlobal('location', { href })
    vi.stubGlobal('history', {
      state: null,
      replaceState: (_state: unknown, _title: string, url: URL | string) => replaced.push(String(url)),
    })
  }
  const locked = snapshotOf('acme', 1, {})
  const unlocked = snapshotOf('acme', 2, {
    'ai-assistant': { kind: 'boolean', source: 'plan', expiresAt: null },
  })
  const checkoutOf = (client: { getState(): EntitlementsClientState }) => client.getState().checkout

  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
    server = createFakeServer()
    server.setSnapshot(locked)
    session = new MemoryStorage()
    vi.stubGlobal('sessionStorage', session)
    replaced = []
  })
  afterEach(async () => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    await server.close()
  })

  it('success: removes the marker, confirms once the webhook has landed, reports upgrade_completed', async () => {
    rememberCheckout(pending(), session)
    visit('https://app.test/?customer=acme&checkout=success#/assistant')
    const events: EntitlementEvent[] = []
    const client = clientFor(server, { checkoutReturn: 'checkout', onEvent: (e) => events.push(e) })
    client.start()
    const confirming = await stateWhere(client, (s) => s.checkout?.status === 'confirming')
    expect(confirming.checkout).toMatchObject({
      pending: pending(),
      returnedAt: SERVER_NOW,
      confirmedAt: null,
    })
    expect(replaced).toEqual(['https://app.test/?customer=acme#/assistant'])
    expect(session.items.size).toBe(0)

    await vi.advanceTimersByTimeAsync(1500)
    expect(checkoutOf(client)?.status).toBe('confirming')
    server.setSnapshot(unlocked) // the webhook lands
    await vi.advanceTimersByTimeAsync(2000) // the next poll
    expect(checkoutOf(client)).toMatchObject({ status: 'confirmed', confirmedAt: SERVER_NOW + 3500 })
    expect(client.check('ai-assistant').granted).toBe(true)
    expect(events).toContainEqual({
      type: 'upgrade_completed',
      feature: 'ai-assistant',
      reason: 'not-entitled',
      planId: 'enterprise',
    })
    client.stop()
  })

  it('timeout, then retry() waits again and confirms', async () => {
    rememberCheckout(pending(), session)
    visit('https://app.test/?checkout=success')
    const client = clientFor(server, { checkoutReturn: 'checkout', checkoutTimeoutMs: 5000 })
    client.start()
    await stateWhere(client, (s) => s.checkout?.status === 'confirming')
    await vi.advanceTimersByTimeAsync(5000)
    expect(checkoutOf(client)?.status).toBe('timeout')
    server.setSnapshot(unlocked)
    checkoutOf(client)?.retry()
    expect(checkoutOf(client)?.status).toBe('confirming')
    await vi.advanceTimersByTimeAsync(0)
    await stateWhere(client, (s) => s.checkout?.status === 'confirmed')
    client.stop()
  })

  it('cancel: nothing to wait for, the paywall comes back; dismiss() forgets it', async () => {
    rememberCheckout(pending({ surface: 'dialog' }), session)
    visit('https://app.test/?checkout=cancel')
    const client = clientFor(server, { checkoutReturn: 'checkout' })
    client.start()
    const state = await stateWhere(client, (s) => s.checkout !== undefined)
    expect(state.checkout).toMatchObject({ status: 'cancelled', pending: { surface: 'dialog' } })
    expect(replaced).toEqual(['https://app.test/'])
    state.checkout?.dismiss()
    expect(checkoutOf(client)).toBeUndefined()
    client.stop()
  })

  it('back without a pending checkout (another tab, a bookmark): refreshes, shows nothing special', async () => {
    visit('https://app.test/?checkout=success')
    // Fresh server-rendered data: start() alone would not fetch.
    const client = clientFor(server, { checkoutReturn: 'checkout', initialSnapshot: locked })
    client.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(server.count('GET', '/v1/customers/acme/entitlements')).toBe(1)
    expect(checkoutOf(client)).toBeUndefined()
    client.stop()
  })

  it('an ordinary page load is not a return; without the option the URL is never read', async () => {
    rememberCheckout(pending(), session)
    visit('https://app.test/?customer=acme')
    const client = clientFor(server, { checkoutReturn: 'checkout' })
    client.start()
    await stateWhere(client, (s) => s.status === 'success')
    await vi.advanceTimersByTimeAsync(0)
    expect(checkoutOf(client)).toBeUndefined()
    expect(session.items.size).toBe(1) // kept for the real return
    visit('https://app.test/?checkout=success')
    const plain = clientFor(server)
    plain.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(checkoutOf(plain)).toBeUndefined()
    expect(replaced).toEqual([])
    client.stop()
    plain.stop()
  })
})
