// The snapshot lifecycle of each customer the client has seen: created on first use, read from storage
// (at once, or on `start()` when the page was server-rendered), fetched, confirmed, taken from any
// source through the version rule (customers.ts), written to storage, and shown (base + pending usage)
// in the cache. Also the clock offset to the server, measured from fresh answers.
import { type CacheQuery, type EntitlementsCache, hashOf } from './cache.js'
import type { EntitlementsQueryOptions } from './clientTypes.js'
import { type Customer, parseRecord, type SnapshotSource, takes, validSnapshot } from './customers.js'
import { devWarn } from './dev.js'
import { EntitlementsError } from './errors.js'
import { parseInstant } from './evaluate.js'
import { type Persister, storageKey } from './persist.js'
import type { Transport } from './transport.js'
import type { EntitlementEvent, EntitlementsSnapshot } from './types.js'
import { adoptQueued, parseQueue, withPendingUsage } from './usageQueue.js'

// Module-scoped on purpose (see dev.ts): core builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** `/v1/customers/<id>/<what>`. */
export const customerPath = (id: string, what: string) => `/v1/customers/${encodeURIComponent(id)}/${what}`

export interface CustomerRecordsOptions {
  environment: string
  cache: EntitlementsCache
  persister: Persister
  transport: Transport
  queryDefaults: Omit<EntitlementsQueryOptions<EntitlementsSnapshot>, 'queryKey' | 'queryFn'>
  /** Restored data older than this (ms since the server confirmed it) is not shown. */
  maxStaleMs: number
  /** The client's clock (`now` option). */
  localNow(): number
  /** May storage be read when a record is created (false while a server render is being hydrated). */
  readStorage(): boolean
  isCurrent(c: Customer): boolean
  emit(event: EntitlementEvent): void
  /** Tells the other tabs (a snapshot this tab received, except from them). */
  post(message: unknown): void
  /** A fetch for `c` succeeded (send what was queued offline). */
  fetched(c: Customer): void
  asError(error: unknown): EntitlementsError
}

export interface CustomerRecords {
  customer(id: string): Customer
  all(): Iterable<Customer>
  /** Reads storage for `c` (once): its queued usage, and its snapshot when newer than what `c` has. */
  load(c: Customer): void
  /**
   * Writes what `c` shows into the cache. `updatedAt`: a server answer just arrived (`Date.now()`), or
   * the data's age (`0`: restored, stale). Without it the change is local (optimistic usage).
   */
  publish(c: Customer, updatedAt?: number): void
  /** Takes a snapshot as `c`'s base if the version rule allows. Returns whether it was taken. */
  accept(c: Customer, snapshot: EntitlementsSnapshot, from: SnapshotSource, etag?: string): boolean
  /** Validated, and this customer's and environment's (a development warning says how to fix a mismatch). */
  own(json: unknown, customerId: string): EntitlementsSnapshot
  /** Server clock minus the client's (ms). */
  skewMs(): number
}

export function createCustomerRecords(o: CustomerRecordsOptions): CustomerRecords {
  // Destructured once: locals are mangled by minifiers, property reads are not.
  const { environment, cache, persister, transport, localNow, isCurrent, emit } = o
  const customers = new Map<string, Customer>()
  let skewMs = 0
  let warnedEnvironment = false

  function own(json: unknown, customerId: string): EntitlementsSnapshot {
    try {
      return validSnapshot(json, customerId, environment)
    } catch (error) {
      try {
        if (
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
      } catch {}
      throw error
    }
  }

  function customer(id: string): Customer {
    const existing = customers.get(id)
    if (existing) return existing
    const queryKey = ['entitle', environment, id, 'entitlements'] as const
    const c: Customer = {
      id,
      hash: hashOf(queryKey),
      options: { queryKey, queryFn: ({ signal }) => fetchSnapshot(c, signal), ...o.queryDefaults },
      restored: false,
      unconfirmed: false,
      loaded: false,
      pending: [],
      settled: new Set(),
    }
    customers.set(id, c)
    const cached = cache.read<EntitlementsSnapshot>(c.hash)?.data
    if (cached) c.base = cached // e.g. hydrated into the app's QueryClient: confirmed, storage not needed
    if (o.readStorage()) load(c)
    return c
  }

  function load(c: Customer) {
    if (c.loaded) return
    c.loaded = true
    const queued = adoptQueued(
      c,
      persister.read(storageKey(environment, c.id, 'usage-queue'), parseQueue) ?? [],
      localNow() + skewMs,
    )
    let restored = false
    if (!c.base || c.unconfirmed) {
      const key = storageKey(environment, c.id)
      const record = persister.read(key, (json) => parseRecord(json, c.id, environment))
      // Too old to trust: fallbacks decide until the server answers.
      if (record && Date.now() - record.confirmedAt > o.maxStaleMs) persister.remove(key)
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
    else if (queued) publish(c)
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

  function publish(c: Customer, updatedAt?: number) {
    const shown = withPendingUsage(c.base, c.pending)
    if (shown !== undefined) cache.write(c.options as CacheQuery<EntitlementsSnapshot>, shown, updatedAt)
  }

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
    if (from !== 'initial' && previous?.version !== snapshot.version && isCurrent(c)) {
      emit({ type: 'snapshot_updated', version: snapshot.version, from: from as 'fetch' })
      if (from !== 'tab') o.post({ type: 'snapshot', snapshot })
    }
    return true
  }

  async function fetchSnapshot(c: Customer, signal: AbortSignal): Promise<EntitlementsSnapshot> {
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
      if (isCurrent(c)) o.fetched(c)
      return withPendingUsage(c.base, c.pending) as EntitlementsSnapshot
    } catch (error) {
      const e = o.asError(error)
      if (e.code !== 'aborted' && isCurrent(c))
        emit({ type: 'fetch_failed', code: e.code, message: e.message })
      throw e
    }
  }

  return { customer, all: () => customers.values(), load, publish, accept, own, skewMs: () => skewMs }
}
