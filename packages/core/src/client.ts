// The headless client, wired from its parts; each is a small module tested alone:
//   cache.ts / queryClientCache.ts   the built-in cache, or the app's TanStack QueryClient
//   customerRecords.ts, customers.ts customer records, storage, fetches, the version rule, clock skew
//   catalogSource.ts                 the catalog: server, initialCatalog, storage
//   clientState.ts                   state and listeners
//   checks.ts, decisionMemo.ts       check(): one context and one memo per state
//   usageReporter.ts (+ offlineQueue.ts, lazy)        optimistic usage, the shared offline queue
//   liveConnection.ts (+ tabShare.ts, live.ts, lazy)  the event stream, one per browser
//   environmentListeners.ts, clearPersisted.ts
// This file owns what ties them together: which customer is current, and when to fetch.
//
// Server rendering: with `initialSnapshot` or `initialCatalog` the client renders exactly what the
// server had; storage (snapshot, catalog, queued usage) is read on `start()`, right after hydration.
import { type CacheQuery, createMemoryCache } from './cache.js'
import type { CatalogDefinition, CatalogFeatures, CatalogValues } from './catalog.js'
import { createCatalogSource } from './catalogSource.js'
import { createChecker } from './checks.js'
import { clearPersisted } from './clearPersisted.js'
import { createStateStore } from './clientState.js'
import type {
  ChangePlanOptions,
  CheckoutState,
  ClearPersistedOptions,
  ConfigValues,
  EntitlementsClient,
  EntitlementsClientOptions,
  EntitlementsClientState,
} from './clientTypes.js'
import { createCustomerRecords, customerPath } from './customerRecords.js'
import type { Customer } from './customers.js'
import { devWarn } from './dev.js'
import { type DevOverrides, isDevelopment } from './devOverrides.js'
import { listenToEnvironment } from './environmentListeners.js'
import { EntitlementsError } from './errors.js'
import { createLiveConnection } from './liveConnection.js'
import { offerTaken } from './offerTaken.js'
import { createPersister, defaultStorage } from './persist.js'
import { queryClientCache } from './queryClientCache.js'
import { createTransport } from './transport.js'
import type {
  ConfigValue,
  EntitlementEvent,
  EntitlementsSnapshot,
  FallbackGrant,
  FeatureKey,
} from './types.js'
import { withPendingUsage } from './usageQueue.js'
import { createUsageReporter } from './usageReporter.js'

// Module-scoped on purpose (see dev.ts): core builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** Whether `C` is a catalog declared in code (literal feature ids), not the default. */
type Declared<C extends CatalogDefinition> = [C] extends [never]
  ? false
  : string extends CatalogFeatures<C>
    ? false
    : true
/** Config feature → value type: the catalog's when one is declared in code. */
type ValuesOf<C extends CatalogDefinition> = [C] extends [never]
  ? ConfigValues
  : string extends CatalogFeatures<C>
    ? ConfigValues
    : CatalogValues<C>
/** The feature keys: the catalog's when one is declared in code, else `F` (registered, or given). */
type KeysOf<F extends string, C extends CatalogDefinition> = Declared<C> extends true ? CatalogFeatures<C> : F
type WithClearPersisted = Required<Pick<EntitlementsClient<string>, 'clearPersisted'>>

const noop = () => {}
const DAY_MS = 86_400_000

/** Any error the client surfaces, as an `EntitlementsError`. */
function asEntitlementsError(error: unknown): EntitlementsError {
  if (error instanceof EntitlementsError) return error
  return new EntitlementsError('network', error instanceof Error ? error.message : String(error), {
    cause: error,
  })
}
function rethrow(error: unknown): never {
  throw asEntitlementsError(error)
}
/** The errors of the lazy `waitFor` (made here, so its chunk shares no module with this one). */
const waitError = (code: 'timeout' | 'aborted', message: string, cause?: unknown) =>
  new EntitlementsError(code, message, { cause })

/**
 * Creates the headless entitlements client. Nothing happens on the network until `start()`,
 * `refresh()` or another async call; `check()` answers at once from the cache, storage,
 * `initialSnapshot` or fallbacks. With `catalog` (see `defineCatalog`) its feature keys and config
 * values are typed by that catalog.
 */
export function createEntitlementsClient<
  F extends string = FeatureKey,
  const C extends CatalogDefinition = CatalogDefinition,
>(
  options: EntitlementsClientOptions<KeysOf<F, C>> & { catalog?: C },
): EntitlementsClient<KeysOf<F, C>, ValuesOf<C>> & WithClearPersisted
export function createEntitlementsClient(
  options: EntitlementsClientOptions<string>,
): EntitlementsClient<string> & WithClearPersisted {
  const environment = options.environment ?? 'production'
  const staleTime = options.staleTime ?? 30_000
  const maxResponseBytes = options.maxResponseBytes ?? 1 << 20
  const retryDelayMs = options.retryDelayMs ?? 500
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000
  const localNow = options.now ?? Date.now
  // Server-rendered: the first render must equal the server's, so storage waits for `start()`.
  const hydrating = options.initialSnapshot !== undefined || options.initialCatalog !== undefined
  const fallbacks = new Map<string, FallbackGrant>()
  for (const [feature, grant] of Object.entries(options.fallback ?? {}) as [
    string,
    FallbackGrant | undefined,
  ][])
    if (grant !== undefined) fallbacks.set(feature, grant)

  const cache = options.queryClient ? queryClientCache(options.queryClient) : createMemoryCache()
  const persister = createPersister(
    options.persist === false ? undefined : (options.persist ?? defaultStorage()),
  )
  const transport = createTransport({
    ...options, // baseUrl, getToken, fetch
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: options.retries ?? 3,
    retryDelayMs,
    maxRetryDelayMs,
    now: localNow,
    maxResponseBytes,
  })
  // The client, not an observer count, decides when data is no longer needed (gcTime); offline is an
  // answer too: fail (and fall back) instead of pausing until the network returns.
  const queryDefaults = { staleTime, gcTime: Infinity, retry: false, networkMode: 'always' } as const

  let started = false
  let stopListening: (() => void) | undefined
  // `onEvent`, and whoever subscribed since (`subscribeEvents`: the devtools' event log).
  const eventListeners = new Set<(event: EntitlementEvent) => void>()
  const emit = (event: EntitlementEvent) => {
    for (const listener of [options.onEvent, ...eventListeners]) {
      try {
        listener?.(event)
      } catch {
        // Analytics must never break entitlements.
      }
    }
  }

  const catalog = createCatalogSource({
    environment,
    cache,
    persister,
    transport,
    queryDefaults,
    staleTime,
    initialCatalog: options.initialCatalog,
  })
  if (!hydrating) catalog.restore()
  const loadCatalog = () => catalog.load().catch(rethrow)

  const records = createCustomerRecords({
    environment,
    cache,
    persister,
    transport,
    queryDefaults,
    maxStaleMs: options.maxStaleMs ?? 7 * DAY_MS,
    localNow,
    readStorage: () => !hydrating || started,
    isCurrent: (c) => c === current,
    emit,
    post: (message) => live.post(message),
    // Reachable again: send what was queued offline (a no-op when the queue is empty or flushing).
    fetched: (c) => void usage.flush(c),
    asError: asEntitlementsError,
  })
  // Server clock minus ours, from the `generatedAt` of fresh server answers: expiry and reset checks
  // decide on the server's time, not on a client clock that is off.
  const serverNow = () => localNow() + records.skewMs()

  let current = records.customer(options.customerId)
  if (options.initialSnapshot !== undefined) {
    try {
      // Fresh as of now: `start()` refetches only once `staleTime` has passed.
      if (records.accept(current, records.own(options.initialSnapshot, current.id), 'initial'))
        records.publish(current, Date.now())
    } catch (error) {
      // Bad data from the server render is treated like bad network data: ignored, fallbacks decide.
      try {
        if (process.env.NODE_ENV !== 'production')
          devWarn(`initialSnapshot ignored: ${(error as Error).message}`)
      } catch {}
    }
  }

  const live = createLiveConnection({
    enabled: options.live ?? typeof window !== 'undefined',
    transport,
    environment,
    retryDelayMs,
    maxRetryDelayMs,
    maxEventBytes: maxResponseBytes,
    receive(c, json, from) {
      let snapshot: EntitlementsSnapshot
      try {
        snapshot = records.own(json, c.id)
      } catch {
        return // a malformed event changes nothing; the next fetch or event will
      }
      if (records.accept(c, snapshot, from)) {
        records.publish(c, Date.now())
        update()
      }
    },
    gap: () => refreshQuietly(),
    changed: () => update(),
  })

  // The way back from a hosted checkout (checkoutReturn.ts, loaded only when the URL says so).
  let checkout: CheckoutState | undefined
  let checkoutHandled = false
  // Development only (devOverrides.ts): what the devtools panel set.
  let devOverrides: DevOverrides | undefined

  const stateStore = createStateStore(() => {
    let pendingUsage = 0
    for (const report of current.pending) if (report.queued) pendingUsage++
    return {
      customerId: current.id,
      entry: cache.read<EntitlementsSnapshot>(current.hash),
      restored: current.restored,
      pendingUsage,
      catalog: catalog.shown(),
      live: live.status(),
      checkout,
      devOverrides,
    }
  }, asEntitlementsError)
  const update = stateStore.update

  // Cache events (fetches by anyone, e.g. a `useQuery` on our query options) matter only while
  // someone listens or the client runs; otherwise `getState()` recomputes on demand.
  let unsubscribeCache: (() => void) | undefined
  function watchCache() {
    const wanted = stateStore.listeners.size > 0 || started
    if (wanted && !unsubscribeCache) {
      unsubscribeCache = cache.subscribe((hash) => {
        if (hash === current.hash || hash === catalog.hash) update()
      })
    } else if (!wanted && unsubscribeCache) {
      unsubscribeCache()
      unsubscribeCache = undefined
    }
  }
  const getState = (): EntitlementsClientState => {
    const last = stateStore.last
    return unsubscribeCache !== undefined && last !== undefined ? last : stateStore.compute()
  }

  const check = createChecker({
    getState,
    fallbacks,
    failMode: options.failMode,
    codeCatalog: options.catalog,
    serverNow,
    devOverrides: () => devOverrides,
  })

  const usage = createUsageReporter({
    current: () => current,
    post: (c, body) => transport.request({ method: 'POST', path: customerPath(c.id, 'usage'), body }),
    accept: records.accept,
    publish: records.publish,
    update,
    emit,
    refreshQuietly,
    asError: asEntitlementsError,
    persister,
    environment,
    maxQueuedUsage: options.maxQueuedUsage ?? 100,
    now: serverNow,
  })

  /** For refreshes nobody waits for: their failure shows in the state already. */
  function refreshQuietly() {
    refresh().catch(noop)
  }

  function refresh(): Promise<EntitlementsSnapshot> {
    // staleTime 0: always ask; a request already in flight is shared.
    return cache.fetch(current.options as CacheQuery<EntitlementsSnapshot>, 0).catch(rethrow)
  }

  /** Fetch unless what is shown is fresh (as TanStack's refetchOnWindowFocus): stale, restored, failed or missing. */
  function refreshIfStale() {
    const c: Customer = current
    const entry = cache.read(c.hash)
    if (
      !entry ||
      entry.data === undefined ||
      entry.status === 'error' ||
      c.restored ||
      Date.now() - entry.dataUpdatedAt >= staleTime
    ) {
      refreshQuietly()
    }
  }

  const api: EntitlementsClient<string> & WithClearPersisted = {
    queryClient: options.queryClient,
    check,
    value<T extends ConfigValue>(feature: string, fallback: T): T {
      const decision = check(feature, { requested: 0 })
      return decision.granted && typeof decision.value === typeof fallback ? (decision.value as T) : fallback
    },
    getState,
    subscribe(listener) {
      stateStore.listeners.add(listener)
      watchCache()
      stateStore.compute()
      return () => {
        stateStore.listeners.delete(listener)
        watchCache()
      }
    },
    getCatalog: catalog.shown,
    loadCatalog,
    refresh,
    setCustomer(customerId) {
      if (customerId === current.id) return
      // Aborts the request in flight; the cache keeps what that customer had before it.
      cache.cancel(current.options)
      live.disconnect()
      current = records.customer(customerId)
      live.connect(current)
      update()
      if (started) refreshIfStale()
    },
    reportUsage: usage.report,
    async changePlan(planId, planOptions?: ChangePlanOptions) {
      const c = current
      const trial = planOptions?.trial === true
      let response: Awaited<ReturnType<typeof transport.request>>
      try {
        response = await transport.request({
          method: 'PUT',
          path: customerPath(c.id, 'subscription'),
          body: { planId, addons: planOptions?.addons, trial: planOptions?.trial, at: planOptions?.at },
          // A trial starts once: were its answer lost, a blind retry would be refused
          // (`trial_already_used`). Ask what happened instead.
          retries: trial ? 0 : undefined,
        })
      } catch (error) {
        const e = asEntitlementsError(error)
        if (trial && e.retryable && c === current) {
          const shown = await refresh().catch(() => undefined)
          if (shown?.plan?.id === planId && shown.trialEndsAt != null) return shown
        }
        throw e
      }
      if (records.accept(c, records.own(response.body, c.id), 'plan')) records.publish(c, Date.now())
      update()
      return withPendingUsage(c.base, c.pending) as EntitlementsSnapshot
    },
    waitFor: (condition, waitOptions) =>
      import('./waitFor.js').then((m) => m.waitFor(api, condition, waitOptions ?? {}, waitError)),
    async checkFresh(feature, o = {}) {
      const c = current
      // Age of what the server last confirmed; restored data was confirmed in another session.
      const age = c.confirmedAt === undefined || c.restored ? Infinity : Date.now() - c.confirmedAt
      if (!(age < (o.maxAgeMs ?? 0))) await refresh().catch(noop)
      return check(feature, o.requested === undefined ? undefined : { requested: o.requested })
    },
    track: emit,
    subscribeEvents(listener) {
      eventListeners.add(listener)
      return () => {
        eventListeners.delete(listener)
      }
    },
    setDevOverrides(overrides) {
      if (!isDevelopment()) return
      devOverrides = overrides && Object.keys(overrides).length > 0 ? { ...overrides } : undefined
      update()
    },
    entitlementsQueryOptions: () => current.options,
    catalogQueryOptions: () => catalog.options,
    start() {
      if (started) return
      started = true
      // Right after hydration: what storage holds now applies (newer snapshot, catalog, queued usage).
      if (hydrating) {
        for (const c of records.all()) records.load(c)
        catalog.restore()
      }
      watchCache()
      live.start(() => current)
      update()
      refreshIfStale()
      if (catalog.restored()) loadCatalog().catch(noop)
      const matcher = options.checkoutReturn
      if (matcher !== undefined && !checkoutHandled && typeof location !== 'undefined') {
        checkoutHandled = true
        import('./checkoutReturn.js')
          .then((m) =>
            m.handleCheckoutReturn({
              client: api,
              matcher,
              timeoutMs: options.checkoutTimeoutMs ?? 30_000,
              error: waitError,
              offerTaken,
              set(state) {
                checkout = state
                update()
              },
            }),
          )
          .catch(noop)
      }
      stopListening = listenToEnvironment({
        onOnline() {
          void usage.flush(current)
          refreshQuietly()
        },
        onVisible: refreshIfStale,
      })
    },
    stop() {
      started = false
      live.stop()
      update()
      stopListening?.()
      stopListening = undefined
      watchCache()
    },
    clearPersisted(clearOptions?: ClearPersistedOptions) {
      for (const c of clearPersisted(persister, environment, catalog.key, records.all(), clearOptions))
        records.publish(c)
      update()
    },
  }
  return api
}
