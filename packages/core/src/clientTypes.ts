// The public shape of the headless client. `client.ts` implements it; `@entitle/react` binds to it.
import type { QueryClient } from '@tanstack/query-core'
import type { CatalogDefinition } from './catalog.js'
import type { CheckoutReturnMatcher, PendingCheckout } from './checkout.js'
import type { DevOverrides } from './devOverrides.js'
import type { EntitlementsError } from './errors.js'
import type {
  Catalog,
  CheckOptions,
  ConfigValue,
  Decision,
  EntitlementEvent,
  EntitlementsSnapshot,
  FailMode,
  FallbackGrant,
  FeatureKey,
  MeteredEntitlement,
} from './types.js'
import type { WaitCondition, WaitForOptions } from './waitFor.js'

/** A Storage-like object (localStorage, sessionStorage, or your own). */
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface EntitlementsClientOptions<F extends string = FeatureKey> {
  /** Base URL of the entitlements service, e.g. `https://api.example.com` (the client appends `/v1/…`). */
  baseUrl: string
  /** The customer whose entitlements are read. Change it later with `setCustomer()`. */
  customerId: string
  /**
   * Returns the bearer token, sent as `Authorization: Bearer …` (never in a URL, log or storage).
   * After a 401 it is called once more with `{ refresh: true }` (renew a cached token) and the request
   * is retried once; a second 401 surfaces `EntitlementsError('unauthorized')`. Default: no token.
   */
  getToken?: (context: { refresh: boolean }) => string | Promise<string>
  /** Fetch implementation. Default: `globalThis.fetch`. */
  fetch?: typeof fetch
  /**
   * Environment name: part of the persistence key, and what every snapshot must say (a snapshot whose
   * `environment` differs is refused, with a development warning). The mock server's is
   * `'development'`. Default `'production'`.
   */
  environment?: string
  /**
   * A catalog declared in code (`defineCatalog({…} as const)`, or a file generated from the server's
   * catalog). Types the feature keys (no `Register` needed) and `value()` by each config feature's
   * values, and tells the client each feature's kind and enforcement before any data arrives: with
   * no data and no fallback, a hard-limited check is refused while the others fail open. Paywalls
   * still read the server's catalog (`loadCatalog`, `initialCatalog`). Default: none.
   */
  catalog?: CatalogDefinition
  /**
   * Per-feature fallback grants used while there is no data or the service is unavailable. Default: none.
   * Keyed by the declared features; never a source of inference (`NoInfer`): passing `{ seats: … }`
   * must not narrow the client's feature type to `'seats'`.
   */
  fallback?: Partial<Record<NoInfer<F>, FallbackGrant>>
  /** What to decide with no data and no fallback. Default `'open'`. */
  failMode?: FailMode
  /**
   * Where to keep the last-known-good snapshot (keyed by environment + customer) and the offline
   * usage queue. `false` disables persistence. Default: `localStorage` where it exists.
   */
  persist?: StorageLike | false
  /**
   * A snapshot to start from (SSR / bootstrap): the first render is right without a request, and
   * `start()` refetches only once it is older than `staleTime`. Ignored if it is for another customer.
   * Default: none.
   */
  initialSnapshot?: EntitlementsSnapshot
  /**
   * The catalog the server rendered with (SSR), validated like network data. With `initialSnapshot`
   * or `initialCatalog` the first render equals the server's even when storage holds a newer snapshot
   * or a catalog: what storage holds is read on `start()`, right after hydration. Default: none.
   */
  initialCatalog?: Catalog
  /**
   * Restored data (from storage) older than this, in ms since the server last confirmed it, is not
   * shown: fallbacks decide until the server answers. Default 7 days (604_800_000): a week offline
   * still opens the app as it was, a cancelled plan does not linger for months.
   */
  maxStaleMs?: number
  /**
   * Largest response body read (bytes), and largest line or event of the event stream (characters);
   * beyond it the request fails with `invalid_response` and the stream reconnects. Default 1 MiB.
   */
  maxResponseBytes?: number
  /**
   * Analytics hook. The client emits `snapshot_updated`, `fetch_failed`, `usage_reported`,
   * `usage_rejected`, and forwards what `track()` gets (the React layer reports denials, limit hits,
   * paywall and upgrade events: `check()` is the hot path and emits nothing). Errors thrown in it are
   * swallowed. Default: none.
   */
  onEvent?: (event: EntitlementEvent) => void
  /**
   * The app's TanStack `QueryClient` (react-query's, or query-core's) to keep the client's data in:
   * one cache, so `useQuery(client.entitlementsQueryOptions())` and
   * `queryClient.invalidateQueries({ queryKey: ['entitle'] })` work on what the client shows. The client
   * only calls the instance: it ships no query-core of its own. Default: none (a small built-in cache).
   */
  queryClient?: QueryClient
  /** How long a snapshot (and the catalog) stays fresh, in ms: `start()` refetches only older data. Default 30_000. */
  staleTime?: number
  /** Per-request timeout in ms. Default 10_000. */
  timeoutMs?: number
  /** Retries on network errors, 5xx and 429 (capped exponential backoff with jitter). Default 3. */
  retries?: number
  /** First retry delay in ms; doubles per retry, each wait drawn uniformly below it (full jitter). Default 500. */
  retryDelayMs?: number
  /** Cap of one retry or reconnect wait in ms, `Retry-After` included. Default 30_000. */
  maxRetryDelayMs?: number
  /**
   * Listen to the server's event stream and share updates between tabs (BroadcastChannel): one stream
   * per browser where Web Locks exist (one tab holds it, the others hear it; another takes over when it
   * closes), else one per tab. The code for it is loaded on `start()` with a dynamic `import()`, so it
   * stays out of the main chunk.
   * Default `true` in browsers (where `window` exists), `false` elsewhere.
   */
  live?: boolean
  /** Most usage reports kept while offline; beyond it `reportUsage` rejects (and rolls back). Default 100. */
  maxQueuedUsage?: number
  /** Clock for checks (expiry, resets) and `Retry-After` dates. Default `Date.now`. */
  now?: () => number
  /**
   * How the app recognises the way back from a hosted checkout: the URL parameter it put in the
   * return and cancel URLs (`'checkout'` for `?checkout=success` / `?checkout=cancel`), or a function
   * of the URL. On `start()` in a browser, a matching URL is handled: the parameter leaves the address
   * bar, and the client waits for what the paywall was buying before the redirect (`state.checkout`:
   * `'confirming'`, then `'confirmed'` or `'timeout'`; `'cancelled'` for a cancelled checkout).
   * The code is a separate chunk, loaded only on a return. Default: none (returns are not recognised).
   */
  checkoutReturn?: CheckoutReturnMatcher
  /** How long the client waits for the entitlement after a checkout return, ms. Default 30_000. */
  checkoutTimeoutMs?: number
}

/**
 * The way back from a hosted checkout (see the `checkoutReturn` option). `confirming`: waiting for
 * the entitlement bought (live or by polling); `confirmed`: it arrived; `timeout`: it did not within
 * `checkoutTimeoutMs` (the payment may still be processing: `retry()` waits again); `cancelled`: the
 * customer cancelled the checkout (nothing changed).
 */
export interface CheckoutState {
  status: 'confirming' | 'confirmed' | 'timeout' | 'cancelled'
  /** What the paywall remembered before the redirect (feature, offer, where it was shown). */
  pending: PendingCheckout
  /** Epoch ms the customer came back. */
  returnedAt: number
  /** Epoch ms the entitlement arrived (`confirmed`), else `null`. */
  confirmedAt: number | null
  /** Waits again (after a `timeout`). */
  retry(): void
  /** Forgets the return (`state.checkout` becomes `undefined`). */
  dismiss(): void
}

/**
 * The live-updates connection (the server's event stream): `'off'` (live updates disabled, client
 * not started, stopped, or given up after an auth / not-found answer), `'connecting'` (started,
 * no answer yet), `'open'` (the stream answered 200 and is being read), `'reconnecting'` (backing
 * off or retrying after a drop or an error).
 */
export type LiveStatus = 'off' | 'connecting' | 'open' | 'reconnecting'

/** The client's state, as read by `getState()`; a new object whenever anything in it changes. */
export interface EntitlementsClientState {
  customerId: string
  snapshot: EntitlementsSnapshot | undefined
  /** `loading`: no snapshot yet; `success`: the last fetch succeeded; `error`: it failed. */
  status: 'loading' | 'success' | 'error'
  /** The last fetch error, if the latest fetch failed. */
  error: EntitlementsError | null
  /** A snapshot is shown that could not be refreshed (from storage, or the last fetch failed). */
  isStale: boolean
  /** Usage reports waiting for the network (queued while offline; persisted; flushed on recovery). */
  pendingUsage: number
  /** The catalog, once loaded (or restored from storage): checks use it to tell unknown features. */
  catalog?: Catalog | undefined
  /**
   * The live-updates connection (see `LiveStatus`): `'open'` means server changes arrive as they
   * happen. `createEntitlementsClient` always sets it; optional in the type only so that hand-written
   * clients (test fakes) keep compiling. Read a missing value as `'off'`.
   */
  live?: LiveStatus
  /** The way back from a hosted checkout, while there is one to show (see `CheckoutState`). */
  checkout?: CheckoutState | undefined
  /** The local development overrides in effect (`setDevOverrides`); `undefined` without any, and always in production. */
  devOverrides?: DevOverrides | undefined
}

export interface ClearPersistedOptions {
  /**
   * Keep the usage reports still waiting for the network (stored and in memory), to be sent when
   * their customer is current again. Default `false`: they are dropped, never sent (their optimistic
   * usage is removed), with a development warning saying how many.
   */
  keepQueuedUsage?: boolean
}

export interface UsageResult {
  /** The entitlement after the report: as the server acknowledged it, or (when `queued`) as shown optimistically. */
  entitlement: MeteredEntitlement
  /** The snapshot version it belongs to (when `queued`: the version the optimistic usage was added to). */
  version: number
  /**
   * `true`: the network is unavailable, so the report was queued (kept optimistically, persisted) and
   * will be sent once, with its idempotency key, when the connection recovers. Absent or `false`:
   * the server acknowledged it.
   */
  queued?: boolean
}

export interface ReportUsageOptions {
  /** Same key = same report: the server counts it once. Default: a fresh random key per call. */
  idempotencyKey?: string
}

export interface ChangePlanOptions {
  /** Add-on ids to hold after the change. Default: none sent (the server keeps its default). */
  addons?: string[]
  /** Start the plan's trial instead of paying now. Default: none sent. */
  trial?: boolean
  /**
   * When the change applies: `'now'`, or `'period_end'` (a downgrade keeps what was paid for until the
   * end of the billing period; the snapshot's `subscription.scheduledChange` says what changes when).
   * An immediate change to the current plan cancels a scheduled one. Default: none sent (the server's
   * default, `'now'`).
   */
  at?: 'now' | 'period_end'
}

export interface CheckFreshOptions {
  /** Units about to be used (metered features). Default: as in `check()` (1 for metered features). */
  requested?: number
  /**
   * Decide on data the server confirmed at most this many ms ago; older data (or none, or restored
   * from storage) is fetched first. Default 0: always ask the server.
   */
  maxAgeMs?: number
}

/**
 * Options for `useQuery` / `fetchQuery` & co. of any TanStack adapter. The same object every call (per
 * customer), with the client's settings: it retries itself, so `retry` is off for query-core.
 */
export interface EntitlementsQueryOptions<T> {
  queryKey: readonly unknown[]
  queryFn: (ctx: { signal: AbortSignal }) => Promise<T>
  staleTime?: number
  gcTime?: number
  retry?: false
  networkMode?: 'always'
}

/** Config feature id → its value type (from a catalog declared in code); any string when none is declared. */
export type ConfigValues = Record<string, ConfigValue>

export interface EntitlementsClient<F extends string = FeatureKey, V extends ConfigValues = ConfigValues> {
  /** The `queryClient` option: the app's QueryClient the client keeps its data in, if one was given. */
  readonly queryClient: QueryClient | undefined
  /** Synchronous check against the cached snapshot (or fallbacks): never throws, never fetches. */
  check(feature: F, options?: CheckOptions): Decision
  /**
   * A config entitlement's value, or `fallback` when not granted. With a catalog declared in code,
   * only its config features are accepted and the fallback is typed by their values.
   */
  value<K extends F & keyof V, T extends ConfigValue>(
    feature: K,
    fallback: string extends keyof V ? T : V[K],
  ): string extends keyof V ? T : V[K]
  /** The current state; the same object until something changes (safe for `useSyncExternalStore`). */
  getState(): EntitlementsClientState
  /** Called after every state change. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void
  /** The catalog, once loaded (see `loadCatalog`). */
  getCatalog(): Catalog | undefined
  loadCatalog(): Promise<Catalog>
  /** Fetch the snapshot now (deduplicated with any request in flight). Rejects with `EntitlementsError`. */
  refresh(): Promise<EntitlementsSnapshot>
  /** Switch customer: aborts the in-flight request; the previous customer's data is never shown. */
  setCustomer(customerId: string): void
  /**
   * Optimistically add `amount` (a non-zero integer; negative releases) to a metered feature's usage
   * and report it (`POST /v1/customers/:id/usage`). Retried with the same idempotency key on network
   * errors, 5xx and 429, so a lost answer is counted once. Refused (409 `limit_exceeded`…) → rolled
   * back and rejected with `EntitlementsError`. Offline (`navigator.onLine === false`, or still
   * unreachable after the retries) → queued: resolves at once with `{ queued: true, … }`, keeps the
   * optimistic usage, persists the report, and sends it once on recovery (`online` event or the next
   * successful fetch); `state.pendingUsage` counts them and `onEvent` gets `usage_reported` (or
   * `usage_rejected`, rolled back) when each lands. Only features the snapshot has as metered are
   * shown and queued optimistically; other reports are simply sent.
   */
  reportUsage(feature: F, amount: number, options?: ReportUsageOptions): Promise<UsageResult>
  /** Change the subscription (simulated checkout on the mock server); resolves with the new snapshot. */
  changePlan(planId: string, options?: ChangePlanOptions): Promise<EntitlementsSnapshot>
  /**
   * Resolves with the snapshot once it satisfies `condition`: a feature granted (`{ feature,
   * requested? }`, on data the server confirmed: never a fallback or a restored snapshot) or a
   * predicate. Driven by the live stream while it is open, by polling with backoff otherwise (a slow
   * safety poll runs either way). Rejects with `EntitlementsError` `'timeout'` after `timeoutMs`
   * (default 30 s) or `'aborted'` when `signal` aborts. E.g. after a checkout whose webhook lands later.
   */
  waitFor(condition: WaitCondition<F>, options?: WaitForOptions): Promise<EntitlementsSnapshot>
  /**
   * A check decided on server data younger than `maxAgeMs` (default 0: always fetched first), where
   * preventing an overage matters more than speed. Never rejects: when the server cannot be reached
   * the decision is made on what is cached (`isStale: true`) or by the fallbacks, as `check()` would.
   */
  checkFresh(feature: F, options?: CheckFreshOptions): Promise<Decision>
  /** Report a UI analytics event (paywall_viewed, upgrade_clicked…) to `onEvent`. */
  track(event: EntitlementEvent): void
  /** Query options of the snapshot, for any TanStack adapter reading the same cache. */
  entitlementsQueryOptions(): EntitlementsQueryOptions<EntitlementsSnapshot>
  /** Query options of the catalog. */
  catalogQueryOptions(): EntitlementsQueryOptions<Catalog>
  /** Start fetching, live updates and tab sync. Idempotent. Called by the React provider on mount. */
  start(): void
  /** Stop live updates, timers and listeners. */
  stop(): void
  /**
   * Forget what this client stored for its environment (on logout): the snapshot of every customer
   * it knows or finds in storage, their queued usage (see `keepQueuedUsage`) and the catalog. Never
   * throws; storage that fails is left as it is. What is shown stays in memory, and a client that
   * still runs stores what it receives next: call `stop()` first, then switch customer or drop it.
   * Customers of earlier sessions are found when the storage can be listed (`length` and `key()`,
   * like `localStorage`). `createEntitlementsClient` always provides it; optional in the type only
   * so that hand-written clients (test fakes) keep compiling.
   */
  clearPersisted?(options?: ClearPersistedOptions): void
  /**
   * Development only: local overrides of features' decisions (what the devtools panel sets), each a
   * fallback grant (`false`, `true`, `{ kind: 'metered', limit: 3, usage: 3 }`…), or `null` to clear
   * them. Checks of an overridden feature decide on it as on a fallback and say so (`isOverridden:
   * true`, `isFallback: false`); `getState().devOverrides` lists them; the server is never told. A
   * no-op unless `process.env.NODE_ENV` is other than `'production'` (and, without a bundler, where no
   * `process` exists). Optional in the type only so that hand-written clients (test fakes) keep compiling.
   */
  setDevOverrides?(overrides: DevOverrides | null): void
  /**
   * Hears every event `onEvent` gets from now on (the devtools' event log); returns the unsubscribe.
   * Optional in the type only so that hand-written clients (test fakes) keep compiling.
   */
  subscribeEvents?(listener: (event: EntitlementEvent) => void): () => void
}
