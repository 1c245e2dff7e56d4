// Snapshot versions: per customer, they only ever increase. A version belongs to one content: a
// write gives a new version, and so does time once it changes the content by itself (a trial or a
// promotion ends, a usage period resets). Stores keep the mark beside the customer and replace it
// atomically (a row update, a compare-and-set), so every instance agrees on it.
import type { EntitlementsSnapshot } from '../types.js'
import type { ComputedEntitlements } from './computeEntitlements.js'

/** The version of a customer's snapshot, and the span of time its content holds for. */
export interface VersionMark {
  version: number
  /** Epoch ms the version was assigned. Snapshots of this version are computed at this instant or later. */
  versionAt: number
  /** Epoch ms from which the content changes by itself and needs a new version; `null`: never. */
  validUntil: number | null
}

/**
 * The first version of a new customer: the creation instant in epoch ms (not 1), so a backend that
 * lost its data and was seeded again still serves versions newer than any it served before, and
 * clients, which keep only newer snapshots, take the fresh state.
 */
export function initialVersionMark(now: number, computed: ComputedEntitlements): VersionMark {
  return { version: Math.max(1, Math.floor(now)), versionAt: now, validUntil: validUntilOf(computed) }
}

/** The mark after a change at `now` whose new content is `computed`. */
export function nextVersionMark(mark: VersionMark, now: number, computed: ComputedEntitlements): VersionMark {
  return {
    version: mark.version + 1,
    versionAt: Math.max(now, mark.versionAt),
    validUntil: validUntilOf(computed),
  }
}

/** Whether the content of `mark`'s version still holds at `now` (else time changed it: a new version). */
export function isVersionCurrent(mark: VersionMark, now: number): boolean {
  return mark.validUntil === null || now < mark.validUntil
}

/**
 * The instant a snapshot of `mark` is computed at: `now`, but never before the version was assigned,
 * so an instance whose clock lags another's never pairs a new version with the older content.
 */
export function snapshotInstant(mark: VersionMark, now: number): number {
  return Math.max(now, mark.versionAt)
}

function validUntilOf(computed: ComputedEntitlements): number | null {
  return Number.isFinite(computed.nextChangeAt) ? computed.nextChangeAt : null
}

/** The wire snapshot of computed entitlements. */
export function buildSnapshot(
  customerId: string,
  environment: string,
  version: number,
  computed: ComputedEntitlements,
  at: number,
): EntitlementsSnapshot {
  return {
    customerId,
    environment,
    version,
    generatedAt: new Date(at).toISOString(),
    plan: computed.plan,
    addons: computed.addons,
    trialEndsAt: computed.trialEndsAt,
    subscription: computed.subscription,
    entitlements: computed.entitlements,
  }
}
