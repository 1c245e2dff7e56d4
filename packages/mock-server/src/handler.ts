// The mock server: `@entitle/server` configured for development. The LogPilot seed, a memory (or
// PGlite) store, development tokens, and demo controls on top: an outage switch, a clock that the
// admin API moves forward, and a reset to the seed. Every entitlement rule is the server's engine.
import type { EntitlementsSnapshot } from '@entitle/core/engine'
import {
  ApiError,
  bearerToken,
  checkSeed,
  createCors,
  createEntitlementsServer,
  DEFAULT_MAX_BODY_BYTES,
  type EntitlementsServer,
  errorResponse,
  finishResponse,
  jsonResponse,
  memoryStore,
  onlyFields,
  type RequestContext,
  readJsonObject,
  type SeedData,
  type Store,
  secretsEqual,
  seedTokens,
  staticTokens,
  toApiError,
} from '@entitle/server'
import { type CheckoutControl, createCheckout } from './checkout.js'
import { createMockClock } from './clock.js'
import { defaultSeed, logPilotCatalog } from './seed.js'

/** What the outage switch does to every non-admin request while `down`. */
export interface OutageState {
  down: boolean
  /** `'hang'` (default): requests wait until the outage ends or the client gives up. `'error'`: 503. */
  mode: 'hang' | 'error'
}

/** Options of `createHandler`. */
export interface HandlerOptions {
  /** Catalog and customers (the `--seed` format). Default: the LogPilot demo seed. */
  seed?: SeedData
  /** The injected clock, epoch ms. Default `Date.now`. The admin API moves it forward on top. */
  now?: () => number
  /** Where data lives. Default: a new `memoryStore()`. Pass `pgliteStore({ dataDir })` to keep it. */
  store?: Store
  /**
   * Stripe webhook signing secrets (`whsec_…`); any of them verifies an event. Default: none, and
   * `POST /v1/webhooks/stripe` answers 400 `stripe_not_configured`.
   */
  stripeWebhookSecrets?: string | readonly string[]
  /** Largest accepted distance between a webhook's signed timestamp and now, in s. Default 300. */
  stripeToleranceSeconds?: number
  /** Bearer secret of `/v1/admin/…` (demo controls and management). Default: none, admin API off (404). */
  adminToken?: string
  /** Origins allowed by CORS: `'*'` (default) allows any; otherwise exact origins. */
  corsOrigin?: string | readonly string[]
  /** Interval of SSE heartbeat comments in ms; 0 disables them. Default 15,000. */
  heartbeatMs?: number
  /** Largest accepted request body. Default 1 MiB. */
  maxBodyBytes?: number
  /** Open event streams per customer. Default 10. */
  maxStreamsPerCustomer?: number
  /** How long usage idempotency keys are remembered (mock clock), ms. Default 24 h. */
  idempotencyTtlMs?: number
  /** The hosted checkout's Pay → change delay (the simulated webhook lag), ms. Default 1,500. */
  checkoutDelayMs?: number
  /** How long a checkout session can be paid (mock clock), ms. Default 30 minutes. */
  checkoutTtlMs?: number
}

/** Programmatic control of a handler: the demo controls without HTTP (tests, Storybook). */
export interface MockControl {
  /** Now on the mock clock, epoch ms. */
  now(): number
  /** Moves the mock clock forward; trials, promotions and usage periods follow; SSE clients are told. */
  advanceClock(ms: number): Promise<void>
  /** Moves the mock clock to an instant (not backwards). */
  setNow(instant: number | Date): Promise<void>
  setOutage(outage: { down: boolean; mode?: OutageState['mode'] }): void
  outage(): OutageState
  /** Back to the seed, clock and outage included; versions keep increasing. */
  reset(): Promise<void>
  /** A customer's current snapshot (rejects for an unknown customer). */
  snapshot(customerId: string): Promise<EntitlementsSnapshot>
}

/** A Fetch-API request handler (`Request → Response`) with its server, store and controls. */
export interface MockHandler {
  (request: Request, context?: RequestContext): Promise<Response>
  /** The `@entitle/server` underneath (its `admin`, `getSnapshot`, …). */
  readonly server: EntitlementsServer
  readonly store: Store
  readonly control: MockControl
  /** The simulated hosted checkout (checkout.ts): its delay and sessions. */
  readonly checkout: CheckoutControl
  /** Resolves once the store is open and the seed applied. Requests wait for it themselves. */
  readonly ready: Promise<void>
  /** Open SSE connections. */
  readonly connections: number
  /** Called with the number of open SSE connections when one opens or closes. Returns an unsubscribe. */
  onConnectionsChange(listener: (connections: number) => void): () => void
  /** Ends SSE streams and hanging requests; later requests get 503. */
  close(): void
}

const DEMO_ROUTE = /^\/v1\/admin\/(outage|clock|reset)$/

/**
 * Creates the mock server's request handler. Host it anywhere that speaks the Fetch API: the Node
 * server of `@entitle/mock-server/node`, MSW (`@entitle/mock-server/msw`), or call it directly.
 */
export function createHandler(options: HandlerOptions = {}): MockHandler {
  const seed = checkSeed(options.seed ?? defaultSeed, logPilotCatalog)
  const store = options.store ?? memoryStore()
  const clock = createMockClock(options.now ?? Date.now, store)
  const adminToken = options.adminToken === '' ? undefined : options.adminToken
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const cors = createCors(
    options.corsOrigin === undefined
      ? ['*']
      : typeof options.corsOrigin === 'string'
        ? [options.corsOrigin]
        : [...options.corsOrigin],
  )
  const authenticate = staticTokens(seedTokens(seed))
  const server = createEntitlementsServer({
    catalog: seed.catalog,
    store,
    authenticate,
    clock: clock.now,
    environment: seed.environment ?? 'development',
    corsOrigin: options.corsOrigin ?? '*',
    ...(adminToken === undefined ? {} : { adminToken }),
    ...(options.stripeWebhookSecrets === undefined
      ? {}
      : {
          stripe: {
            webhookSecrets: options.stripeWebhookSecrets,
            // Signed timestamps are real time: the injected clock, not the admin-moved one.
            clock: options.now ?? Date.now,
            ...(options.stripeToleranceSeconds === undefined
              ? {}
              : { toleranceSeconds: options.stripeToleranceSeconds }),
          },
        }),
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    ...(options.maxStreamsPerCustomer === undefined
      ? {}
      : { maxStreamsPerCustomer: options.maxStreamsPerCustomer }),
    ...(options.idempotencyTtlMs === undefined ? {} : { idempotencyTtlMs: options.idempotencyTtlMs }),
  })
  const ready = (async () => {
    await server.ready
    await clock.restore()
    await server.admin.seed(seed)
  })()
  ready.catch(() => {})

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
    if (outage.down) closeStreams()
    if (!outage.down || outage.mode === 'error') releaseWaiting()
  }
  // The server ends its streams only on close; an outage ends them through the abort of each stream.
  const streams = new Set<AbortController>()
  const closeStreams = (): void => {
    for (const controller of [...streams]) controller.abort()
    streams.clear()
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

  const movedClock = async (target: number): Promise<void> => {
    await clock.setNow(target)
    await server.sync()
  }
  const reset = async (): Promise<void> => {
    await ready
    await clock.reset()
    checkout.reset()
    await server.admin.reset(seed)
    setOutage({ down: false })
    await server.sync()
  }
  const clockBody = (): Record<string, string> => ({ now: new Date(clock.now()).toISOString() })

  const authorizeAdmin = async (request: Request): Promise<void> => {
    if (adminToken === undefined)
      throw new ApiError(404, 'not_found', 'the admin API is disabled (no admin token configured)')
    const token = bearerToken(request)
    if (token === null || !(await secretsEqual(token, adminToken)))
      throw new ApiError(401, 'unauthorized', 'invalid admin token', {
        'www-authenticate': 'Bearer error="invalid_token"',
      })
  }

  const checkout = createCheckout({
    server,
    authenticate,
    clock: clock.now,
    delayMs: options.checkoutDelayMs,
    ttlMs: options.checkoutTtlMs,
    maxBodyBytes,
    authorizeAdmin,
    log: (message, error) => log(message, error),
  })

  const demoControl = async (request: Request, action: string): Promise<Response> => {
    await authorizeAdmin(request)
    switch (action) {
      case 'outage': {
        if (request.method === 'GET') return cors.decorate(request, jsonResponse(outage))
        if (request.method !== 'POST')
          throw new ApiError(405, 'method_not_allowed', 'use GET, POST', { allow: 'GET, POST' })
        const body = await readJsonObject(request, maxBodyBytes)
        onlyFields(body, ['down', 'mode'])
        if (typeof body.down !== 'boolean')
          throw new ApiError(400, 'invalid_request', 'down: is required (true or false)')
        if (body.mode !== undefined && body.mode !== 'hang' && body.mode !== 'error')
          throw new ApiError(400, 'invalid_request', 'mode: must be "hang" or "error"')
        setOutage({ down: body.down, mode: body.mode })
        return cors.decorate(request, jsonResponse(outage))
      }
      case 'clock': {
        if (request.method === 'GET') return cors.decorate(request, jsonResponse(clockBody()))
        if (request.method !== 'POST')
          throw new ApiError(405, 'method_not_allowed', 'use GET, POST', { allow: 'GET, POST' })
        const body = await readJsonObject(request, maxBodyBytes)
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
          if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0)
            throw new ApiError(400, 'invalid_request', 'advanceMs: must be a non-negative integer')
          await movedClock(clock.now() + ms)
        } else {
          const target = typeof body.now === 'string' ? Date.parse(body.now) : Number.NaN
          if (Number.isNaN(target))
            throw new ApiError(400, 'invalid_request', 'now: must be an ISO-8601 instant')
          await movedClock(target)
        }
        return cors.decorate(request, jsonResponse(clockBody()))
      }
      default: {
        if (request.method !== 'POST')
          throw new ApiError(405, 'method_not_allowed', 'use POST', { allow: 'POST' })
        await reset()
        return cors.decorate(request, jsonResponse({ reset: true, ...clockBody() }))
      }
    }
  }

  const route = async (request: Request, context: RequestContext | undefined): Promise<Response> => {
    const path = new URL(request.url).pathname.replace(/\/+$/, '') || '/'
    const signal = (): AbortSignal => context?.signal ?? request.signal
    if (path === '/health' || path === '/v1/health') {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        throw new ApiError(405, 'method_not_allowed', 'use GET', { allow: 'GET' })
      return cors.decorate(
        request,
        jsonResponse({
          status: 'ok',
          now: new Date(clock.now()).toISOString(),
          outage,
          heldRequests: waiting.size,
        }),
      )
    }
    // Management and preflights are never affected by an outage.
    if (request.method === 'OPTIONS') return server(request, context)
    await ready
    // The hosted checkout plays the payment provider: the outage switch does not reach it.
    const checkoutAnswer = await checkout.route(request, path)
    if (checkoutAnswer) return cors.decorate(request, checkoutAnswer)
    const demo = DEMO_ROUTE.exec(path)
    if (demo?.[1]) return demoControl(request, demo[1])
    if (path.startsWith('/v1/admin/')) return server(request, context)
    if (closed) throw unavailable()
    // Re-checked after each wait: the outage may have switched to 'error' meanwhile.
    while (outage.down) {
      if (outage.mode === 'error') throw unavailable()
      if (!(await hold(signal()))) throw unavailable()
    }
    if (!/^\/v1\/customers\/[^/]+\/events$/.test(path)) return server(request, context)
    // An event stream: ended by the client, by an outage, or by close.
    const controller = new AbortController()
    const outer = signal()
    if (outer.aborted) controller.abort()
    else outer.addEventListener('abort', () => controller.abort(), { once: true })
    streams.add(controller)
    controller.signal.addEventListener('abort', () => streams.delete(controller), { once: true })
    return server(request, { signal: controller.signal })
  }

  const log = (message: string, error?: unknown): void =>
    console.error(`[entitle mock-server] ${message}`, error ?? '')
  const handler = async (request: Request, context?: RequestContext): Promise<Response> => {
    try {
      return finishResponse(request, await route(request, context))
    } catch (error) {
      // The server decorates its own answers; these are the mock's (outage, demo controls).
      return finishResponse(request, cors.decorate(request, errorResponse(toApiError(error, log))))
    }
  }

  const control: MockControl = {
    now: () => clock.now(),
    advanceClock: async (ms) => {
      await ready
      await movedClock(clock.now() + ms)
    },
    setNow: async (instant) => {
      await ready
      await movedClock(typeof instant === 'number' ? instant : instant.getTime())
    },
    setOutage,
    outage: () => outage,
    reset,
    snapshot: async (customerId) => {
      await ready
      const snapshot = await server.getSnapshot(customerId)
      if (snapshot === undefined) throw new Error(`unknown customer "${customerId}"`)
      return snapshot
    },
  }

  const close = (): void => {
    closed = true
    closeStreams()
    checkout.reset()
    server.close()
    releaseWaiting()
  }
  return Object.defineProperties(handler, {
    server: { value: server, enumerable: true },
    store: { value: store, enumerable: true },
    control: { value: control, enumerable: true },
    checkout: { value: checkout.control, enumerable: true },
    ready: { value: ready, enumerable: true },
    connections: { get: () => server.connections, enumerable: true },
    onConnectionsChange: {
      value: (listener: (n: number) => void) => server.onConnectionsChange(listener),
      enumerable: true,
    },
    close: { value: close, enumerable: true },
  }) as MockHandler
}
