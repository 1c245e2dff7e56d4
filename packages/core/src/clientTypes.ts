// The public shape of the headless client. `client.ts` implements it; `@entitle/react` binds to it.
import type { QueryClient } from '@tanstack/query-core'
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
  /** Returns the bearer token, sent as `Authorization: Bearer …`. Called again once after a 401. */
  getToken?: () => string | Promise<string>
  /** Fetch implementation. Default: `globalThis.fetch`. */
  fetch?: typeof fetch
  /** Environment name, part of the persistence key. Default `'production'`. */
  environment?: string
  /** Per-feature fallback grants used while there is no data or the service is unavailable. */
  fallback?: Partial<Record<F, FallbackGrant>>
  /** What to decide with no data and no fallback. Default `'open'`. */
  failMode?: FailMode
  /**
   * Where to keep the last-known-good snapshot (keyed by environment + customer) and the offline
   * usage queue. `false` disables persistence. Default: `localStorage` where it exists.
   */
  persist?: StorageLike | false
  /** A snapshot to start from (SSR / bootstrap): the first render is right without a request. */
  initialSnapshot?: EntitlementsSnapshot
  /** Analytics hook: receives denials, limit hits, paywall and upgrade events. Errors thrown in it are swallowed. */
  onEvent?: (event: EntitlementEvent) => void
  /** Use this QueryClient (e.g. the app's own) as the cache. Default: a new one. */
  queryClient?: QueryClient
  /** How long a snapshot stays fresh before a background refetch, in ms. Default 30_000. */
  staleTime?: number
  /** Per-request timeout in ms. Default 10_000. */
  timeoutMs?: number
  /** Retries on network errors, 5xx and 429 (capped exponential backoff with jitter). Default 3. */
  retries?: number
  /** Listen to the server's event stream and share updates between tabs. Default `true` in browsers. */
  live?: boolean
  /** Most usage reports kept while offline. Default 100. */
  maxQueuedUsage?: number
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number
}

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
  /** Usage reports waiting for the network. */
  pendingUsage: number
}

export interface UsageResult {
  /** The entitlement after the report, as the server acknowledged it. */
  entitlement: MeteredEntitlement
  version: number
}

export interface ReportUsageOptions {
  /** Same key = same report: the server counts it once. Default: a fresh random key per call. */
  idempotencyKey?: string
}

export interface ChangePlanOptions {
  addons?: string[]
  trial?: boolean
}

export interface EntitlementsClient<F extends string = FeatureKey> {
  /** The query-core cache the client writes to. */
  readonly queryClient: QueryClient
  /** Synchronous check against the cached snapshot (or fallbacks): never throws, never fetches. */
  check(feature: F, options?: CheckOptions): Decision
  /** A config entitlement's value, or `fallback` when not granted. */
  value<T extends ConfigValue>(feature: F, fallback: T): T
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
   * Optimistically add `amount` to a metered feature's usage and report it. Rolled back if the
   * server refuses; retried with the same idempotency key on network errors; queued while offline.
   */
  reportUsage(feature: F, amount: number, options?: ReportUsageOptions): Promise<UsageResult>
  /** Change the subscription (simulated checkout on the mock server); resolves with the new snapshot. */
  changePlan(planId: string, options?: ChangePlanOptions): Promise<EntitlementsSnapshot>
  /** Report a UI analytics event (paywall_viewed, upgrade_clicked…) to `onEvent`. */
  track(event: EntitlementEvent): void
  /** Query options of the snapshot, for any TanStack adapter reading the same cache. */
  entitlementsQueryOptions(): {
    queryKey: readonly unknown[]
    queryFn: (ctx: { signal: AbortSignal }) => Promise<EntitlementsSnapshot>
  }
  catalogQueryOptions(): { queryKey: readonly unknown[]; queryFn: (ctx: { signal: AbortSignal }) => Promise<Catalog> }
  /** Start fetching, live updates and tab sync. Idempotent. Called by the React provider on mount. */
  start(): void
  /** Stop live updates, timers and listeners. */
  stop(): void
}
