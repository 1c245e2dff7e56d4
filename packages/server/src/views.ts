// Customer snapshots as served: computed by the engine from the store's record, cached per customer
// while the store's change notices keep the cache exact, and given a new version (atomically, in the
// store) when time alone changes their content.
import {
  buildSnapshot,
  type Catalog,
  type ComputedEntitlements,
  computeEntitlements,
  type EntitlementsSnapshot,
  isVersionCurrent,
  nextVersionMark,
  snapshotInstant,
  type UsageOutcome,
  type UsagePlan,
  usageRecordAfter,
} from '@entitle/core/engine'
import { ApiError } from './http/errors.js'
import type { CustomerRecord, Store, StoreEvent } from './store/types.js'
import { unrefTimer } from './timers.js'

/** One customer's current snapshot. */
export interface CustomerView {
  readonly record: CustomerRecord
  readonly computed: ComputedEntitlements
  /** `W/"<version>"`: the content, not the instant, so a 304 holds until the next version. */
  readonly etag: string
  /** The snapshot JSON, with `generatedAt` = `at`. */
  json(at: number): string
  snapshot(at: number): EntitlementsSnapshot
}

interface Entry {
  view: CustomerView
  /** `false` once a usage write may have happened that the view does not show (read again to serve it). */
  usageExact: boolean
}

interface Loading {
  promise: Promise<Entry | undefined>
  /** A change was announced while loading: the result may predate it, so it is not cached. */
  invalidated: boolean
}

export interface CustomerViewsOptions {
  store: Store
  catalog: Catalog
  environment: string
  clock: () => number
  /** Most customers cached. Default 10,000. */
  maxEntries?: number
  /** Cache at all. Default `true` (still only while the store hears every change). */
  cache?: boolean
  /** How often cached customers are checked against a shared store, ms. Default 5,000. */
  recheckMs?: number
}

const MAX_READ_ATTEMPTS = 8

/** The snapshot of `record` as a lazily serialized view (most cached views are never sent whole). */
function makeView(record: CustomerRecord, computed: ComputedEntitlements, environment: string): CustomerView {
  let head: string | undefined
  let tail: string | undefined
  const version = record.mark.version
  const snapshot = (at: number): EntitlementsSnapshot =>
    buildSnapshot(record.id, environment, version, computed, at)
  return {
    record,
    computed,
    etag: `W/"${version}"`,
    snapshot,
    json(at) {
      // The same bytes as JSON.stringify(snapshot(at)), from two cached halves around the instant.
      head ??= `${JSON.stringify({ customerId: record.id, environment, version }).slice(0, -1)},"generatedAt":"`
      tail ??= `",${JSON.stringify({
        plan: computed.plan,
        addons: computed.addons,
        trialEndsAt: computed.trialEndsAt,
        subscription: computed.subscription,
        entitlements: computed.entitlements,
      }).slice(1)}`
      return head + new Date(at).toISOString() + tail
    },
  }
}

/** The server's per-customer snapshot cache over a store. */
export class CustomerViews {
  private readonly entries = new Map<string, Entry>()
  private readonly loading = new Map<string, Loading>()
  /** Customers with writes of this process in flight, and the notices that arrived meanwhile. */
  private readonly ownWrites = new Map<string, { count: number; events: StoreEvent[] }>()
  private readonly store: Store
  private readonly catalog: Catalog
  private readonly environment: string
  private readonly clock: () => number
  private readonly maxEntries: number
  private readonly cache: boolean
  private readonly unsubscribe: () => void
  private readonly listeners = new Set<(customerId: string | null) => void>()
  private recheckTimer: ReturnType<typeof setInterval> | undefined

  constructor(options: CustomerViewsOptions) {
    this.store = options.store
    this.catalog = options.catalog
    this.environment = options.environment
    this.clock = options.clock
    this.maxEntries = options.maxEntries ?? 10_000
    this.cache = options.cache ?? true
    this.unsubscribe = this.store.subscribe((event) => this.onEvent(event))
    if (this.store.shared) {
      this.recheckTimer = setInterval(() => {
        this.recheck().catch(() => {})
      }, options.recheckMs ?? 5_000)
      unrefTimer(this.recheckTimer)
    }
  }

  /**
   * Compares what is cached with the store (one read for up to 1,000 customers): anything that moved
   * without a notice (an instance crashed between its commit and its notice) is read again.
   */
  async recheck(): Promise<void> {
    const ids = [...this.entries.keys()]
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000)
      const current = await this.store.versionsOf(chunk)
      for (const id of chunk) {
        const entry = this.entries.get(id)
        if (entry === undefined) continue
        const now = current.get(id)
        const { record } = entry.view
        if (now !== undefined && now.revision === record.revision && now.version === record.mark.version)
          continue
        this.onEvent(
          now === undefined
            ? {
                type: 'changed',
                customerId: id,
                version: record.mark.version + 1,
                revision: record.revision + 1,
              }
            : { type: 'changed', customerId: id, version: now.version, revision: now.revision },
        )
      }
    }
  }

  /** The customer's exact current snapshot view, or `undefined` for an unknown customer. */
  async view(customerId: string): Promise<CustomerView | undefined> {
    const entry = this.entries.get(customerId)
    if (entry?.usageExact && isVersionCurrent(entry.view.record.mark, this.clock())) return entry.view
    return (await this.load(customerId))?.view
  }

  /**
   * What a usage report is planned from: the record (its revision) and the entitlements at now.
   * Usage counts may lag here: the store applies a plan to the usage it holds.
   */
  async basis(
    customerId: string,
  ): Promise<{ record: CustomerRecord; computed: ComputedEntitlements } | undefined> {
    const entry = this.entries.get(customerId) ?? (await this.load(customerId))
    if (entry === undefined) return undefined
    const { record } = entry.view
    const now = this.clock()
    if (isVersionCurrent(record.mark, now)) return { record, computed: entry.view.computed }
    const computed = computeEntitlements(
      this.catalog,
      record.state,
      record.usage,
      snapshotInstant(record.mark, now),
    )
    return { record, computed }
  }

  /**
   * Called once the cache has taken in a change: with the customer's id, or `null` when anything may
   * have changed (notices were missed). Read the customer's view from there. Returns an unsubscribe.
   */
  subscribe(listener: (customerId: string | null) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** Forgets what is cached of the customer (the next read goes to the store). */
  forget(customerId: string): void {
    this.entries.delete(customerId)
    const loading = this.loading.get(customerId)
    if (loading) loading.invalidated = true
  }

  /**
   * Runs a write of this process: notices the store sends meanwhile are held, so that the write's
   * own notice does not throw away the view that `after` brings up to date.
   */
  async ownWrite<T>(customerId: string, write: () => Promise<T>, after: (result: T) => void): Promise<T> {
    let pending = this.ownWrites.get(customerId)
    if (pending === undefined) {
      pending = { count: 0, events: [] }
      this.ownWrites.set(customerId, pending)
    }
    pending.count += 1
    try {
      const result = await write()
      after(result)
      return result
    } finally {
      pending.count -= 1
      if (pending.count === 0) {
        this.ownWrites.delete(customerId)
        for (const event of pending.events) this.onEvent(event)
        if (pending.events.length === 0) this.changed(customerId)
      }
    }
  }

  /** Brings the cached view up to date after this process's applied usage write, when it can do so exactly. */
  afterUsage(
    customerId: string,
    plan: UsagePlan,
    outcome: UsageOutcome,
    version: number,
    now: number,
    validUntil: number | null,
  ): void {
    const entry = this.entries.get(customerId)
    if (entry === undefined || outcome.status !== 'applied') return
    const previous = entry.view.record
    if (!entry.usageExact || previous.mark.version + 1 !== version) {
      // Another write landed in between (this process's, out of order, or another's): read again to serve.
      entry.usageExact = false
      return
    }
    const record: CustomerRecord = {
      ...previous,
      usage: { ...previous.usage, [plan.feature]: usageRecordAfter(plan, outcome) },
      mark: { version, versionAt: Math.max(previous.mark.versionAt, now), validUntil },
    }
    // Only the meter's usage moved: the rest of the computed content holds (same state, same period).
    const current = entry.view.computed
    const entitlement = current.entitlements[plan.feature]
    const computed =
      entitlement?.kind === 'metered' && isVersionCurrent(previous.mark, now)
        ? {
            ...current,
            entitlements: {
              ...current.entitlements,
              [plan.feature]: { ...entitlement, usage: outcome.used },
            },
          }
        : computeEntitlements(this.catalog, record.state, record.usage, snapshotInstant(record.mark, now))
    this.put(customerId, { view: makeView(record, computed, this.environment), usageExact: true })
  }

  /** Caches the record this process's state change produced. */
  afterUpdate(record: CustomerRecord): void {
    const now = this.clock()
    const computed = computeEntitlements(
      this.catalog,
      record.state,
      record.usage,
      snapshotInstant(record.mark, now),
    )
    this.put(record.id, { view: makeView(record, computed, this.environment), usageExact: true })
  }

  /** Stops listening to the store. */
  dispose(): void {
    if (this.recheckTimer !== undefined) clearInterval(this.recheckTimer)
    this.unsubscribe()
    this.entries.clear()
  }

  private changed(customerId: string | null): void {
    for (const listener of this.listeners) listener(customerId)
  }

  private onEvent(event: StoreEvent): void {
    if (event.type === 'resync') {
      this.entries.clear()
      for (const loading of this.loading.values()) loading.invalidated = true
      this.changed(null)
      return
    }
    const pending = this.ownWrites.get(event.customerId)
    if (pending !== undefined) {
      pending.events.push(event)
      return
    }
    const loading = this.loading.get(event.customerId)
    if (loading) loading.invalidated = true
    const entry = this.entries.get(event.customerId)
    if (entry !== undefined) {
      const { record } = entry.view
      if (event.revision !== record.revision) this.entries.delete(event.customerId)
      else if (event.version > record.mark.version) entry.usageExact = false
    }
    this.changed(event.customerId)
  }

  private put(customerId: string, entry: Entry): void {
    if (!this.cache || !this.store.notifying) return
    this.entries.delete(customerId)
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next()
      if (!oldest.done) this.entries.delete(oldest.value)
    }
    this.entries.set(customerId, entry)
  }

  private load(customerId: string): Promise<Entry | undefined> {
    const inFlight = this.loading.get(customerId)
    if (inFlight) return inFlight.promise
    const loading: Loading = { promise: Promise.resolve(undefined), invalidated: false }
    loading.promise = this.read(customerId).then(
      (entry) => {
        if (this.loading.get(customerId) === loading) this.loading.delete(customerId)
        if (entry === undefined) this.entries.delete(customerId)
        else if (!loading.invalidated) this.put(customerId, entry)
        return entry
      },
      (error: unknown) => {
        if (this.loading.get(customerId) === loading) this.loading.delete(customerId)
        throw error
      },
    )
    this.loading.set(customerId, loading)
    return loading.promise
  }

  private async read(customerId: string): Promise<Entry | undefined> {
    for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
      const record = await this.store.getCustomer(customerId)
      if (record === undefined) return undefined
      const at = snapshotInstant(record.mark, this.clock())
      const computed = computeEntitlements(this.catalog, record.state, record.usage, at)
      if (isVersionCurrent(record.mark, at)) {
        return { view: makeView(record, computed, this.environment), usageExact: true }
      }
      // Time changed the content (an end passed, a period reset): one new version, whoever gets there first.
      const mark = nextVersionMark(record.mark, at, computed)
      if (await this.store.replaceMark(customerId, record.mark.version, mark)) {
        return { view: makeView({ ...record, mark }, computed, this.environment), usageExact: true }
      }
    }
    throw new ApiError(
      503,
      'service_unavailable',
      `customer "${customerId}" changed too often to be read; retry`,
      {
        'retry-after': '1',
      },
    )
  }
}
