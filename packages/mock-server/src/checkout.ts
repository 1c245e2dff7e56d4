// A hosted checkout, simulated: what Stripe Checkout and the like do for a real app. The app asks for
// a session (`POST /v1/customers/:id/checkout-sessions`), sends the customer to its page, and the
// page's Pay applies the change after a delay (the webhook lag of a real provider) while the customer
// is already on the way back to `returnUrl`. Cancel goes back to `cancelUrl` and changes nothing.
//
// It plays the payment provider's part only: every rule is the server's (a session is checked by a
// dry run of the engine's `changeSubscription`, and Pay calls `server.changeSubscription`). A session
// is single-use (paying twice changes nothing twice) and expires. Like a real provider it is not
// affected by the demo's outage switch.
import { changeSubscription } from '@entitle/core/engine'
import {
  ApiError,
  type Authenticate,
  type EntitlementsServer,
  jsonResponse,
  onlyFields,
  readJsonObject,
} from '@entitle/server'
import { type CheckoutPageView, checkoutPage } from './checkoutPage.js'

/** How long a checkout session can be paid, by default (mock clock). */
export const DEFAULT_CHECKOUT_TTL_MS = 30 * 60_000
/** Pay → the change, by default: the webhook lag of a real provider. */
export const DEFAULT_CHECKOUT_DELAY_MS = 1500

type Status = 'open' | 'paid' | 'applied' | 'failed' | 'cancelled'

/** A checkout session, as `GET /v1/admin/checkout` lists it. */
export interface CheckoutSession {
  id: string
  customerId: string
  planId: string
  /** The add-ons to hold with the plan; `undefined`: the server's default (keep those sold with it). */
  addons: string[] | undefined
  returnUrl: string
  cancelUrl: string
  status: Status
  /** Epoch ms (mock clock). */
  createdAt: number
  expiresAt: number
  /** Why applying the change failed (`status: 'failed'`). */
  error?: string
}

/** The checkout's controls (tests, demo controls): `handler.checkout`. */
export interface CheckoutControl {
  /** Pay → the change, in ms (the simulated webhook lag). */
  delayMs(): number
  setDelay(ms: number): void
  /** Every session, newest last. */
  sessions(): CheckoutSession[]
  /** Applies every paid session whose change is still waiting for its delay, now. */
  flush(): Promise<void>
}

export interface CheckoutOptions {
  server: EntitlementsServer
  authenticate: Authenticate
  /** The mock clock (sessions expire by it). */
  clock: () => number
  delayMs?: number | undefined
  ttlMs?: number | undefined
  maxBodyBytes: number
  /** Throws unless the request bears the admin secret. */
  authorizeAdmin(request: Request): Promise<void>
  log(message: string, error?: unknown): void
}

const SESSION_ROUTE = /^\/v1\/customers\/([^/]+)\/checkout-sessions$/
const PAGE_ROUTE = /^\/checkout\/(cs_[A-Za-z0-9_-]+)(?:\/(pay|cancel))?$/
const MAX_SESSIONS = 1000

/** An `http:` or `https:` URL, or a 400 naming the field. */
function webUrl(body: Record<string, unknown>, field: string): string {
  const value = body[field]
  let url: URL | undefined
  try {
    url = typeof value === 'string' && value.length <= 2048 ? new URL(value) : undefined
  } catch {}
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new ApiError(400, 'invalid_request', `${field}: must be an http(s) URL`)
  return url.href
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18))
  return `cs_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')}`
}

const html = (body: string, status = 200): Response =>
  new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The page runs no script; forms post to this origin only.
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:",
      'x-frame-options': 'DENY',
    },
  })

/** A redirect after a form post (303: the browser follows with a GET). */
const seeOther = (location: string): Response =>
  new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } })

/** The checkout routes and their controls. `route` answers `undefined` for paths that are not its own. */
export function createCheckout(options: CheckoutOptions) {
  const { server, authenticate, clock, maxBodyBytes, authorizeAdmin, log } = options
  const ttlMs = options.ttlMs ?? DEFAULT_CHECKOUT_TTL_MS
  let delayMs = options.delayMs ?? DEFAULT_CHECKOUT_DELAY_MS
  const sessions = new Map<string, CheckoutSession>()
  /** Changes waiting for their delay: session id → apply now. */
  const waiting = new Map<string, { timer: ReturnType<typeof setTimeout>; apply: () => Promise<void> }>()

  const expired = (session: CheckoutSession) => session.status === 'open' && clock() >= session.expiresAt

  const apply = async (session: CheckoutSession): Promise<void> => {
    waiting.delete(session.id)
    try {
      await server.changeSubscription(session.customerId, {
        planId: session.planId,
        ...(session.addons === undefined ? {} : { addons: session.addons }),
      })
      session.status = 'applied'
    } catch (error) {
      // The customer changed meanwhile (or was deleted): the payment stays, the change is refused.
      session.status = 'failed'
      session.error = error instanceof Error ? error.message : String(error)
      log(`checkout ${session.id}: the change was refused`, error)
    }
  }

  const pay = (session: CheckoutSession): void => {
    session.status = 'paid'
    const run = () => apply(session)
    const timer = setTimeout(() => void run(), delayMs)
    // Never keeps a Node process alive (the type is Node's there, a number in browsers).
    ;(timer as { unref?: () => void }).unref?.()
    waiting.set(session.id, { timer, apply: run })
  }

  const createSession = async (request: Request, customerId: string): Promise<Response> => {
    if (request.method !== 'POST')
      throw new ApiError(405, 'method_not_allowed', 'use POST', { allow: 'POST' })
    const authenticated = await authenticate(request)
    if (authenticated === null)
      throw new ApiError(401, 'unauthorized', 'missing or invalid bearer token', {
        'www-authenticate': 'Bearer',
      })
    if (authenticated !== customerId)
      throw new ApiError(403, 'forbidden', `this token cannot access customer "${customerId}"`)
    const body = await readJsonObject(request, maxBodyBytes)
    onlyFields(body, ['planId', 'addons', 'returnUrl', 'cancelUrl'])
    const returnUrl = webUrl(body, 'returnUrl')
    const cancelUrl = webUrl(body, 'cancelUrl')
    if (body.planId !== undefined && typeof body.planId !== 'string')
      throw new ApiError(400, 'invalid_request', 'planId: must be a string')
    if (
      body.addons !== undefined &&
      (!Array.isArray(body.addons) || !body.addons.every((a): a is string => typeof a === 'string'))
    )
      throw new ApiError(400, 'invalid_request', 'addons: must be an array of add-on ids')
    const record = await server.admin.getCustomer(customerId)
    if (record === undefined) throw new ApiError(404, 'not_found', `no customer "${customerId}"`)
    const planId = (body.planId as string | undefined) ?? record.state.planId
    if (planId === null)
      throw new ApiError(400, 'invalid_request', 'planId: is required (the customer has no plan)')
    const addons = body.addons as string[] | undefined
    // The engine decides whether the change is possible (unknown plan, add-on not sold with it…): a
    // session that could never be applied is refused now, not after the customer paid.
    changeSubscription(server.catalog, record.state, { planId, ...(addons ? { addons } : {}) }, clock())
    const now = clock()
    const session: CheckoutSession = {
      id: randomId(),
      customerId,
      planId,
      addons: addons === undefined ? undefined : [...new Set(addons)],
      returnUrl,
      cancelUrl,
      status: 'open',
      createdAt: now,
      expiresAt: now + ttlMs,
    }
    sessions.set(session.id, session)
    // Bounded: the oldest sessions go first.
    for (const id of sessions.keys()) {
      if (sessions.size <= MAX_SESSIONS) break
      if (!waiting.has(id)) sessions.delete(id)
    }
    const url = new URL(`/checkout/${session.id}`, request.url).href
    return jsonResponse({ id: session.id, url, expiresAt: new Date(session.expiresAt).toISOString() }, 201)
  }

  const view = (session: CheckoutSession): CheckoutPageView => {
    const plan = server.catalog.plans.find((p) => p.id === session.planId)
    const addons = (session.addons ?? []).flatMap((id) => server.catalog.addons.filter((a) => a.id === id))
    return {
      id: session.id,
      customerId: session.customerId,
      plan: { name: plan?.name ?? session.planId, price: plan?.price ?? null },
      addons: addons.map((a) => ({ name: a.name, price: a.price })),
      state: expired(session)
        ? 'expired'
        : session.status === 'open'
          ? 'open'
          : session.status === 'cancelled'
            ? 'cancelled'
            : 'paid',
      delayMs,
      returnUrl: returnUrlOf(session),
      cancelUrl: session.cancelUrl,
    }
  }

  /** Where Pay leads: `returnUrl`, with `{CHECKOUT_SESSION_ID}` replaced as Stripe does. */
  const returnUrlOf = (session: CheckoutSession) =>
    session.returnUrl.replace(/\{CHECKOUT_SESSION_ID\}|%7BCHECKOUT_SESSION_ID%7D/g, session.id)

  const page = async (request: Request, id: string, action: string | undefined): Promise<Response> => {
    const session = sessions.get(id)
    if (session === undefined) return html(checkoutPage(undefined), 404)
    const shown = view(session)
    if (action === undefined) {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        throw new ApiError(405, 'method_not_allowed', 'use GET', { allow: 'GET' })
      return html(checkoutPage(shown), shown.state === 'expired' || shown.state === 'cancelled' ? 410 : 200)
    }
    if (request.method !== 'POST')
      throw new ApiError(405, 'method_not_allowed', 'use POST', { allow: 'POST' })
    if (shown.state === 'expired' || shown.state === 'cancelled') return html(checkoutPage(shown), 410)
    if (action === 'pay') {
      // Single-use: a second Pay (a double submit, the back button) goes back again, charging nothing.
      if (session.status === 'open') pay(session)
      return seeOther(returnUrlOf(session))
    }
    if (session.status !== 'open') return seeOther(returnUrlOf(session)) // paid already: nothing to cancel
    session.status = 'cancelled'
    return seeOther(session.cancelUrl)
  }

  const admin = async (request: Request): Promise<Response> => {
    await authorizeAdmin(request)
    if (request.method === 'POST') {
      const body = await readJsonObject(request, maxBodyBytes)
      onlyFields(body, ['delayMs'])
      const ms = body.delayMs
      if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || ms > 3_600_000)
        throw new ApiError(400, 'invalid_request', 'delayMs: must be an integer from 0 to 3600000')
      delayMs = ms
    } else if (request.method !== 'GET')
      throw new ApiError(405, 'method_not_allowed', 'use GET, POST', { allow: 'GET, POST' })
    return jsonResponse({
      delayMs,
      sessions: [...sessions.values()].map((s) => ({ ...s, status: expired(s) ? 'expired' : s.status })),
    })
  }

  const control: CheckoutControl = {
    delayMs: () => delayMs,
    setDelay(ms) {
      delayMs = ms
    },
    sessions: () => [...sessions.values()].map((s) => ({ ...s })),
    async flush() {
      for (const [, { timer, apply: run }] of [...waiting]) {
        clearTimeout(timer)
        await run()
      }
    },
  }

  return {
    control,
    /** The answer for a checkout route, or `undefined` when `path` is not one. */
    async route(request: Request, path: string): Promise<Response | undefined> {
      if (path === '/v1/admin/checkout') return admin(request)
      const create = SESSION_ROUTE.exec(path)
      if (create?.[1]) {
        let id: string
        try {
          id = decodeURIComponent(create[1])
        } catch {
          throw new ApiError(404, 'not_found', 'malformed customer id')
        }
        return createSession(request, id)
      }
      const shown = PAGE_ROUTE.exec(path)
      if (shown?.[1]) return page(request, shown[1], shown[2])
      return undefined
    },
    /** Forgets every session (changes still waiting are dropped) and the delay set since (a reset to the seed). */
    reset(): void {
      delayMs = options.delayMs ?? DEFAULT_CHECKOUT_DELAY_MS
      for (const { timer } of waiting.values()) clearTimeout(timer)
      waiting.clear()
      sessions.clear()
    },
  }
}

export type Checkout = ReturnType<typeof createCheckout>
