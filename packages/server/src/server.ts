// `createEntitlementsServer`: the entitlements HTTP contract as one Fetch-API handler
// (`Request → Response`), on any store. Mount it as it is in a Next.js route handler, Hono, Bun or
// Deno, or host it on node:http with `@entitle/server/node`.
import type { Catalog, EntitlementsSnapshot, SubscriptionChange, UsageRequest } from '@entitle/core/engine'
import { changeSubscription, IDEMPOTENCY_TTL_MS, parseCatalog } from '@entitle/core/engine'
import { createAdmin, type EntitlementsAdmin } from './admin.js'
import type { Authenticate } from './auth/types.js'
import { createAdminRoutes } from './http/adminRoutes.js'
import { createCors } from './http/cors.js'
import { createCustomerRoutes } from './http/customerRoutes.js'
import {
  ApiError,
  errorResponse,
  finishResponse,
  jsonResponse,
  methodNotAllowed,
  rawJsonResponse,
  toApiError,
} from './http/errors.js'
import { DEFAULT_MAX_BODY_BYTES } from './http/request.js'
import { DEFAULT_HEARTBEAT_MS, DEFAULT_MAX_STREAMS_PER_CUSTOMER, SseHub } from './http/sse.js'
import { createStripeWebhook, type StripeOptions } from './http/stripeWebhook.js'
import { createOperations, type UsageAnswer } from './operations.js'
import type { Store } from './store/types.js'
import { CustomerViews } from './views.js'

export interface EntitlementsServerOptions {
  /** The price list: features, plans, add-ons (validated with core's validator on start). */
  catalog: Catalog
  /** Where customers, usage and idempotency keys live: `memoryStore()`, `pgliteStore()`, `postgresStore()`. */
  store: Store
  /** Who a request is from: `staticTokens(…)` (development), `jwtAuth(…)`, or your own. */
  authenticate: Authenticate
  /** Stripe webhook ingestion. Default: off (`POST /v1/webhooks/stripe` answers 400 `stripe_not_configured`). */
  stripe?: StripeOptions | undefined
  /** The clock, epoch ms: expiries, trials and usage periods follow it. Default `Date.now`. */
  clock?: (() => number) | undefined
  /** Snapshots' `environment`. Default `'production'`. */
  environment?: string | undefined
  /** Secret of the `/v1/admin/…` API. Default: none, and the admin API answers 404. */
  adminToken?: string | undefined
  /** Origins allowed by CORS: `'*'` for any, or exact origins. Default: none (same-origin only). */
  corsOrigin?: string | readonly string[] | undefined
  /** Where the handler is mounted, e.g. `'/api/entitlements'` for a Next.js catch-all route. Default `''`. */
  basePath?: string | undefined
  /** Interval of SSE heartbeat comments (which also push changes made by time), ms; 0 disables. Default 15,000. */
  heartbeatMs?: number | undefined
  /** Open event streams per customer and instance; one more is refused with 429. Default 10. */
  maxStreamsPerCustomer?: number | undefined
  /** Largest accepted request body. Default 1 MiB. */
  maxBodyBytes?: number | undefined
  /** How long usage idempotency keys are remembered, ms. Default 24 h. */
  idempotencyTtlMs?: number | undefined
  /** Cache snapshots in this process (kept exact by the store's change notices). Default `true`. */
  cache?: boolean | undefined
  /**
   * With a store shared by several instances (PostgreSQL): how often the cache is checked against the
   * database, ms, in case a notice was lost with a crashed instance. Default 5,000.
   */
  recheckMs?: number | undefined
  /** Where unexpected errors go. Default `console.error`. */
  log?: ((message: string, error?: unknown) => void) | undefined
}

/** What a host knows about a request beyond the `Request` itself. */
export interface RequestContext {
  /** Aborts when the client goes away; ends event streams. Default `request.signal`. */
  readonly signal?: AbortSignal
}

/** The handler, with the same operations as JavaScript for the app's own backend. */
export interface EntitlementsServer {
  (request: Request, context?: RequestContext): Promise<Response>
  readonly catalog: Catalog
  readonly store: Store
  /** Resolves once the store is ready (migrations applied). The handler waits for it itself. */
  readonly ready: Promise<void>
  /** Management: seed, customers, subscriptions, promotions, overrides. */
  readonly admin: EntitlementsAdmin
  /** A customer's snapshot now (no HTTP round trip: server components, route handlers). */
  getSnapshot(customerId: string): Promise<EntitlementsSnapshot | undefined>
  /**
   * Records usage as `POST …/usage` does, enforced by the same rules: resolves `{ status: 200, body }`,
   * or `{ status: 409, … }` when a hard limit (or a missing entitlement) refuses it; throws `RuleError`
   * for bad requests.
   */
  reportUsage(customerId: string, request: UsageRequest, idempotencyKey?: string): Promise<UsageAnswer>
  /** Changes a subscription as `PUT …/subscription` does. */
  changeSubscription(customerId: string, change: SubscriptionChange): Promise<EntitlementsSnapshot>
  /** Pushes snapshots that time changed (a moved development clock) to open event streams now. */
  sync(): Promise<void>
  /** Open event streams. */
  readonly connections: number
  /** Called with the number of open event streams when one opens or closes. Returns an unsubscribe. */
  onConnectionsChange(listener: (connections: number) => void): () => void
  /** Ends event streams; later requests get 503. Does not close the store (you opened it). */
  close(): void
}

const CUSTOMER_ROUTE = /^\/v1\/customers\/([^/]+)\/(entitlements|usage|subscription|events)$/
/** Idempotency keys are pruned this often. */
const PRUNE_INTERVAL_MS = 10 * 60_000

function list(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value]
}

/**
 * The path of an absolute URL, without its query: what `new URL(url).pathname` gives for the URLs a
 * host builds, at a fraction of the cost on the hot path.
 */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  if (start < 0) return '/'
  let end = url.length
  const query = url.indexOf('?', start)
  if (query >= 0) end = query
  const hash = url.indexOf('#', start)
  if (hash >= 0 && hash < end) end = hash
  return url.slice(start, end)
}

/** The same methods, each waiting for the store to be ready first. */
function afterReady<T extends object>(api: T, ready: () => Promise<void>): T {
  const wrapped: Record<string, unknown> = {}
  for (const [name, method] of Object.entries(api)) {
    wrapped[name] = async (...args: unknown[]) => {
      await ready()
      return (method as (...a: unknown[]) => unknown)(...args)
    }
  }
  return wrapped as T
}

export function createEntitlementsServer(options: EntitlementsServerOptions): EntitlementsServer {
  const catalog = parseCatalog(options.catalog)
  const { store, authenticate } = options
  const clock = options.clock ?? Date.now
  const log =
    options.log ??
    ((message: string, error?: unknown) => console.error(`[entitle server] ${message}`, error ?? ''))
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const basePath = (options.basePath ?? '').replace(/\/+$/, '')
  const adminToken = options.adminToken === '' ? undefined : options.adminToken
  const idempotencyTtlMs = options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS
  const views = new CustomerViews({
    store,
    catalog,
    environment: options.environment ?? 'production',
    clock,
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    ...(options.recheckMs === undefined ? {} : { recheckMs: options.recheckMs }),
  })
  const hub = new SseHub({
    views,
    clock,
    heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    maxStreamsPerCustomer: options.maxStreamsPerCustomer ?? DEFAULT_MAX_STREAMS_PER_CUSTOMER,
    log,
  })
  const operations = createOperations({
    store,
    views,
    catalog,
    clock,
    idempotencyTtlMs,
    afterWrite: () => maybePrune(),
  })
  const admin = afterReady(createAdmin({ store, catalog, operations, clock }), () => ready)
  const cors = createCors(list(options.corsOrigin))
  const customerRoute = createCustomerRoutes({ catalog, authenticate, operations, hub, clock, maxBodyBytes })
  const adminRoute = createAdminRoutes({ admin, adminToken, maxBodyBytes })
  const stripeWebhook = createStripeWebhook({
    stripe: options.stripe,
    store,
    catalog,
    operations,
    maxBodyBytes,
  })
  const catalogJson = JSON.stringify(catalog)
  let closed = false

  const ready = store.init()
  ready.catch((error: unknown) => log(`the ${store.kind} store could not start`, error))
  // Expired idempotency keys are deleted now and then, on the way of a write: no timer to keep alive.
  let prunedAt = clock()
  const maybePrune = (): void => {
    const now = clock()
    if (now - prunedAt < PRUNE_INTERVAL_MS) return
    prunedAt = now
    store
      .pruneIdempotencyKeys(now - idempotencyTtlMs)
      .catch((error: unknown) => log('pruning idempotency keys failed', error))
  }

  const route = async (request: Request, signal: () => AbortSignal): Promise<Response> => {
    let path = pathOf(request.url)
    if (basePath !== '' && (path === basePath || path.startsWith(`${basePath}/`)))
      path = path.slice(basePath.length)
    path = path.replace(/\/+$/, '') || '/'
    if (path === '/health' || path === '/v1/health') {
      if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed('GET')
      return jsonResponse({ status: 'ok', store: store.kind, now: new Date(clock()).toISOString() })
    }
    if (closed)
      throw new ApiError(503, 'service_unavailable', 'the server is shutting down', { 'retry-after': '5' })
    await ready
    if (path === '/v1/catalog') {
      if (request.method !== 'GET') throw methodNotAllowed('GET')
      return rawJsonResponse(catalogJson, 200, { 'cache-control': 'public, max-age=60' })
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
      return customerRoute(request, id, customer[2], signal)
    }
    if (path.startsWith('/v1/admin/')) {
      const answer = await adminRoute(request, path)
      if (answer) return answer
    }
    throw new ApiError(404, 'not_found', `no route ${request.method} ${path}`)
  }

  const handler = async (request: Request, context?: RequestContext): Promise<Response> => {
    // Read lazily: only event streams need a signal.
    const signal = (): AbortSignal => context?.signal ?? request.signal
    if (request.method === 'OPTIONS') return cors.preflight(request)
    let response: Response
    try {
      response = await route(request, signal)
    } catch (error) {
      response = errorResponse(toApiError(error, log))
    }
    return finishResponse(request, cors.decorate(request, response))
  }

  const server = Object.defineProperties(handler, {
    catalog: { value: catalog, enumerable: true },
    store: { value: store, enumerable: true },
    ready: { value: ready, enumerable: true },
    admin: { value: admin, enumerable: true },
    getSnapshot: {
      value: async (customerId: string) => {
        await ready
        return operations.getSnapshot(customerId)
      },
      enumerable: true,
    },
    reportUsage: {
      value: async (customerId: string, request: UsageRequest, idempotencyKey?: string) => {
        await ready
        return operations.reportUsage(customerId, request, idempotencyKey)
      },
      enumerable: true,
    },
    changeSubscription: {
      value: async (customerId: string, change: SubscriptionChange) => {
        await ready
        const view = await operations.updateState(customerId, (state, now) =>
          changeSubscription(catalog, state, change, now),
        )
        return view.snapshot(clock())
      },
      enumerable: true,
    },
    sync: { value: () => hub.sync(), enumerable: true },
    connections: { get: () => hub.size, enumerable: true },
    onConnectionsChange: {
      value: (listener: (n: number) => void) => hub.onSizeChange(listener),
      enumerable: true,
    },
    close: {
      value: () => {
        closed = true
        hub.dispose()
        views.dispose()
      },
      enumerable: true,
    },
  }) as EntitlementsServer
  return server
}
