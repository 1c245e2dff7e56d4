// The headless client, wired from its parts: a cache (built-in, or the app's QueryClient), customer
// records and the version rule (customers.ts), state and listeners (clientState.ts), the usage
// reporter and its shared offline queue (usageReporter.ts, queueStore.ts), the live connection and tab
// sharing (tabShare.ts, loaded on `start()`), environment listeners and storage clean-up. This file
// owns what ties them together: which customer is current, what is shown, when to fetch.
//
// Server rendering: with `initialSnapshot` or `initialCatalog` the client renders exactly what the
// server had; storage (snapshot, catalog, queued usage) is read on `start()`, right after hydration.
import { type CacheQuery, createMemoryCache, hashOf } from './cache.js'
import type { CatalogDefinition, CatalogFeatures, CatalogValues } from './catalog.js'
import { clearPersisted } from './clearPersisted.js'
import { createStateStore } from './clientState.js'
import type {
  ChangePlanOptions,
  ClearPersistedOptions,
  ConfigValues,
  EntitlementsClient,
  EntitlementsClientOptions,
  EntitlementsClientState,
  EntitlementsQueryOptions,
  LiveStatus,
} from './clientTypes.js'
import { type Customer, parseRecord, type SnapshotSource, takes, validSnapshot } from './customers.js'
import { createDecisionMemo } from './decisionMemo.js'
import { devWarn } from './dev.js'
import { listenToEnvironment } from './environmentListeners.js'
import { EntitlementsError } from './errors.js'
import {
  type DecideContext,
  decide,
  type FeatureInfo,
  featureInfoFromCatalog,
  parseInstant,
} from './evaluate.js'
import { createPersister, defaultStorage, storageKey } from './persist.js'
import { queryClientCache } from './queryClientCache.js'
import type { LiveShare } from './tabShare.js'
import { createTransport } from './transport.js'
import type {
  Catalog,
  CheckOptions,
  ConfigValue,
  Decision,
  EntitlementEvent,
  EntitlementsSnapshot,
  FallbackGrant,
  FeatureKey,
} from './types.js'
import { adoptQueued, parseQueue, withPendingUsage } from './usageQueue.js'
import { createUsageReporter } from './usageReporter.js'
import { parseCatalog } from './validate.js'

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
  const maxStaleMs = options.maxStaleMs ?? 7 * DAY_MS
  const maxResponseBytes = options.maxResponseBytes ?? 1 << 20
  const retryDelayMs = options.retryDelayMs ?? 500
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000
  const localNow = options.now ?? Date.now
  const failMode = options.failMode
  const live = options.live ?? typeof window !== 'undefined'
  const codeCatalog = options.catalog
  // Server-rendered: the first render must equal the server's, so storage waits for `start()`.
  const hydrating = options.initialSnapshot !== undefined || options.initialCatalog !== undefined
  const fallbacks = new Map<string, FallbackGrant>()
  for (const [feature, grant] of Object.entries(options.fallback ?? {}) as [
    string,
    FallbackGrant | undefined,
  ][])
    if (grant !== undefined) fallbacks.set(feature, grant)

  // Server clock minus ours, from the `generatedAt` of fresh server answers: expiry and reset checks
  // decide on the server's time, not on a client clock that is off.
  let skewMs = 0
  const serverNow = () => localNow() + skewMs

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
  const customerPath = (id: string, what: string) => `/v1/customers/${encodeURIComponent(id)}/${what}`
  // The client, not an observer count, decides when data is no longer needed (gcTime); offline is an
  // answer too: fail (and fall back) instead of pausing until the network returns.
  const queryDefaults = { staleTime, gcTime: Infinity, retry: false, networkMode: 'always' } as const

  let started = false
  let stopListening: (() => void) | undefined
  let liveModule: typeof import('./tabShare.js') | undefined
  let share: LiveShare | undefined
  let liveStatus: LiveStatus = 'off'

  const emit = (event: EntitlementEvent) => {
    try {
      options.onEvent?.(event)
    } catch {
      // Analytics must never break entitlements.
    }
  }

  let warnedEnvironment = false
  /** Validated, and this customer's and environment's (a development warning says how to fix a mismatch). */
  function own(json: unknown, customerId: string): EntitlementsSnapshot {
    try {
      return validSnapshot(json, customerId, environment)
    } catch (error) {
      if (
        typeof process !== 'undefined' &&
        process.env.NODE_ENV !== 'production' &&
        !warnedEnvironment &&
        error instanceof EntitlementsError &&
        error.message.includes("the client's `environment`")
      ) {
        warnedEnvironment = true
        devWarn(
          `${error.message}: refused. The server answers for another environment; pass createEntitlementsClient({ environment }) matching it (the mock server's is 'development').`,
        )
      }
      throw error
    }
  }

  // ─── Catalog ─────────────────────────────────────────────────────────────────────────────────

  // `#` never occurs in an encoded customer id, so this cannot collide with a customer's key.
  const catalogKey = `entitle:v1:${encodeURIComponent(environment)}#catalog`
  let catalogRestored = false
  const catalogOptions: EntitlementsQueryOptions<Catalog> = {
    queryKey: ['entitle', environment, 'catalog'],
    queryFn: async ({ signal }) => {
      const catalog = parseCatalog((await transport.request({ path: '/v1/catalog', signal })).body)
      catalogRestored = false
      persister.write(catalogKey, catalog)
      return catalog
    },
    ...queryDefaults,
  }
  const catalogHash = hashOf(catalogOptions.queryKey)
  const shownCatalog = () => cache.read<Catalog>(catalogHash)?.data
  function restoreCatalog() {
    if (shownCatalog() !== undefined) return
    const stored = persister.read(catalogKey, parseCatalog)
    if (!stored) return
    // Stale from the start (updatedAt 0): shown at once, refreshed by the next `loadCatalog()`.
    cache.write(catalogOptions, stored, 0)
    catalogRestored = true
  }
  if (options.initialCatalog !== undefined && shownCatalog() === undefined) {
    try {
      cache.write(catalogOptions, parseCatalog(options.initialCatalog), Date.now())
    } catch (error) {
      if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production')
        devWarn(`initialCatalog ignored: ${(error as Error).message}`)
    }
  }
  if (!hydrating) restoreCatalog()
  const loadCatalog = () => cache.fetch(catalogOptions, staleTime).catch(rethrow)

  // ─── Customers ───────────────────────────────────────────────────────────────────────────────

  const customers = new Map<string, Customer>()

  function customer(id: string): Customer {
    const existing = customers.get(id)
    if (existing) return existing
    const queryKey = ['entitle', environment, id, 'entitlements'] as const
    const c: Customer = {
      id,
      hash: hashOf(queryKey),
      options: { queryKey, queryFn: ({ signal }) => fetchSnapshot(c, signal), ...queryDefaults },
      restored: false,
      unconfirmed: false,
      loaded: false,
      pending: [],
      settled: new Set(),
    }
    customers.set(id, c)
    const cached = cache.read<EntitlementsSnapshot>(c.hash)?.data
    if (cached) c.base = cached // e.g. hydrated into the app's QueryClient: confirmed, storage not needed
    if (!hydrating || started) load(c)
    return c
  }

  /** Reads storage for `c`: its queued usage, and its snapshot when newer than what `c` has. */
  function load(c: Customer) {
    if (c.loaded) return
    c.loaded = true
    const queued = c.pending.length
    adoptQueued(
      c,
      persister.read(storageKey(environment, c.id, 'usage-queue'), parseQueue) ?? [],
      serverNow(),
    )
    let restored = false
    if (!c.base || c.unconfirmed) {
      const key = storageKey(environment, c.id)
      const record = persister.read(key, (json) => parseRecord(json, c.id, environment))
      if (record && Date.now() - record.confirmedAt > maxStaleMs)
        persister.remove(key) // too old to trust: fallbacks decide
      else if (record && takes(c.base, record.snapshot, 'restored', c.unconfirmed)) {
        c.base = record.snapshot
        c.etag = undefined
        c.restored = c.unconfirmed = true
        c.confirmedAt = record.confirmedAt
        skewMs = record.skewMs
        restored = true
      }
    }
    if (restored) publish(c, 0)
    else if (c.pending.length > queued) publish(c)
  }

  function save(c: Customer) {
    if (!c.base) return
    c.stored = true
    persister.write(storageKey(environment, c.id), {
      snapshot: c.base,
      confirmedAt: c.confirmedAt ?? Date.now(),
      skewMs,
    })
  }

  /**
   * Writes what `c` shows into the cache. `updatedAt`: a server answer just arrived (`Date.now()`), or
   * the data's age (`0`: restored, stale). Without it the change is local (optimistic usage).
   */
  function publish(c: Customer, updatedAt?: number) {
    const shown = withPendingUsage(c.base, c.pending)
    if (shown !== undefined) cache.write(c.options as CacheQuery<EntitlementsSnapshot>, shown, updatedAt)
  }

  /** Takes a snapshot as `c`'s base if the version rule allows. Returns whether it was taken. */
  function accept(c: Customer, snapshot: EntitlementsSnapshot, from: SnapshotSource, etag?: string): boolean {
    const previous = c.base
    if (!takes(previous, snapshot, from, c.unconfirmed)) return false
    c.base = snapshot
    c.etag = etag
    c.restored = false
    c.unconfirmed = from === 'initial'
    // A fresh answer: its `generatedAt` is the server's clock now.
    if (from === 'fetch' || from === 'live') skewMs = parseInstant(snapshot.generatedAt) - localNow() || 0
    if (from !== 'initial') {
      c.confirmedAt = Date.now()
      save(c)
    }
    if (from !== 'initial' && previous?.version !== snapshot.version && c === current) {
      emit({ type: 'snapshot_updated', version: snapshot.version, from: from as 'fetch' })
      if (from !== 'tab') share?.post({ type: 'snapshot', snapshot })
    }
    return true
  }

  async function fetchSnapshot(c: Customer, signal: AbortSignal) {
    try {
      const path = customerPath(c.id, 'entitlements')
      // Only an ETag of this session's own fetch: a stored snapshot (maybe edited) is never "confirmed" by a 304.
      let response = await transport.request({
        path,
        signal,
        etag: c.base && !c.unconfirmed ? c.etag : undefined,
      })
      // A 304 with nothing to keep (the base went away meanwhile): ask for the full snapshot.
      if (response.status === 304 && !c.base) response = await transport.request({ path, signal })
      if (response.status !== 304) accept(c, own(response.body, c.id), 'fetch', response.etag ?? undefined)
      else {
        // Confirmed: the stored copy's age starts over (unless a logout cleared it meanwhile).
        c.confirmedAt = Date.now()
        if (c.stored) save(c)
      }
      c.restored = c.unconfirmed = false
      // Reachable again: send what was queued offline (a no-op when the queue is empty or flushing).
      if (c === current) void usage.flush(c)
      return withPendingUsage(c.base, c.pending) as EntitlementsSnapshot
    } catch (error) {
      const e = asEntitlementsError(error)
      if (e.code !== 'aborted' && c === current)
        emit({ type: 'fetch_failed', code: e.code, message: e.message })
      throw e
    }
  }

  // ─── State ───────────────────────────────────────────────────────────────────────────────────

  let current = customer(options.customerId)

  if (options.initialSnapshot !== undefined) {
    try {
      if (accept(current, own(options.initialSnapshot, current.id), 'initial')) {
        // Fresh as of now: `start()` refetches only once `staleTime` has passed.
        publish(current, Date.now())
      }
    } catch (error) {
      // Bad data from the server render is treated like bad network data: ignored, fallbacks decide.
      if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production')
        devWarn(`initialSnapshot ignored: ${(error as Error).message}`)
    }
  }

  const stateStore = createStateStore(() => {
    let pendingUsage = 0
    for (const report of current.pending) if (report.queued) pendingUsage++
    return {
      customerId: current.id,
      entry: cache.read<EntitlementsSnapshot>(current.hash),
      restored: current.restored,
      pendingUsage,
      catalog: shownCatalog(),
      live: liveStatus,
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
        if (hash === current.hash || hash === catalogHash) update()
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

  // What checks decide with besides the snapshot: rebuilt once per state, so a check allocates only its Decision.
  let featuresFor: Catalog | undefined | null = null
  let features: ReadonlyMap<string, FeatureInfo> | undefined
  let contextFor: EntitlementsClientState | undefined
  let context: DecideContext = {}
  let memo = createDecisionMemo()
  function contextOf(s: EntitlementsClientState): DecideContext {
    memo = createDecisionMemo()
    if (s.catalog !== featuresFor) {
      featuresFor = s.catalog
      const known = codeCatalog ? featureInfoFromCatalog(codeCatalog) : undefined
      features = s.catalog ? featureInfoFromCatalog(s.catalog, known) : known
    }
    contextFor = s
    context = {
      fallbacks,
      failMode,
      unavailable: s.status === 'error',
      isStale: s.isStale,
      features,
      clock: serverNow,
    }
    return context
  }

  function check(feature: string, checkOptions?: CheckOptions): Decision {
    const s = getState()
    const ctx = s === contextFor ? context : contextOf(s)
    const requested = checkOptions?.requested
    const now = checkOptions?.now
    try {
      if (now !== undefined) return decide(s.snapshot, feature, requested, now, ctx)
      const kept = memo.get(feature, requested)
      if (kept !== undefined && (kept.until === Number.POSITIVE_INFINITY || serverNow() < kept.until))
        return kept.decision
      const at = serverNow()
      const decision = decide(s.snapshot, feature, requested, at, ctx)
      memo.keep(s.snapshot, feature, requested, decision, at)
      return decision
    } catch {
      return { feature, granted: false, reason: 'loading', isFallback: false, isStale: s.isStale }
    }
  }

  // ─── Usage ───────────────────────────────────────────────────────────────────────────────────

  const usage = createUsageReporter({
    current: () => current,
    post: (c, body) => transport.request({ method: 'POST', path: customerPath(c.id, 'usage'), body }),
    accept,
    publish,
    update,
    emit,
    refreshQuietly,
    asError: asEntitlementsError,
    persister,
    environment,
    maxQueuedUsage: options.maxQueuedUsage ?? 100,
    now: serverNow,
  })

  // ─── Live updates ────────────────────────────────────────────────────────────────────────────

  function receive(c: Customer, json: unknown, from: 'live' | 'tab') {
    let snapshot: EntitlementsSnapshot
    try {
      snapshot = own(json, c.id)
    } catch {
      return // a malformed event changes nothing; the next fetch or event will
    }
    if (accept(c, snapshot, from)) {
      publish(c, Date.now())
      update()
    }
  }

  function setLive(status: LiveStatus) {
    liveStatus = status
    update()
  }

  /** Opens the (shared) stream once the module is loaded; `'connecting'` until then. The caller updates. */
  function connectLive() {
    if (!live || !started || share) return
    liveStatus = 'connecting'
    if (!liveModule) return
    const c = current
    // Callbacks of a connection closed meanwhile (stop, customer switch) change nothing.
    const s: LiveShare = liveModule.connectLive({
      transport,
      path: customerPath(c.id, 'events'),
      name: `entitle:${environment}:${c.id}`,
      retryDelayMs,
      maxRetryDelayMs,
      maxEventBytes: maxResponseBytes,
      onSnapshot: (json, from) => {
        if (share === s) receive(c, json, from)
      },
      onStatus: (status) => {
        if (share === s) setLive(status)
      },
      onGap: () => {
        if (share === s) refreshQuietly()
      },
    })
    share = s
  }

  /** The caller updates. */
  function disconnectLive() {
    liveStatus = 'off'
    share?.close()
    share = undefined
  }

  // ─── Public API ──────────────────────────────────────────────────────────────────────────────

  /** For refreshes nobody waits for: their failure shows in the state already. */
  function refreshQuietly() {
    refresh().catch(noop)
  }

  function refresh(): Promise<EntitlementsSnapshot> {
    // staleTime 0: always ask; a request already in flight is shared.
    return cache.fetch(current.options as CacheQuery<EntitlementsSnapshot>, 0).catch(rethrow)
  }

  function refreshIfStale() {
    const c = current
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

  return {
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
    getCatalog: shownCatalog,
    loadCatalog,
    refresh,
    setCustomer(customerId) {
      if (customerId === current.id) return
      // Aborts the request in flight; the cache keeps what that customer had before it.
      cache.cancel(current.options)
      disconnectLive()
      current = customer(customerId)
      connectLive()
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
          body: { planId, addons: planOptions?.addons, trial: planOptions?.trial },
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
      if (accept(c, own(response.body, c.id), 'plan')) publish(c, Date.now())
      update()
      return withPendingUsage(c.base, c.pending) as EntitlementsSnapshot
    },
    track: emit,
    entitlementsQueryOptions: () => current.options,
    catalogQueryOptions: () => catalogOptions,
    start() {
      if (started) return
      started = true
      // Right after hydration: what storage holds now applies (newer snapshot, catalog, queued usage).
      if (hydrating) {
        for (const c of customers.values()) load(c)
        restoreCatalog()
      }
      watchCache()
      if (live) liveStatus = 'connecting'
      update()
      refreshIfStale()
      if (catalogRestored) loadCatalog().catch(noop)
      stopListening = listenToEnvironment({
        onOnline() {
          void usage.flush(current)
          refreshQuietly()
        },
        onVisible: refreshIfStale,
      })
      if (!live) return
      if (liveModule) connectLive()
      else {
        import('./tabShare.js').then(
          (module) => {
            liveModule = module
            connectLive()
            update()
          },
          () => {
            if (started && !share) setLive('off')
          },
        )
      }
    },
    stop() {
      started = false
      disconnectLive()
      update()
      stopListening?.()
      stopListening = undefined
      watchCache()
    },
    clearPersisted(clearOptions?: ClearPersistedOptions) {
      for (const c of clearPersisted(persister, environment, catalogKey, customers.values(), clearOptions))
        publish(c)
      update()
    },
  }
}
