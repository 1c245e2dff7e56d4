// Usage reports: optimistic (shown at once as pending usage), rolled back on refusal, retried with
// the same idempotency key by the transport, queued (persisted) while offline and flushed once, in
// order, on recovery.
import type { ReportUsageOptions, UsageResult } from './clientTypes.js'
import type { Customer, SnapshotSource } from './customers.js'
import { EntitlementsError } from './errors.js'
import type { QueueStore } from './queueStore.js'
import type { TransportResponse } from './transport.js'
import type { EntitlementEvent, EntitlementsSnapshot, MeteredEntitlement } from './types.js'
import { type PendingUsage, withPendingUsage } from './usageQueue.js'
import { parseUsageResult } from './validate.js'

export interface UsageReporterDeps {
  current(): Customer
  /** POSTs one report to `c`'s usage endpoint. */
  post(
    c: Customer,
    body: { feature: string; amount: number; idempotencyKey: string },
  ): Promise<TransportResponse>
  accept(c: Customer, snapshot: EntitlementsSnapshot, from: SnapshotSource): boolean
  publish(c: Customer, updatedAt?: number): void
  update(): void
  emit(event: EntitlementEvent): void
  refreshQuietly(): void
  asError(error: unknown): EntitlementsError
  queue: QueueStore
  maxQueuedUsage: number
  now(): number
}

export interface UsageReporter {
  report(feature: string, amount: number, options?: ReportUsageOptions): Promise<UsageResult>
  /** Sends `c`'s queued reports (a no-op when none, or already flushing). */
  flush(c: Customer): Promise<void>
}

function randomKey(): string {
  // `randomUUID` needs a secure context in browsers; the fallback is unique enough for idempotency.
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
}

export function createUsageReporter(d: UsageReporterDeps): UsageReporter {
  const inFlight = new Map<string, Promise<UsageResult>>()
  const isQueued = (report: PendingUsage) => report.queued

  function settle(c: Customer, report: PendingUsage) {
    const index = c.pending.indexOf(report)
    if (index < 0) return
    c.pending.splice(index, 1)
    c.settled.add(report.idempotencyKey)
    if (report.queued) d.queue.save(c)
  }

  function rollBack(c: Customer, report: PendingUsage, error: EntitlementsError) {
    settle(c, report)
    d.publish(c)
    d.update()
    d.emit({ type: 'usage_rejected', feature: report.feature, amount: report.amount, code: error.code })
  }

  async function send(c: Customer, report: PendingUsage): Promise<UsageResult> {
    const response = await d.post(c, {
      feature: report.feature,
      amount: report.amount,
      idempotencyKey: report.idempotencyKey,
    })
    let result: UsageResult
    try {
      result = parseUsageResult(response.body)
    } catch (error) {
      // Counted by the server, but the answer is unreadable: drop the optimistic copy, ask for the truth.
      settle(c, report)
      d.publish(c)
      d.update()
      if (c === d.current()) d.refreshQuietly()
      throw error
    }
    settle(c, report)
    const base = c.base
    if (base && result.version > base.version) {
      const entitlements = { ...base.entitlements, [report.feature]: result.entitlement }
      d.accept(c, { ...base, version: result.version, entitlements }, 'usage')
      d.publish(c, Date.now())
      // Other changes happened in between (the version jumped by more than this report).
      if (result.version > base.version + 1 && c === d.current()) d.refreshQuietly()
    } else {
      d.publish(c)
    }
    d.update()
    d.emit({ type: 'usage_reported', feature: report.feature, amount: report.amount })
    return { entitlement: result.entitlement, version: result.version, queued: false }
  }

  function flush(c: Customer): Promise<void> {
    if (c.flushing) return c.flushing
    // Reports other tabs queued (or left behind when they closed) are sent too.
    if (d.queue.adopt(c)) {
      d.publish(c)
      d.update()
    }
    if (d.queue.expire(c) > 0) {
      d.queue.save(c)
      d.publish(c)
      d.update()
    }
    if (!c.pending.some(isQueued)) return Promise.resolve()
    c.flushing = (async () => {
      // In order, one at a time: a later report may depend on an earlier release (e.g. seats).
      for (const report of c.pending.filter(isQueued)) {
        // The token now belongs to another customer: keep the queue until this one is current again.
        if (c !== d.current()) break
        if (!c.pending.includes(report)) continue // dropped meanwhile (clearPersisted)
        try {
          await send(c, report)
        } catch (error) {
          const e = d.asError(error)
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
    if (c.pending.filter(isQueued).length >= d.maxQueuedUsage) {
      const error = new EntitlementsError(
        'network',
        `Offline, and ${d.maxQueuedUsage} usage reports are already queued (maxQueuedUsage): report refused`,
      )
      rollBack(c, report, error)
      throw error
    }
    report.queued = true
    d.queue.save(c)
    d.update()
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

  async function report(feature: string, amount: number, options?: ReportUsageOptions) {
    if (!Number.isInteger(amount) || amount === 0) {
      throw new EntitlementsError(
        'bad_request',
        `reportUsage("${feature}"): amount must be a non-zero integer`,
      )
    }
    const c = d.current()
    const idempotencyKey = options?.idempotencyKey ?? randomKey()
    // The same key again is the same report: one optimistic change, one answer.
    const running = inFlight.get(idempotencyKey)
    if (running) return running
    const existing = c.pending.find((r) => r.idempotencyKey === idempotencyKey)
    if (existing?.queued) return queuedResult(c, existing)

    const pending: PendingUsage = { idempotencyKey, feature, amount, at: d.now(), queued: false }
    // Only a metered entitlement the client knows can be shown (and queued) optimistically.
    const base = c.base?.entitlements
    const optimistic = base !== undefined && Object.hasOwn(base, feature) && base[feature]?.kind === 'metered'
    if (optimistic) {
      c.pending.push(pending)
      d.publish(c)
      d.update()
      if (offline()) return queue(c, pending)
    }
    const promise = send(c, pending).catch((error: unknown) => {
      const e = d.asError(error)
      if (optimistic && e.retryable && c.pending.includes(pending)) return queue(c, pending)
      if (c.pending.includes(pending)) rollBack(c, pending, e)
      else d.emit({ type: 'usage_rejected', feature, amount, code: e.code })
      throw e
    })
    inFlight.set(idempotencyKey, promise)
    return promise.finally(() => inFlight.delete(idempotencyKey))
  }

  return { report, flush }
}
