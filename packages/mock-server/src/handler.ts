import type { EntitlementsSnapshot } from '@entitle/core'
import { ApiError, errorResponse, jsonResponse, rawJsonResponse } from './errors.js'
import {
  DEFAULT_MAX_BODY_BYTES,
  nonZeroIntegerField,
  onlyFields,
  optionalBooleanField,
  optionalStringArrayField,
  optionalStringField,
  parseJson,
  readJsonObject,
  readText,
  stringField,
} from './request.js'
import { DEFAULT_HEARTBEAT_MS, SseHub } from './sse.js'
import { MockStore, type StoreOptions } from './store.js'
import { parseStripeEvent, STRIPE_TOLERANCE_SECONDS, verifyStripeSignature } from './stripe.js'

/** What the outage switch does to every non-admin request while `down`. */
export interface OutageState {
  down: boolean
  /** `'hang'` (default): requests wait until the outage ends or the client gives up. `'error'`: 503. */
  mode: 'hang' | 'error'
}

/** Options of `createHandler`. */
export interface HandlerOptions extends StoreOptions {
  /** Use this store (e.g. one shared by a Node server and MSW handlers) instead of creating one. */
  store?: MockStore
  /**
   * Stripe webhook signing secrets (`whsec_…`); any of them verifies an event, so a secret can
   * rotate. Default: none, and `POST /v1/webhooks/stripe` answers 400 `stripe_not_configured`.
   */
  stripeWebhookSecrets?: string | readonly string[]
  /** Largest accepted distance between a webhook's signed timestamp and now, in s. Default 300. */
  stripeToleranceSeconds?: number
  /** Bearer token of the `/v1/admin/…` API (and of every customer). Default: none, admin API off (404). */
  adminToken?: string
  /** Origins allowed by CORS: `'*'` (default) allows any; otherwise exact origins. */
  corsOrigin?: string | readonly string[]
  /** Interval of SSE heartbeat comments in ms; 0 disables them. Default 15,000. */
  heartbeatMs?: number
  /** Largest accepted request body. Default 1 MiB. */
  maxBodyBytes?: number
}

/** Programmatic control of a handler: the admin API without HTTP (tests, Storybook). */
export interface MockControl {
  /** Now on the mock clock, epoch ms. */
  now(): number
  /** Moves the mock clock forward; trials, promotions and usage periods follow; SSE clients are told. */
  advanceClock(ms: number): void
  /** Moves the mock clock to an instant (not backwards). */
  setNow(instant: number | Date): void
  setOutage(outage: { down: boolean; mode?: OutageState['mode'] }): void
  outage(): OutageState
  /** Back to the seed, clock and outage included. */
  reset(): void
  /** A customer's current snapshot. */
  snapshot(customerId: string): EntitlementsSnapshot
}

/** What a host knows about a request beyond the `Request` itself. */
export interface RequestContext {
  /**
   * Aborts when the client goes away; ends held requests and SSE streams. Default `request.signal`.
   * (The Node host passes a lazily created one: a `Request` with its own signal costs more than
   * the rest of a small request.)
   */
  readonly signal?: AbortSignal
}

/** A Fetch-API request handler (`Request → Response`) with its store and controls. */
export interface MockHandler {
  (request: Request, context?: RequestContext): Promise<Response>
  readonly store: MockStore
  readonly control: MockControl
  /** Open SSE connections. */
  readonly connections: number
  /** Called with the number of open SSE connections when one opens or closes. Returns an unsubscribe. */
  onConnectionsChange(listener: (connections: number) => void): () => void
  /** Ends SSE streams and hanging requests; later requests get 503. */
  close(): void
}

const CUSTOMER_ROUTE = /^\/v1\/customers\/([^/]+)\/(entitlements|usage|subscription|events)$/
const ALLOWED_HEADERS =
  'Authorization, Content-Type, Idempotency-Key, If-None-Match, Last-Event-ID, Stripe-Signature'
const EXPOSED_HEADERS = 'ETag, Idempotent-Replayed, Retry-After'

const methodNotAllowed = (allow: string): ApiError =>
  new ApiError(405, 'method_not_allowed', `use ${allow}`, { allow })

/** Compares an `If-None-Match` list with a (weak) ETag, by weak comparison. */
function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const strip = (t: string): string => t.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag))
}

/**
 * Creates the mock server's request handler. Host it anywhere that speaks the Fetch API: the
 * Node server of `@entitle/mock-server/node`, MSW (`@entitle/mock-server/msw`), or call it
 * directly in tests.
 */
export function createHandler(options: HandlerOptions = {}): MockHandler {
  const store = options.store ?? new MockStore(options)
  const hub = new SseHub(store, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS)
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const secrets =
    typeof options.stripeWebhookSecrets === 'string'
      ? [options.stripeWebhookSecrets]
      : [...(options.stripeWebhookSecrets ?? [])]
  const tolerance = options.stripeToleranceSeconds ?? STRIPE_TOLERANCE_SECONDS
  const adminToken = options.adminToken === '' ? undefined : options.adminToken
  const corsList =
    options.corsOrigin === undefined
      ? ['*']
      : typeof options.corsOrigin === 'string'
        ? [options.corsOrigin]
        : [...options.corsOrigin]
  const anyOrigin = corsList.includes('*')
  let outage: OutageState = { down: false, mode: 'hang' }
  let closed = false
  const waiting = new Set<() => void>()

  const releaseWaiting = (): void => {
    for (const release of [...waiting]) release()
  }

  const setOutage = (next: { down: boolean; mode?: OutageState['mode'] }): void => {
    outage = { down: next.down, mode: next.mode ?? 'hang' }
    // Live connections end, so clients notice the outage. Held requests go on when it is lifted,
    // and fail when it turns to 'error'.
    if (outage.down) hub.closeAll()
    if (!outage.down || outage.mode === 'error') releaseWaiting()
  }

  /** Holds a request during a 'hang' outage until it is lifted (true) or the client leaves (false). */
  const hold = (signal: AbortSignal): Promise<boolean> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve(false)
      const done = (lifted: boolean): void => {
        waiting.delete(release)
        signal.removeEventListener('abort', onAbort)
        resolve(lifted && !closed)
      }
      const release = (): void => done(true)
      const onAbort = (): void => done(false)
      waiting.add(release)
      signal.addEventListener('abort', onAbort, { once: true })
    })

  const unavailable = (): ApiError =>
    new ApiError(503, 'service_unavailable', 'the service is unavailable (simulated outage)', {
      'retry-after': '5',
    })

  const bearer = (request: Request): string => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
    if (!match?.[1]) {
      throw new ApiError(401, 'unauthorized', 'missing bearer token (Authorization: Bearer …)', {
        'www-authenticate': 'Bearer',
      })
    }
    return match[1]
  }

  /** 401 without a known token; 404 for an unknown customer; 403 for another customer's token. */
  const authorize = (request: Request, customerId: string): void => {
    const token = bearer(request)
    const owner = token === adminToken ? '*' : store.customerForToken(token)
    if (owner === undefined) {
      throw new ApiError(401, 'unauthorized', 'invalid bearer token', {
        'www-authenticate': 'Bearer error="invalid_token"',
      })
    }
    if (!store.hasCustomer(customerId))
      throw new ApiError(404, 'not_found', `unknown customer "${customerId}"`)
    if (owner !== '*' && owner !== customerId) {
      throw new ApiError(403, 'forbidden', `this token cannot access customer "${customerId}"`)
    }
  }

  const authorizeAdmin = (request: Request): void => {
    if (adminToken === undefined)
      throw new ApiError(404, 'not_found', 'the admin API is disabled (no admin token configured)')
    if (bearer(request) !== adminToken) {
      throw new ApiError(401, 'unauthorized', 'invalid admin token', {
        'www-authenticate': 'Bearer error="invalid_token"',
      })
    }
  }

  const etagHeaders = (etag: string): Record<string, string> => ({
    etag,
    'cache-control': 'private, no-cache',
  })

  const customerRoute = async (
    request: Request,
    signal: () => AbortSignal,
    customerId: string,
    resource: string,
  ): Promise<Response> => {
    const method = request.method
    switch (resource) {
      case 'entitlements': {
        if (method !== 'GET') throw methodNotAllowed('GET')
        authorize(request, customerId)
        const view = store.view(customerId)
        const ifNoneMatch = request.headers.get('if-none-match')
        if (ifNoneMatch && etagMatches(ifNoneMatch, view.etag)) {
          return new Response(null, { status: 304, headers: etagHeaders(view.etag) })
        }
        return rawJsonResponse(view.json, 200, etagHeaders(view.etag))
      }
      case 'usage': {
        if (method !== 'POST') throw methodNotAllowed('POST')
        authorize(request, customerId)
        const body = await readJsonObject(request, maxBody)
        onlyFields(body, ['feature', 'amount', 'idempotencyKey'])
        const feature = stringField(body, 'feature')
        const amount = nonZeroIntegerField(body, 'amount')
        const idempotencyKey =
          optionalStringField(body, 'idempotencyKey', 255) ??
          (request.headers.get('idempotency-key') || undefined)
        const result = store.reportUsage(customerId, { feature, amount, idempotencyKey })
        return rawJsonResponse(
          result.body,
          result.status,
          result.replayed ? { 'idempotent-replayed': 'true' } : undefined,
        )
      }
      case 'subscription': {
        if (method !== 'PUT') throw methodNotAllowed('PUT')
        authorize(request, customerId)
        const body = await readJsonObject(request, maxBody)
        onlyFields(body, ['planId', 'addons', 'trial'])
        const planId = stringField(body, 'planId')
        const addons = optionalStringArrayField(body, 'addons')
        const trial = optionalBooleanField(body, 'trial')
        const view = store.changeSubscription(customerId, { planId, addons, trial })
        return rawJsonResponse(view.json, 200, etagHeaders(view.etag))
      }
      default: {
        if (method !== 'GET') throw methodNotAllowed('GET')
        authorize(request, customerId)
        return hub.open(customerId, signal())
      }
    }
  }

  const stripeWebhook = async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') throw methodNotAllowed('POST')
    if (secrets.length === 0) {
      throw new ApiError(
        400,
        'stripe_not_configured',
        'no Stripe webhook secret is configured (--stripe-webhook-secret)',
      )
    }
    // The signature covers the exact bytes received, so verify before parsing.
    const payload = await readText(request, maxBody)
    await verifyStripeSignature(
      payload,
      request.headers.get('stripe-signature'),
      secrets,
      store.wallNow(),
      tolerance,
    )
    const event = parseStripeEvent(parseJson(payload))
    if (event.kind === 'other')
      return jsonResponse({ received: true, applied: false, reason: 'unhandled_event_type' })
    const result = store.applyStripeSummary({
      eventId: event.id,
      created: event.created,
      stripeCustomerId: event.customer,
      lookupKeys: event.lookupKeys,
    })
    return jsonResponse({ received: true, ...result })
  }

  const admin = async (request: Request, action: string): Promise<Response> => {
    authorizeAdmin(request)
    const clockBody = (): Record<string, string> => ({ now: new Date(store.now()).toISOString() })
    switch (action) {
      case 'outage': {
        if (request.method === 'GET') return jsonResponse(outage)
        if (request.method !== 'POST') throw methodNotAllowed('GET, POST')
        const body = await readJsonObject(request, maxBody)
        onlyFields(body, ['down', 'mode'])
        const down = optionalBooleanField(body, 'down')
        if (down === undefined) throw new ApiError(400, 'invalid_request', 'down: is required')
        const mode = optionalStringField(body, 'mode')
        if (mode !== undefined && mode !== 'hang' && mode !== 'error') {
          throw new ApiError(400, 'invalid_request', 'mode: must be "hang" or "error"')
        }
        setOutage({ down, mode })
        return jsonResponse(outage)
      }
      case 'clock': {
        if (request.method === 'GET') return jsonResponse(clockBody())
        if (request.method !== 'POST') throw methodNotAllowed('GET, POST')
        const body = await readJsonObject(request, maxBody)
        onlyFields(body, ['advanceMs', 'now'])
        if ((body.advanceMs === undefined) === (body.now === undefined)) {
          throw new ApiError(
            400,
            'invalid_request',
            'give exactly one of advanceMs (ms to move forward) or now (ISO-8601 instant)',
          )
        }
        if (body.advanceMs !== undefined) {
          const ms = body.advanceMs
          if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) {
            throw new ApiError(400, 'invalid_request', 'advanceMs: must be a non-negative integer')
          }
          store.advanceClock(ms)
        } else {
          const target = typeof body.now === 'string' ? Date.parse(body.now) : Number.NaN
          if (Number.isNaN(target))
            throw new ApiError(400, 'invalid_request', 'now: must be an ISO-8601 instant')
          store.setNow(target)
        }
        return jsonResponse(clockBody())
      }
      case 'reset': {
        if (request.method !== 'POST') throw methodNotAllowed('POST')
        store.reset()
        setOutage({ down: false })
        return jsonResponse({ reset: true, ...clockBody() })
      }
      default:
        throw new ApiError(404, 'not_found', `no admin endpoint "${action}" (outage, clock, reset)`)
    }
  }

  const route = async (request: Request, signal: () => AbortSignal): Promise<Response> => {
    const path = new URL(request.url).pathname.replace(/\/+$/, '') || '/'
    if (path === '/health' || path === '/v1/health') {
      if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed('GET')
      return jsonResponse({
        status: 'ok',
        now: new Date(store.now()).toISOString(),
        outage,
        heldRequests: waiting.size,
      })
    }
    const adminMatch = /^\/v1\/admin\/([^/]+)$/.exec(path)
    if (adminMatch?.[1]) return admin(request, adminMatch[1])
    if (closed) throw unavailable()
    // Re-checked after each wait: the outage may have switched to 'error' meanwhile.
    while (outage.down) {
      if (outage.mode === 'error') throw unavailable()
      if (!(await hold(signal()))) throw unavailable()
    }
    if (path === '/v1/catalog') {
      if (request.method !== 'GET') throw methodNotAllowed('GET')
      return rawJsonResponse(store.catalogJson, 200, { 'cache-control': 'public, max-age=60' })
    }
    if (path === '/v1/webhooks/stripe') return stripeWebhook(request)
    const customer = CUSTOMER_ROUTE.exec(path)
    if (customer?.[1] && customer[2]) {
      let id: string
      try {
        id = decodeURIComponent(customer[1])
      } catch {
        throw new ApiError(404, 'not_found', 'malformed customer id')
      }
      return customerRoute(request, signal, id, customer[2])
    }
    throw new ApiError(404, 'not_found', `no route ${request.method} ${path}`)
  }

  const originAllowed = (origin: string): boolean => anyOrigin || corsList.includes(origin)

  const handler = async (request: Request, context?: RequestContext): Promise<Response> => {
    // Read lazily: only held requests and event streams need a signal.
    const signal = (): AbortSignal => context?.signal ?? request.signal
    const origin = request.headers.get('origin')
    if (request.method === 'OPTIONS') return preflight(request, origin)
    let response: Response
    try {
      response = await route(request, signal)
    } catch (error) {
      response = errorResponse(error instanceof ApiError ? error : internal(error))
    }
    if (origin && originAllowed(origin)) {
      response.headers.set('access-control-allow-origin', origin)
      response.headers.set('access-control-expose-headers', EXPOSED_HEADERS)
      response.headers.append('vary', 'Origin')
    }
    return response
  }

  const preflight = (request: Request, origin: string | null): Response => {
    if (!origin || !request.headers.get('access-control-request-method')) {
      return new Response(null, { status: 204, headers: { allow: 'GET, POST, PUT, OPTIONS' } })
    }
    if (!originAllowed(origin)) {
      return errorResponse(
        new ApiError(403, 'cors_origin_not_allowed', `origin ${origin} is not allowed (--cors-origin)`),
      )
    }
    const requested = request.headers.get('access-control-request-headers')
    return new Response(null, {
      status: 204,
      headers: {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
        'access-control-allow-headers': requested ? `${ALLOWED_HEADERS}, ${requested}` : ALLOWED_HEADERS,
        'access-control-max-age': '600',
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
    })
  }

  const control: MockControl = {
    now: () => store.now(),
    advanceClock: (ms) => store.advanceClock(ms),
    setNow: (instant) => store.setNow(typeof instant === 'number' ? instant : instant.getTime()),
    setOutage,
    outage: () => outage,
    reset: () => {
      store.reset()
      setOutage({ down: false })
    },
    snapshot: (customerId) => store.view(customerId).snapshot,
  }

  const close = (): void => {
    closed = true
    hub.dispose()
    releaseWaiting()
  }
  return Object.defineProperties(handler, {
    store: { value: store, enumerable: true },
    control: { value: control, enumerable: true },
    connections: { get: () => hub.size, enumerable: true },
    onConnectionsChange: {
      value: (listener: (n: number) => void) => hub.onSizeChange(listener),
      enumerable: true,
    },
    close: { value: close, enumerable: true },
  }) as MockHandler
}

function internal(error: unknown): ApiError {
  // Bugs surface as a JSON 500 rather than a dropped connection; the detail goes to the log.
  console.error('[entitle mock-server] unexpected error:', error)
  return new ApiError(500, 'internal', 'internal error')
}
