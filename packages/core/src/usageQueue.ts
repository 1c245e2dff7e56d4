// Usage reports the server has not acknowledged yet, and how they show in the snapshot meanwhile.
//
// The client keeps the server's snapshot (the "base") apart from its own unacknowledged reports and
// shows base + reports. A refetch that lands while a report is on its way then keeps the optimistic
// usage instead of wiping it, and a refusal rolls back exactly that one report.
//
// Queued (offline) reports are persisted, and several tabs share one stored queue: every write merges
// with what is stored (by idempotency key), so no tab ever drops another's entries. Each entry carries
// the instant it was made; past the server's idempotency lifetime (24 h) it is never replayed, since
// the server would no longer recognise its key and could count it twice.
import type { Customer } from './customers.js'
import { EntitlementsError } from './errors.js'
import type { EntitlementsSnapshot } from './types.js'

/** How long the server remembers an idempotency key (DESIGN.md): queued reports older than this are dropped. */
export const QUEUED_USAGE_MAX_AGE_MS = 24 * 60 * 60 * 1000

/** One usage report, as sent (and as persisted while offline). */
export interface QueuedUsage {
  idempotencyKey: string
  feature: string
  amount: number
  /** When the report was made (epoch ms). */
  at: number
}

export interface PendingUsage extends QueuedUsage {
  /** Waiting for the network (offline, or the report kept failing): persisted, flushed on recovery. */
  queued: boolean
}

/** The snapshot as shown: `base` with the pending reports' amounts added to their metered features. */
export function withPendingUsage(
  base: EntitlementsSnapshot | undefined,
  pending: readonly PendingUsage[],
): EntitlementsSnapshot | undefined {
  if (base === undefined || pending.length === 0) return base
  let entitlements: EntitlementsSnapshot['entitlements'] | undefined
  for (const report of pending) {
    const source = entitlements ?? base.entitlements
    if (!Object.hasOwn(source, report.feature)) continue
    const current = source[report.feature]
    if (current?.kind !== 'metered') continue
    entitlements ??= { ...base.entitlements }
    // Releases (negative amounts) never take usage below 0, as on the server. Defined, not assigned,
    // so a feature named `__proto__` stays an ordinary key.
    Object.defineProperty(entitlements, report.feature, {
      value: { ...current, usage: Math.max(0, current.usage + report.amount) },
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return entitlements === undefined ? base : { ...base, entitlements }
}

/**
 * Checks a persisted queue. @throws EntitlementsError on any bad entry (the caller drops the whole
 * queue). The error is never shown, only caught (see `Persister.read`), so it need not name the field.
 */
export function parseQueue(json: unknown): QueuedUsage[] {
  const bad = () => new EntitlementsError('invalid_response', 'usage queue: bad entry')
  if (!Array.isArray(json)) throw bad()
  return json.map((entry: unknown) => {
    const e = entry as Partial<QueuedUsage> | null
    if (
      typeof e?.idempotencyKey !== 'string' ||
      typeof e.feature !== 'string' ||
      !Number.isInteger(e.amount) ||
      e.amount === 0 ||
      !Number.isFinite(e.at)
    ) {
      throw bad()
    }
    return {
      idempotencyKey: e.idempotencyKey,
      feature: e.feature,
      amount: e.amount as number,
      at: e.at as number,
    }
  })
}

/** Still replayable at `now`: younger than the server's idempotency lifetime (and not from the future). */
export const replayable = (report: QueuedUsage, now: number): boolean =>
  now - report.at < QUEUED_USAGE_MAX_AGE_MS && report.at <= now + QUEUED_USAGE_MAX_AGE_MS

/**
 * Takes stored reports (`stored`, from `parseQueue`) that `c` does not know into its pending usage, as
 * queued (shown optimistically): on restore, and before a flush, so that reports a closed tab left
 * behind are sent too. Returns whether any were added.
 */
export function adoptQueued(c: Customer, stored: readonly QueuedUsage[], now: number): boolean {
  const known = new Set(c.pending.map((r) => r.idempotencyKey))
  let added = false
  for (const r of stored) {
    if (known.has(r.idempotencyKey) || c.settled.has(r.idempotencyKey) || !replayable(r, now)) continue
    c.pending.push({ ...r, queued: true })
    added = true
  }
  return added
}
