// The headless client: a TanStack query-core cache of one customer's snapshot, plus what a cache
// alone does not do: validation, ETags, persistence, optimistic usage with an offline queue, versions
// that only move forward, and (lazily loaded) live updates.
//
// Data flow. Per customer the client keeps the server's last snapshot (`base`) and the usage reports
// the server has not acknowledged (`pending`). The query cache holds what is shown: base + pending.
// Every server answer (fetch, usage ack, plan change, event stream, other tab) goes through
// `accept`, which drops anything older than `base.version`, with one exception: a base this server has
// not confirmed in this session (restored from storage, or `initialSnapshot`) yields to the first
// full fetch whatever its version, since the backend may have been reset or migrated meanwhile.
import { CancelledError, hashKey, type Query, QueryClient } from '@tanstack/query-core'
import type {
  ChangePlanOptions,
  ClearPersistedOptions,
  EntitlementsClient,
  EntitlementsClientOptions,
  EntitlementsClientState,
  EntitlementsQueryOptions,
  LiveStatus,
  ReportUsageOptions,
  UsageResult,
} from './clientTypes.js'
import { devWarn } from './dev.js'
import { EntitlementsError } from './errors.js'
import { evaluate, type FeatureInfo, featureInfoFromCatalog } from './evaluate.js'
import type { TabChannel } from './live.js'
import { createPersister, defaultStorage, storageKey } from './persist.js'
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
  MeteredEntitlement,
} from './types.js'
import { type PendingUsage, parseQueue, withPendingUsage } from './usageQueue.js'
import { parseCatalog, parseSnapshot, parseUsageResult } from './validate.js'

// Module-scoped on purpose (see dev.ts): core builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

type Source = Extract<EntitlementEvent, { type: 'snapshot_updated' }>['from'] | 'initial'

interface Customer {
  id: string
  /** Hash of the query key, to match cache events cheaply. */
  hash: string
  options: EntitlementsQueryOptions<EntitlementsSnapshot>
  /** The server's last snapshot for this customer (without pending usage). */
  base?: EntitlementsSnapshot | undefined
  /** ETag of `base`, when it came from a fetch. */
  etag?: string | undefined
  /** `base` came from storage and no server answer confirmed it yet. */
  restored: boolean
  /** `base` came from storage or `initialSnapshot` and no server answer confirmed it yet. */
  unconfirmed: boolean
  /** Unacknowledged usage reports, shown optimistically. */
  pending: PendingUsage[]
  /** The running flush of the offline queue, shared by every trigger so each report is sent once. */
  flushing?: Promise<void> | undefined
}

const noop = () => {}

/** Any error the client surfaces, as an `EntitlementsError`. */
function asEntitlementsError(error: unknown): EntitlementsError {
  if (error instanceof EntitlementsError) return error
  if (error instanceof CancelledError)
    return new EntitlementsError('aborted', 'Request cancelled', { cause: error })
  return new EntitlementsError('network', error instanceof Error ? error.message : String(error), {
    cause: error,
  })
}

function ownSnapshot(json: unknown, customerId: string): EntitlementsSnapshot {
  const snapshot = parseSnapshot(json)
  if (snapshot.customerId !== customerId) {
    throw new EntitlementsError(
      'invalid_response',
      `snapshot.customerId: expected "${customerId}", got "${snapshot.customerId}"`,
    )
  }
  return snapshot
}

function randomKey(): string {
  // `randomUUID` needs a secure context in browsers; the fallback is unique enough for idempotency.
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
}

/**
 * Creates the headless entitlements client. Nothing happens on the network until `start()`,
 * `refresh()` or another async call; `check()` answers at once from the cache, storage,
 * `initialSnapshot` or fallbacks.
 */
export function createEntitlementsClient<F extends string = FeatureKey>(
  options: EntitlementsClientOptions<F>,
): EntitlementsClient<F> & Required<Pick<EntitlementsClient<F>, 'clearPersisted'>> {
  const environment = options.environment ?? 'production'
  const staleTime = options.staleTime ?? 30_000
  const maxQueuedUsage = options.maxQueuedUsage ?? 100
  const retryDelayMs = options.retryDelayMs ?? 500
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000
  const clock = options.now
  const failMode = options.failMode
  const live = options.live ?? typeof window !== 'undefined'
  const fallbacks = new Map<string, FallbackGrant>()
  for (const [feature, grant] of Object.entries(options.fallback ?? {}) as [
    string,
    FallbackGrant | undefined,
  ][]) {
    if (grant !== undefined) fallbacks.set(feature, grant)
  }

  const queryClient = options.queryClient ?? new QueryClient()
  const cache = queryClient.getQueryCache()
  const persister = createPersister(
    options.persist === false ? undefined : (options.persist ?? defaultStorage()),
  )
  const transport = createTransport({
    ...options, // baseUrl, getToken, fetch
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: options.retries ?? 3,
    retryDelayMs,
    maxRetryDelayMs,
    now: clock ?? Date.now,
  })
  const customerPath = (id: string, what: string) => `/v1/customers/${encodeURIComponent(id)}/${what}`
  // Both queries: the client, not an observer count, decides when data is no longer needed (gcTime);
  // offline is an answer too: fail (and fall back) instead of pausing until the network returns.
  const queryDefaults = { staleTime, gcTime: Infinity, retry: false, networkMode: 'always' } as const

  let started = false
  // Live updates: the module is imported on the first `start()`; the rest is per connection.
  let liveModule: typeof import('./live.js') | undefined
  let stopStream: (() => void) | undefined
  let tabs: TabChannel | undefined
  let liveStatus: LiveStatus = 'off'

  const emit = (event: EntitlementEvent) => {
    try {
      options.onEvent?.(event)
    } catch {
      // Analytics must never break entitlements.
    }
  }

  // ─── Catalog ─────────────────────────────────────────────────────────────────────────────────

  // `#` never occurs in an encoded customer id, so this cannot collide with a customer's key.
  const catalogStorageKey = `entitle:v1:${encodeURIComponent(environment)}#catalog`
  let catalogRestored = false
  const catalogOptions: EntitlementsQueryOptions<Catalog> = {
    queryKey: ['entitle', environment, 'catalog'],
    queryFn: async ({ signal }) => {
      const catalog = parseCatalog((await transport.request({ path: '/v1/catalog', signal })).body)
      catalogRestored = false
      persister.write(catalogStorageKey, catalog)
      return catalog
    },
    ...queryDefaults,
  }
  const catalogHash = hashKey(catalogOptions.queryKey)
  if (queryClient.getQueryData(catalogOptions.queryKey) === undefined) {
    const stored = persister.read(catalogStorageKey, parseCatalog)
    if (stored) {
      // Stale from the start (updatedAt 0): shown at once, refreshed by the next `loadCatalog()`.
      put(catalogOptions, stored, 0)
      catalogRestored = true
    }
  }
  const loadCatalog = () => queryClient.fetchQuery(catalogOptions).catch(rethrow)

  // ─── Customers ───────────────────────────────────────────────────────────────────────────────

  const customers = new Map<string, Customer>()

  function customer(id: string): Customer {
    const existing = customers.get(id)
    if (existing) return existing
    const queryKey = ['entitle', environment, id, 'entitlements'] as const
    const c: Customer = {
      id,
      hash: hashKey(queryKey),
      options: { queryKey, queryFn: ({ signal }) => fetchSnapshot(c, signal), ...queryDefaults },
      restored: false,
      unconfirmed: false,
      pending: (persister.read(storageKey(environment, id, 'usage-queue'), parseQueue) ?? []).map(
        (report) => ({
          ...report,
          queued: true,
        }),
      ),
    }
    customers.set(id, c)
    const cached = queryClient.getQueryData<EntitlementsSnapshot>(queryKey)
    if (cached) {
      c.base = cached // e.g. hydrated into the app's QueryClient
    } else {
      const stored = persister.read(storageKey(environment, id), (json) => {
        const record = json as { snapshot?: unknown; etag?: unknown } | null
        return {
          snapshot: ownSnapshot(record?.snapshot, id),
          etag: typeof record?.etag === 'string' ? record.etag : undefined,
        }
      })
      if (stored) {
        c.base = stored.snapshot
        c.etag = stored.etag
        c.restored = c.unconfirmed = true
        publish(c, 0)
      }
    }
    return c
  }

  /**
   * Writes what `c` shows into the cache. `updatedAt`: a server answer just arrived (`Date.now()`), or
   * the data's age (`0`: restored, stale). Without it the change is local (optimistic usage) and the
   * query keeps its status, error and age.
   */
  function publish(c: Customer, updatedAt?: number) {
    const shown = withPendingUsage(c.base, c.pending)
    if (shown !== undefined) put(c.options, shown, updatedAt)
  }

  /** `publish` for any of the client's queries: built with its own options first, so `gcTime` etc. apply. */
  function put<T>(options: EntitlementsQueryOptions<T>, data: T, updatedAt?: number) {
    const query = cache.build(queryClient, queryClient.defaultQueryOptions(options)) as Query<T>
    if (updatedAt === undefined && query.state.data !== undefined) query.setState({ data })
    else queryClient.setQueryData(options.queryKey, data as never, { updatedAt: updatedAt ?? Date.now() })
  }

  /**
   * Takes a snapshot as `c`'s base unless it is older; a full fetch also replaces an unconfirmed
   * base (see the top of this file). Returns whether it was taken.
   */
  function accept(c: Customer, snapshot: EntitlementsSnapshot, from: Source, etag?: string): boolean {
    const previous = c.base
    if (previous && snapshot.version < previous.version && !(from === 'fetch' && c.unconfirmed)) return false
    c.base = snapshot
    c.etag = etag
    c.restored = false
    c.unconfirmed = from === 'initial'
    persister.write(storageKey(environment, c.id), { snapshot, etag })
    if (from !== 'initial' && previous?.version !== snapshot.version && c === current) {
      emit({ type: 'snapshot_updated', version: snapshot.version, from })
      if (from !== 'tab') tabs?.post({ type: 'snapshot', snapshot })
    }
    return true
  }

  async function fetchSnapshot(c: Customer, signal: AbortSignal): Promise<EntitlementsSnapshot> {
    try {
      const path = customerPath(c.id, 'entitlements')
      let response = await transport.request({ path, signal, etag: c.base ? c.etag : undefined })
      // A 304 with nothing to keep (the base went away meanwhile): ask for the full snapshot.
      if (response.status === 304 && !c.base) response = await transport.request({ path, signal })
      if (response.status !== 304)
        accept(c, ownSnapshot(response.body, c.id), 'fetch', response.etag ?? undefined)
      c.restored = c.unconfirmed = false
      // Reachable again: send what was queued offline (a no-op when the queue is empty or flushing).
      if (c === current) void flush(c)
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

  const initial = options.initialSnapshot
  if (initial) {
    if (initial.customerId !== current.id) {
      if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production')
        devWarn(`initialSnapshot is for customer "${initial.customerId}", not "${current.id}": ignored.`)
    } else if (accept(current, initial, 'initial')) {
      // Fresh as of now: `start()` refetches only once `staleTime` has passed.
      publish(current, Date.now())
    }
  }

  let state: EntitlementsClientState | undefined
  // The query's raw error and its EntitlementsError form, so an unchanged error keeps its identity.
  let rawError: unknown = null
  let wrappedError: EntitlementsError | null = null
  let features: ReadonlyMap<string, FeatureInfo> | undefined
  let featuresOf: Catalog | undefined
  const listeners = new Set<() => void>()

  /** The current state: the previous object when nothing in it changed. */
  function computeState(): EntitlementsClientState {
    const c = current
    const query = cache.get<EntitlementsSnapshot, unknown>(c.hash)
    const snapshot = query?.state.data
    const failed = query?.state.status === 'error'
    const raw = failed ? query.state.error : null
    if (raw !== rawError) {
      rawError = raw
      wrappedError = raw === null ? null : asEntitlementsError(raw)
    }
    const catalog = cache.get<Catalog>(catalogHash)?.state.data
    if (catalog !== featuresOf) {
      featuresOf = catalog
      features = catalog ? featureInfoFromCatalog(catalog) : undefined
    }
    const status = failed ? 'error' : snapshot ? 'success' : 'loading'
    const isStale = snapshot !== undefined && (failed || c.restored)
    let pendingUsage = 0
    for (const report of c.pending) if (report.queued) pendingUsage++
    // Compared field by field before allocating: an unchanged state keeps its identity (what
    // useSyncExternalStore needs), and check() on a client nobody subscribed to stays cheap.
    const p = state
    if (
      p?.customerId === c.id &&
      p.snapshot === snapshot &&
      p.status === status &&
      p.error === wrappedError &&
      p.isStale === isStale &&
      p.pendingUsage === pendingUsage &&
      p.catalog === catalog &&
      p.live === liveStatus
    )
      return p
    state = {
      customerId: c.id,
      snapshot,
      status,
      error: wrappedError,
      isStale,
      pendingUsage,
      catalog,
      live: liveStatus,
    }
    return state
  }

  /** Recomputes the state and tells the listeners if it changed. */
  function update() {
    const before = state
    if (computeState() === before) return
    for (const listener of [...listeners]) {
      try {
        listener()
      } catch (error) {
        // One broken listener must not stop the others, nor the client's own bookkeeping.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  // Cache events (fetches by anyone, e.g. a `useQuery` on our query options) matter only while
  // someone listens or the client runs; otherwise `getState()` recomputes on demand.
  let unsubscribeCache: (() => void) | undefined
  function watchCache() {
    const wanted = listeners.size > 0 || started
    if (wanted && !unsubscribeCache) {
      unsubscribeCache = cache.subscribe((event) => {
        if (event.query.queryHash === current.hash || event.query.queryHash === catalogHash) update()
      })
    } else if (!wanted && unsubscribeCache) {
      unsubscribeCache()
      unsubscribeCache = undefined
    }
  }
  const getState = () => (unsubscribeCache && state ? state : computeState())

  // ─── Usage ───────────────────────────────────────────────────────────────────────────────────

  const inFlight = new Map<string, Promise<UsageResult>>()
  const isQueued = (report: PendingUsage) => report.queued
  const queuedOf = (c: Customer) => c.pending.filter(isQueued)

  function saveQueue(c: Customer) {
    const queue = queuedOf(c)
    const key = storageKey(environment, c.id, 'usage-queue')
    if (queue.length === 0) persister.remove(key)
    // As sent: without the `queued` flag.
    else
      persister.write(
        key,
        queue.map(({ queued, ...report }) => report),
      )
  }

  function settle(c: Customer, report: PendingUsage) {
    const index = c.pending.indexOf(report)
    if (index < 0) return
    c.pending.splice(index, 1)
    if (report.queued) saveQueue(c)
  }

  function rollBack(c: Customer, report: PendingUsage, error: EntitlementsError) {
    settle(c, report)
    publish(c)
    update()
    emit({ type: 'usage_rejected', feature: report.feature, amount: report.amount, code: error.code })
  }

  async function send(c: Customer, report: PendingUsage): Promise<UsageResult> {
    const response = await transport.request({
      method: 'POST',
      path: customerPath(c.id, 'usage'),
      body: { feature: report.feature, amount: report.amount, idempotencyKey: report.idempotencyKey },
    })
    let result: UsageResult
    try {
      result = parseUsageResult(response.body)
    } catch (error) {
      // Counted by the server, but the answer is unreadable: drop the optimistic copy, ask for the truth.
      settle(c, report)
      publish(c)
      update()
      if (c === current) refreshQuietly()
      throw error
    }
    settle(c, report)
    const base = c.base
    if (base && result.version > base.version) {
      const entitlements = { ...base.entitlements, [report.feature]: result.entitlement }
      accept(c, { ...base, version: result.version, entitlements }, 'usage')
      publish(c, Date.now())
      // Other changes happened in between (the version jumped by more than this report).
      if (result.version > base.version + 1 && c === current) refreshQuietly()
    } else {
      publish(c)
    }
    update()
    emit({ type: 'usage_reported', feature: report.feature, amount: report.amount })
    return { entitlement: result.entitlement, version: result.version, queued: false }
  }

  function flush(c: Customer): Promise<void> {
    if (c.flushing) return c.flushing
    if (!c.pending.some(isQueued)) return Promise.resolve()
    c.flushing = (async () => {
      // In order, one at a time: a later report may depend on an earlier release (e.g. seats).
      for (const report of queuedOf(c)) {
        // The token now belongs to another customer: keep the queue until this one is current again.
        if (c !== current) break
        if (!c.pending.includes(report)) continue // dropped meanwhile (clearPersisted)
        try {
          await send(c, report)
        } catch (error) {
          const e = asEntitlementsError(error)
          // Unreachable or not authorized (yet): keep this and the rest for the next recovery. Only a
          // refusal of the report itself (limit, bad request…) drops it.
          if (e.retryable || e.code === 'unauthorized' || e.code === 'forbidden' || e.code === 'aborted')
            break
          if (e.code !== 'invalid_response') rollBack(c, report, e)
        }
      }
    })().finally(() => {
      c.flushing = undefined
    })
    return c.flushing
  }

  const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false

  function queue(c: Customer, report: PendingUsage): UsageResult {
    if (queuedOf(c).length >= maxQueuedUsage) {
      const error = new EntitlementsError(
        'network',
        `Offline, and ${maxQueuedUsage} usage reports are already queued (maxQueuedUsage): report refused`,
      )
      rollBack(c, report, error)
      throw error
    }
    report.queued = true
    saveQueue(c)
    update()
    return queuedResult(c, report)
  }

  function queuedResult(c: Customer, report: PendingUsage): UsageResult {
    const shown = withPendingUsage(c.base, c.pending)
    return {
      entitlement: shown?.entitlements[report.feature] as MeteredEntitlement,
      version: shown?.version ?? 0,
      queued: true,
    }
  }

  async function reportUsage(feature: string, amount: number, reportOptions?: ReportUsageOptions) {
    if (!Number.isInteger(amount) || amount === 0) {
      throw new EntitlementsError(
        'bad_request',
        `reportUsage("${feature}"): amount must be a non-zero integer`,
      )
    }
    const c = current
    const idempotencyKey = reportOptions?.idempotencyKey ?? randomKey()
    // The same key again is the same report: one optimistic change, one answer.
    const running = inFlight.get(idempotencyKey)
    if (running) return running
    const existing = c.pending.find((r) => r.idempotencyKey === idempotencyKey)
    if (existing?.queued) return queuedResult(c, existing)

    const report: PendingUsage = { idempotencyKey, feature, amount, queued: false }
    // Only a metered entitlement the client knows can be shown (and queued) optimistically.
    const optimistic = c.base?.entitlements[feature]?.kind === 'metered'
    if (optimistic) {
      c.pending.push(report)
      publish(c)
      update()
      if (offline()) return queue(c, report)
    }
    const promise = send(c, report).catch((error: unknown) => {
      const e = asEntitlementsError(error)
      if (optimistic && e.retryable && c.pending.includes(report)) return queue(c, report)
      if (c.pending.includes(report)) rollBack(c, report, e)
      else emit({ type: 'usage_rejected', feature, amount, code: e.code })
      throw e
    })
    inFlight.set(idempotencyKey, promise)
    return promise.finally(() => inFlight.delete(idempotencyKey))
  }

  // ─── Live updates ────────────────────────────────────────────────────────────────────────────

  function receive(c: Customer, json: unknown, from: 'live' | 'tab') {
    let snapshot: EntitlementsSnapshot
    try {
      snapshot = ownSnapshot(json, c.id)
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

  /** Opens the stream and tab channel once the module is loaded; `'connecting'` until then. The caller updates. */
  function connectLive() {
    if (!live || !started || stopStream) return
    liveStatus = 'connecting'
    if (!liveModule) return
    const c = current
    // Callbacks of a connection that was closed meanwhile (stop, customer switch) change nothing.
    const stop: () => void = liveModule.openLiveStream({
      transport,
      path: customerPath(c.id, 'events'),
      retryDelayMs,
      maxRetryDelayMs,
      onSnapshot: (json) => receive(c, json, 'live'),
      onOpen: (reconnected) => {
        if (stopStream !== stop) return
        setLive('open')
        // Events may have been missed while disconnected.
        if (reconnected) refreshQuietly()
      },
      onClose: (final) => {
        if (stopStream === stop) setLive(final ? 'off' : 'reconnecting')
      },
    })
    stopStream = stop
    tabs = liveModule.openTabChannel(`entitle:${environment}:${c.id}`, (message) => {
      const m = message as { type?: unknown; snapshot?: unknown } | null
      if (m?.type === 'snapshot') receive(c, m.snapshot, 'tab')
    })
  }

  /** The caller updates. */
  function disconnectLive() {
    liveStatus = 'off'
    stopStream?.()
    stopStream = undefined
    tabs?.close()
    tabs = undefined
  }

  const onOnline = () => {
    void flush(current)
    refreshQuietly()
  }
  // Back to a tab that sat in the background: refetch if stale (as TanStack's refetchOnWindowFocus),
  // which also covers an event stream that a proxy or a sleeping laptop silently cut.
  const onVisible = () => {
    if (document.visibilityState === 'visible') refreshIfStale()
  }
  const listen = (on: boolean) => {
    const method = on ? 'addEventListener' : 'removeEventListener'
    if (typeof window !== 'undefined') window[method]?.('online', onOnline)
    if (typeof document !== 'undefined') document[method]?.('visibilitychange', onVisible)
  }

  // ─── Public API ──────────────────────────────────────────────────────────────────────────────

  function rethrow(error: unknown): never {
    throw asEntitlementsError(error)
  }

  /** For refreshes nobody waits for: their failure shows in the state already. */
  function refreshQuietly() {
    refresh().catch(noop)
  }

  function refresh(): Promise<EntitlementsSnapshot> {
    // staleTime 0: always ask; query-core still shares a request already in flight.
    return queryClient.fetchQuery({ ...current.options, staleTime: 0 }).catch(rethrow)
  }

  function refreshIfStale() {
    const c = current
    const query = cache.get(c.hash)
    if (!query || query.state.data === undefined || c.restored || query.isStaleByTime(staleTime)) {
      refreshQuietly()
    }
  }

  function check(feature: F, checkOptions?: CheckOptions): Decision {
    const s = getState()
    try {
      return evaluate(s.snapshot, feature, {
        requested: checkOptions?.requested,
        now: checkOptions?.now ?? clock?.(),
        fallback: fallbacks.get(feature),
        failMode,
        unavailable: s.status === 'error',
        isStale: s.isStale,
        features,
      })
    } catch {
      return { feature, granted: false, reason: 'loading', isFallback: false, isStale: s.isStale }
    }
  }

  return {
    queryClient,
    check,
    value<T extends ConfigValue>(feature: F, fallback: T): T {
      const decision = check(feature, { requested: 0 })
      return decision.granted && typeof decision.value === typeof fallback ? (decision.value as T) : fallback
    },
    getState,
    subscribe(listener) {
      listeners.add(listener)
      watchCache()
      computeState()
      return () => {
        listeners.delete(listener)
        watchCache()
      }
    },
    getCatalog: () => queryClient.getQueryData<Catalog>(catalogOptions.queryKey),
    loadCatalog,
    refresh,
    setCustomer(customerId) {
      if (customerId === current.id) return
      // Aborts the request in flight; query-core reverts that query to its state before the fetch.
      void queryClient.cancelQueries({ queryKey: current.options.queryKey, exact: true })
      disconnectLive()
      current = customer(customerId)
      connectLive()
      update()
      if (started) refreshIfStale()
    },
    reportUsage,
    async changePlan(planId, planOptions?: ChangePlanOptions) {
      const c = current
      const response = await transport
        .request({
          method: 'PUT',
          path: customerPath(c.id, 'subscription'),
          body: { planId, addons: planOptions?.addons, trial: planOptions?.trial },
        })
        .catch(rethrow)
      if (accept(c, ownSnapshot(response.body, c.id), 'plan')) publish(c, Date.now())
      update()
      return withPendingUsage(c.base, c.pending) as EntitlementsSnapshot
    },
    track: emit,
    entitlementsQueryOptions: () => current.options,
    catalogQueryOptions: () => catalogOptions,
    start() {
      if (started) return
      started = true
      watchCache()
      if (live) liveStatus = 'connecting'
      update()
      refreshIfStale()
      if (catalogRestored) loadCatalog().catch(noop)
      listen(true)
      if (!live) return
      if (liveModule) connectLive()
      else {
        import('./live.js').then(
          (module) => {
            liveModule = module
            connectLive()
          },
          () => {
            if (started && !stopStream) setLive('off')
          },
        )
      }
    },
    stop() {
      started = false
      disconnectLive()
      update()
      listen(false)
      watchCache()
    },
    clearPersisted(clearOptions?: ClearPersistedOptions) {
      const keepQueue = clearOptions?.keepQueuedUsage === true
      const queueSuffix = ':usage-queue'
      // Customers of earlier sessions too, where the storage can be listed; those of this one always.
      const keys = new Set(persister.keys(storageKey(environment, '')))
      const inMemory = new Set<string>()
      let dropped = 0
      for (const c of customers.values()) {
        keys.add(storageKey(environment, c.id))
        const queueKey = storageKey(environment, c.id, 'usage-queue')
        keys.add(queueKey)
        inMemory.add(queueKey)
        const queued = keepQueue ? 0 : queuedOf(c).length
        if (queued > 0) {
          dropped += queued
          c.pending = c.pending.filter((report) => !report.queued)
          publish(c)
        }
      }
      for (const key of keys) {
        if (key.endsWith(queueSuffix)) {
          if (keepQueue) continue
          if (!inMemory.has(key)) dropped += persister.read(key, parseQueue)?.length ?? 0
        }
        persister.remove(key)
      }
      persister.remove(catalogStorageKey)
      if (dropped > 0 && typeof process !== 'undefined' && process.env.NODE_ENV !== 'production')
        devWarn(
          `clearPersisted(): ${dropped} queued usage report(s) dropped, never sent. Pass { keepQueuedUsage: true } to keep them.`,
        )
      update()
    },
  }
}
