// Usage reports: optimistic (shown at once as pending usage), rolled back on refusal, retried with
// the same idempotency key by the transport, queued (persisted) while offline and flushed once, in
// order, on recovery. The queue itself (offlineQueue.ts) is loaded the first time a report has to wait.
import type { ReportUsageOptions, UsageResult } from './clientTypes.js'
import type { Customer, SnapshotSource } from './customers.js'
import { EntitlementsError } from './errors.js'
import type { OfflineQueue } from './offlineQueue.js'
import { type Persister, storageKey } from './persist.js'
import type { TransportResponse } from './transport.js'
import type { EntitlementEvent, EntitlementsSnapshot, MeteredEntitlement } from './types.js'
import { adoptQueued, type PendingUsage, parseQueue, replayable, withPendingUsage } from './usageQueue.js'
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
  persister: Persister
  environment: string
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
  let loaded: OfflineQueue | undefined
  let loading: Promise<OfflineQueue> | undefined
  const offlineQueue = () =>
    (loading ??= import('./offlineQueue.js').then((m) => {
      loaded = m.createOfflineQueue({
        tools: { Error: EntitlementsError, storageKey, parseQueue, adoptQueued, replayable },
        persister: d.persister,
        environment: d.environment,
        now: d.now,
        current: d.current,
        send,
        rollBack,
        changed(c) {
          d.publish(c)
          d.update()
        },
        asError: d.asError,
        maxQueuedUsage: d.maxQueuedUsage,
      })
      return loaded
    }))
  const hasStored = (c: Customer) =>
    (d.persister.read(storageKey(d.environment, c.id, 'usage-queue'), parseQueue)?.length ?? 0) > 0

  function settle(c: Customer, report: PendingUsage) {
    const index = c.pending.indexOf(report)
    if (index < 0) return
    c.pending.splice(index, 1)
    c.settled.add(report.idempotencyKey)
    if (!report.queued) return
    if (loaded) loaded.save(c)
    else void offlineQueue().then((q) => q.save(c))
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
    if (!loaded && !c.pending.some(isQueued) && !hasStored(c)) return Promise.resolve()
    return offlineQueue().then((q) => q.flush(c))
  }

  const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false

  async function queue(c: Customer, report: PendingUsage): Promise<UsageResult> {
    ;(loaded ?? (await offlineQueue())).queue(c, report)
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
