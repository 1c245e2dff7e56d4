// The offline usage queue: reports kept while the network is unavailable, persisted, and sent once,
// in order, on recovery. Several tabs share one stored list per environment + customer: every write
// merges with what is stored (by idempotency key), so no tab drops another's entries, and a flush
// first adopts what other tabs (or a closed one) left. Loaded lazily, the first time a report has to
// wait or storage holds one: most sessions never need it.
// Types only from the main chunk: what it needs of it comes in `tools`, so a bundler splits no shared chunk.
import type { UsageResult } from './clientTypes.js'
import type { Customer } from './customers.js'
import type { EntitlementsError } from './errors.js'
import type { Persister } from './persist.js'
import type * as Queue from './usageQueue.js'
import type { PendingUsage, QueuedUsage } from './usageQueue.js'

/** What the offline queue uses of the main chunk. */
export interface OfflineQueueTools {
  Error: typeof EntitlementsError
  storageKey: (environment: string, customerId: string, suffix?: string) => string
  parseQueue: typeof Queue.parseQueue
  adoptQueued: typeof Queue.adoptQueued
  replayable: typeof Queue.replayable
}

export interface OfflineQueueDeps {
  tools: OfflineQueueTools
  persister: Persister
  environment: string
  now(): number
  current(): Customer
  /** Sends one report (and applies the answer). */
  send(c: Customer, report: PendingUsage): Promise<UsageResult>
  /** Drops a refused report and tells the app. */
  rollBack(c: Customer, report: PendingUsage, error: EntitlementsError): void
  /** `c`'s view changed (pending usage added or removed). */
  changed(c: Customer): void
  asError(error: unknown): EntitlementsError
  maxQueuedUsage: number
}

export interface OfflineQueue {
  /** Queues a pending report (persisted); the optimistic result. @throws beyond `maxQueuedUsage` (rolled back). */
  queue(c: Customer, report: PendingUsage): void
  /** Writes `c`'s queued reports, merged with what other tabs stored. */
  save(c: Customer): void
  /** Sends `c`'s queued reports (a no-op when none, or already flushing). */
  flush(c: Customer): Promise<void>
}

/**
 * The queue to store: what is stored (other tabs' entries included, in their order) without what this
 * tab settled, plus this tab's queued reports; expired entries dropped.
 */
export function mergeQueue(
  stored: readonly QueuedUsage[],
  mine: readonly QueuedUsage[],
  settled: ReadonlySet<string>,
  now: number,
  replayable: typeof Queue.replayable,
): QueuedUsage[] {
  const out: QueuedUsage[] = []
  const seen = new Set<string>()
  const add = (r: QueuedUsage) => {
    if (seen.has(r.idempotencyKey) || !replayable(r, now)) return
    seen.add(r.idempotencyKey)
    out.push({ idempotencyKey: r.idempotencyKey, feature: r.feature, amount: r.amount, at: r.at })
  }
  for (const r of stored) if (!settled.has(r.idempotencyKey)) add(r)
  for (const r of mine) add(r)
  return out
}

export function createOfflineQueue(d: OfflineQueueDeps): OfflineQueue {
  const { storageKey, parseQueue, adoptQueued, replayable } = d.tools
  const key = (c: Customer) => storageKey(d.environment, c.id, 'usage-queue')
  const stored = (c: Customer): QueuedUsage[] => d.persister.read(key(c), parseQueue) ?? []
  const isQueued = (report: PendingUsage) => report.queued

  function save(c: Customer) {
    const merged = mergeQueue(stored(c), c.pending.filter(isQueued), c.settled, d.now(), replayable)
    if (merged.length === 0) d.persister.remove(key(c))
    else d.persister.write(key(c), merged)
  }

  /** Drops `c`'s reports past the idempotency lifetime; whether any were. */
  function expire(c: Customer): boolean {
    const t = d.now()
    const before = c.pending.length
    c.pending = c.pending.filter((r) => {
      if (!r.queued || replayable(r, t)) return true
      c.settled.add(r.idempotencyKey)
      return false
    })
    return c.pending.length < before
  }

  function flush(c: Customer): Promise<void> {
    if (c.flushing) return c.flushing
    const adopted = adoptQueued(c, stored(c), d.now())
    if (expire(c)) save(c)
    if (adopted) d.changed(c)
    if (!c.pending.some(isQueued)) return Promise.resolve()
    c.flushing = (async () => {
      // In order, one at a time: a later report may depend on an earlier release (e.g. seats).
      for (const report of c.pending.filter(isQueued)) {
        // The token now belongs to another customer: keep the queue until this one is current again.
        if (c !== d.current()) break
        if (!c.pending.includes(report)) continue // dropped meanwhile (clearPersisted)
        try {
          await d.send(c, report)
        } catch (error) {
          const e = d.asError(error)
          // Unreachable or not authorized (yet): keep this and the rest for the next recovery. Only a
          // refusal of the report itself (limit, bad request…) drops it.
          if (e.retryable || e.code === 'unauthorized' || e.code === 'forbidden' || e.code === 'aborted')
            break
          if (e.code !== 'invalid_response') d.rollBack(c, report, e)
        }
      }
    })().finally(() => {
      c.flushing = undefined
    })
    return c.flushing
  }

  return {
    save,
    flush,
    queue(c, report) {
      if (c.pending.filter(isQueued).length >= d.maxQueuedUsage) {
        const error = new d.tools.Error(
          'network',
          `Offline, and ${d.maxQueuedUsage} usage reports are already queued (maxQueuedUsage): report refused`,
        )
        d.rollBack(c, report, error)
        throw error
      }
      report.queued = true
      save(c)
      d.changed(c)
    },
  }
}
