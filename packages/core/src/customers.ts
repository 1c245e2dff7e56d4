// Customer records and the version rule.
//
// Per customer the client keeps the server's last snapshot (`base`) and the usage reports the server
// has not acknowledged (`pending`); the cache holds what is shown: base + pending. Every snapshot
// (fetch, usage ack, plan change, event stream, other tab, storage) goes through the version rule:
// nothing older than `base.version` is taken, with one exception: a base no server answer confirmed in
// this session (restored from storage, or `initialSnapshot`) yields to the first full fetch whatever
// its version, since the backend may have been reset or migrated meanwhile.
import type { EntitlementsQueryOptions } from './clientTypes.js'
import { EntitlementsError } from './errors.js'
import type { EntitlementsSnapshot } from './types.js'
import type { PendingUsage } from './usageQueue.js'
import { parseSnapshot } from './validate.js'

/** Where a snapshot came from. */
export type SnapshotSource = 'fetch' | 'live' | 'tab' | 'usage' | 'plan' | 'initial' | 'restored'

export interface Customer {
  id: string
  /** Hash of the query key, to match cache events cheaply. */
  hash: string
  options: EntitlementsQueryOptions<EntitlementsSnapshot>
  /** The server's last snapshot for this customer (without pending usage). */
  base?: EntitlementsSnapshot | undefined
  /** ETag of `base`, only when a fetch of this session delivered it (a stored ETag never confirms stored data). */
  etag?: string | undefined
  /** `base` came from storage and no server answer confirmed it yet (shown as stale). */
  restored: boolean
  /** `base` came from storage or `initialSnapshot` and no server answer confirmed it yet. */
  unconfirmed: boolean
  /** Local epoch ms of the last server answer that delivered or confirmed `base`. */
  confirmedAt?: number | undefined
  /** This client wrote `base` to storage, and no `clearPersisted()` removed it since. */
  stored?: boolean | undefined
  /** Storage was read for this customer (snapshot and queue). */
  loaded: boolean
  /** Unacknowledged usage reports, shown optimistically. */
  pending: PendingUsage[]
  /** Idempotency keys this tab settled (sent, refused, dropped): a merge with storage never brings them back. */
  settled: Set<string>
  /** The running flush of the offline queue, shared by every trigger so each report is sent once. */
  flushing?: Promise<void> | undefined
}

/** The version rule: whether `next` (from `from`) replaces `base`. */
export function takes(
  base: EntitlementsSnapshot | undefined,
  next: EntitlementsSnapshot,
  from: SnapshotSource,
  unconfirmed: boolean,
): boolean {
  if (!base) return true
  // Storage only ever adds what is newer than the server-rendered `initialSnapshot`.
  if (from === 'restored') return next.version > base.version
  return next.version >= base.version || (from === 'fetch' && unconfirmed)
}

/**
 * A snapshot checked like network data, and checked to be this customer's and this environment's.
 * @throws EntitlementsError `invalid_response`
 */
export function validSnapshot(json: unknown, customerId: string, environment: string): EntitlementsSnapshot {
  const snapshot = parseSnapshot(json)
  const mismatch =
    snapshot.customerId !== customerId
      ? `snapshot.customerId: expected "${customerId}", got "${snapshot.customerId}"`
      : snapshot.environment !== environment
        ? `snapshot.environment: expected "${environment}" (the client's \`environment\` option), got "${snapshot.environment}"`
        : undefined
  if (mismatch) throw new EntitlementsError('invalid_response', mismatch)
  return snapshot
}

/** What is stored per customer: the snapshot, when the server last confirmed it, and the clock offset then. */
export interface SnapshotRecord {
  snapshot: EntitlementsSnapshot
  /** Local epoch ms of the last server answer that delivered or confirmed it. */
  confirmedAt: number
  /** Server clock minus local clock at that answer (ms). */
  skewMs: number
}

/** Checks a stored record. @throws on a bad shape (the persister then removes it). */
export function parseRecord(json: unknown, customerId: string, environment: string): SnapshotRecord {
  const record = json as Partial<SnapshotRecord> | null
  const confirmedAt = record?.confirmedAt
  const skewMs = record?.skewMs
  if (!Number.isFinite(confirmedAt) || !Number.isFinite(skewMs))
    throw new EntitlementsError('invalid_response', 'stored snapshot: bad record')
  return {
    snapshot: validSnapshot(record?.snapshot, customerId, environment),
    confirmedAt: confirmedAt as number,
    skewMs: skewMs as number,
  }
}
