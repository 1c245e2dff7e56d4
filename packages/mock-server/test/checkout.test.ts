// The simulated hosted checkout: sessions, its page, Pay (the change after the webhook delay),
// Cancel, single use, expiry, URL checks. Direct handler calls with fake timers: no sleeps.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createHandler, type MockHandler } from '../src/index.js'

const T0 = Date.parse('2026-03-15T12:00:00.000Z')
const APP = 'http://127.0.0.1:5173/?customer=acme'
const ADMIN = 'test-admin'

let handler: MockHandler
let now: number

const call = async (
  method: string,
  path: string,
  options: { token?: string; body?: unknown; form?: boolean } = {},
) => {
  const headers: Record<string, string> = {}
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.form) headers['content-type'] = 'application/x-www-form-urlencoded'
  const response = await handler(
    new Request(`http://mock.test${path}`, {
      method,
      headers,
      body: options.body === undefined ? (options.form ? '' : null) : JSON.stringify(options.body),
      redirect: 'manual',
    }),
  )
  const text = await response.text()
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: response.status, headers: response.headers, text, json }
}

const create = (body: Record<string, unknown>, token = 'demo-acme', id = 'acme') =>
  call('POST', `/v1/customers/${id}/checkout-sessions`, { token, body })
const premium = {
  planId: 'premium',
  returnUrl: `${APP}&checkout=success#/team`,
  cancelUrl: `${APP}&checkout=cancel#/team`,
}
const planOf = async (id = 'acme') => (await handler.control.snapshot(id)).plan?.id
const pathOf = (url: unknown) => new URL(String(url)).pathname

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  now = T0
  handler = createHandler({ now: () => now, adminToken: ADMIN })
  await handler.ready
})
afterEach(() => {
  handler.close()
  vi.useRealTimers()
})

describe('POST /v1/customers/:id/checkout-sessions', () => {
  it('creates a session: its page, on this server, shows the plan and the price', async () => {
    const created = await create(premium)
    expect(created.status).toBe(201)
    expect(created.json).toEqual({
      id: expect.stringMatching(/^cs_[A-Za-z0-9_-]{24}$/),
      url: `http://mock.test/checkout/${created.json.id}`,
      expiresAt: '2026-03-15T12:30:00.000Z',
    })
    const page = await call('GET', pathOf(created.json.url))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.text).toContain('<td>Premium</td><td>$49.00 / month</td>')
    expect(page.text).toContain('Pay $49.00 / month</button>')
    expect(page.text).toContain('>Cancel</button>')
    expect(page.text).toContain('1.5 s later')
    expect(await planOf()).toBe('basic') // a session changes nothing by itself
  })

  it('plan + add-ons: the total per interval (Premium + AI assistant: $68.00 / month)', async () => {
    const created = await create({ ...premium, addons: ['ai-addon'] })
    const page = await call('GET', pathOf(created.json.url))
    expect(page.text).toContain('<td>AI assistant</td><td>$19.00 / month</td>')
    expect(page.text).toContain('<th scope="row">Total</th><td>$68.00 / month</td>')
  })

  it.each([
    ['javascript:', { returnUrl: 'javascript:alert(1)' }, 'returnUrl: must be an http(s) URL'],
    ['a data: URL', { cancelUrl: 'data:text/html,<b>hi</b>' }, 'cancelUrl: must be an http(s) URL'],
    ['a relative URL', { returnUrl: '/team' }, 'returnUrl: must be an http(s) URL'],
    ['no cancel URL', { cancelUrl: undefined }, 'cancelUrl: must be an http(s) URL'],
    [
      'an unknown field',
      { coupon: 'FREE' },
      'coupon: unknown field (expected planId, addons, returnUrl, cancelUrl)',
    ],
  ])('400 for %s', async (_, change, message) => {
    const created = await create({ ...premium, ...change })
    expect(created.status).toBe(400)
    expect(created.json).toEqual({ error: { code: 'invalid_request', message } })
    expect(handler.checkout.sessions()).toEqual([])
  })

  it("the engine's rules decide what can be bought: an unknown plan, an add-on not sold with it", async () => {
    expect((await create({ ...premium, planId: 'gold' })).json).toMatchObject({
      error: { code: 'unknown_plan' },
    })
    expect((await create({ ...premium, planId: 'enterprise', addons: ['ai-addon'] })).json).toMatchObject({
      error: { code: 'addon_not_available' },
    })
    expect(handler.checkout.sessions()).toEqual([])
  })

  it("the customer's own token only: 401 without one, 403 for another customer's id", async () => {
    expect((await create(premium, '')).status).toBe(401)
    expect((await create(premium, 'demo-globex')).status).toBe(403)
    expect((await create(premium, 'demo-acme', 'globex')).status).toBe(403)
  })
})

describe('the checkout page', () => {
  it('Pay: back to returnUrl at once (303); the change lands after the delay, as a webhook would', async () => {
    const { json } = await create(premium)
    const paid = await call('POST', `${pathOf(json.url)}/pay`, { form: true })
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe(premium.returnUrl)
    await vi.advanceTimersByTimeAsync(1499)
    expect(await planOf()).toBe('basic')
    await vi.advanceTimersByTimeAsync(1)
    expect(await planOf()).toBe('premium')
    expect(handler.checkout.sessions()[0]).toMatchObject({ status: 'applied', planId: 'premium' })
  })

  it('single use: paying twice goes back twice and changes the plan once', async () => {
    const { json } = await create({ ...premium, addons: ['extra-seats'] })
    await call('POST', `${pathOf(json.url)}/pay`, { form: true })
    const again = await call('POST', `${pathOf(json.url)}/pay`, { form: true })
    expect(again.status).toBe(303)
    expect(again.headers.get('location')).toBe(premium.returnUrl)
    await vi.advanceTimersByTimeAsync(1500)
    const snapshot = await handler.control.snapshot('acme')
    const version = snapshot.version
    expect(snapshot.addons).toEqual([{ id: 'extra-seats', name: '+5 seats' }])
    await call('POST', `${pathOf(json.url)}/pay`, { form: true })
    await vi.advanceTimersByTimeAsync(10_000)
    expect((await handler.control.snapshot('acme')).version).toBe(version)
    // Its page now says so; Cancel after paying changes nothing either.
    expect((await call('GET', pathOf(json.url))).text).toContain('Payment received')
    const cancel = await call('POST', `${pathOf(json.url)}/cancel`, { form: true })
    expect(cancel.headers.get('location')).toBe(premium.returnUrl)
    expect(await planOf()).toBe('premium')
  })

  it('Cancel: back to cancelUrl, nothing changes, the session cannot be paid afterwards (410)', async () => {
    const { json } = await create(premium)
    const cancelled = await call('POST', `${pathOf(json.url)}/cancel`, { form: true })
    expect(cancelled.status).toBe(303)
    expect(cancelled.headers.get('location')).toBe(premium.cancelUrl)
    const pay = await call('POST', `${pathOf(json.url)}/pay`, { form: true })
    expect(pay.status).toBe(410)
    expect(pay.text).toContain('Checkout cancelled')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await planOf()).toBe('basic')
  })

  it('expires (by the mock clock): its page and Pay answer 410 and nothing changes', async () => {
    const { json } = await create(premium)
    now += 30 * 60_000
    const page = await call('GET', pathOf(json.url))
    expect(page.status).toBe(410)
    expect(page.text).toContain('Checkout expired')
    expect((await call('POST', `${pathOf(json.url)}/pay`, { form: true })).status).toBe(410)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await planOf()).toBe('basic')
  })

  it('an unknown session: 404 page', async () => {
    const page = await call('GET', '/checkout/cs_nope')
    expect(page.status).toBe(404)
    expect(page.text).toContain('Checkout not found')
  })

  it('{CHECKOUT_SESSION_ID} in the return URL becomes the session id, as with Stripe', async () => {
    const { json } = await create({ ...premium, returnUrl: `${APP}&session={CHECKOUT_SESSION_ID}` })
    const paid = await call('POST', `${pathOf(json.url)}/pay`, { form: true })
    expect(paid.headers.get('location')).toBe(`${APP}&session=${json.id}`)
  })

  it('catalog text is escaped on the page, and the page runs no script', async () => {
    const { json } = await create(premium)
    const page = await call('GET', pathOf(json.url))
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(page.text).not.toContain('<script')
  })
})

describe('checkout controls', () => {
  it('the delay is set through the admin API (or handler.checkout); a reset forgets waiting changes', async () => {
    const set = await call('POST', '/v1/admin/checkout', { token: ADMIN, body: { delayMs: 20_000 } })
    expect(set.json).toMatchObject({ delayMs: 20_000 })
    expect((await call('POST', '/v1/admin/checkout', { token: 'nope', body: { delayMs: 1 } })).status).toBe(
      401,
    )
    expect((await call('POST', '/v1/admin/checkout', { token: ADMIN, body: { delayMs: -1 } })).status).toBe(
      400,
    )
    const { json } = await create(premium)
    await call('POST', `${pathOf(json.url)}/pay`, { form: true })
    await vi.advanceTimersByTimeAsync(19_999)
    expect(await planOf()).toBe('basic')
    await handler.control.reset()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await planOf()).toBe('basic')
    expect(handler.checkout.sessions()).toEqual([])
    expect(handler.checkout.delayMs()).toBe(1500)
  })

  it('flush() applies paid sessions now', async () => {
    handler.checkout.setDelay(60_000)
    const { json } = await create(premium)
    await call('POST', `${pathOf(json.url)}/pay`, { form: true })
    await handler.checkout.flush()
    expect(await planOf()).toBe('premium')
  })

  it('the outage switch does not reach it (the payment provider is another service)', async () => {
    handler.control.setOutage({ down: true, mode: 'error' })
    expect((await create(premium)).status).toBe(201)
  })
})
