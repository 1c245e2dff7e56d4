// Usage reports the server has not acknowledged yet, and how they show in the snapshot meanwhile.
//
// The client keeps the server's snapshot (the "base") apart from its own unacknowledged reports and
// shows base + reports. A refetch that lands while a report is on its way then keeps the optimistic
// usage instead of wiping it, and a refusal rolls back exactly that one report.
import { EntitlementsError } from './errors.js'
import type { EntitlementsSnapshot } from './types.js'

/** One usage report, as sent (and as persisted while offline). */
export interface QueuedUsage {
  idempotencyKey: string
  feature: string
  amount: number
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
    const current = (entitlements ?? base.entitlements)[report.feature]
    if (current?.kind !== 'metered') continue
    entitlements ??= { ...base.entitlements }
    // Releases (negative amounts) never take usage below 0, as on the server.
    entitlements[report.feature] = { ...current, usage: Math.max(0, current.usage + report.amount) }
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
      e.amount === 0
    ) {
      throw bad()
    }
    return { idempotencyKey: e.idempotencyKey, feature: e.feature, amount: e.amount as number }
  })
}
