// How the grants of one feature from several sources combine: the one combination rule that
// snapshots (every backend) and paywall offers (`plansThatUnlock`) share.
import type { ConfigValue, Grant, GrantSource } from '../types.js'

/** One source's grant of one feature. */
export interface Contribution {
  source: GrantSource
  grant: Grant
  /** Epoch ms when this source stops granting; `null` = never. */
  expiresAt: number | null
}

/** The combined grant of one feature. */
export interface CombinedGrant {
  grant: Grant
  /** The source reported for it (see `combineGrants`). */
  source: GrantSource
  /** When the feature stops being granted at all: the latest end among the sources, `null` = never. */
  expiresAt: number | null
}

/** Specificity of a source: the most specific one is reported when several decide a value. */
export const SOURCE_RANK: Readonly<Record<GrantSource, number>> = {
  plan: 1,
  addon: 2,
  trial: 3,
  promotion: 4,
  override: 5,
}

/** Latest end of a set of contributions (`null` when any of them never ends). */
export function latestExpiry(list: readonly Contribution[]): number | null {
  let latest = Number.NEGATIVE_INFINITY
  for (const contribution of list) {
    if (contribution.expiresAt === null) return null
    if (contribution.expiresAt > latest) latest = contribution.expiresAt
  }
  return latest
}

/**
 * The source reported for a value decided by `list`: the one that keeps it longest (so a feature
 * the plan also grants is not shown as "ending with the trial"), then the most specific.
 */
function reportedSource(list: readonly Contribution[]): GrantSource {
  let best: Contribution | undefined
  for (const contribution of list) {
    if (best === undefined) {
      best = contribution
      continue
    }
    const ends = contribution.expiresAt ?? Number.POSITIVE_INFINITY
    const bestEnds = best.expiresAt ?? Number.POSITIVE_INFINITY
    if (ends > bestEnds || (ends === bestEnds && SOURCE_RANK[contribution.source] > SOURCE_RANK[best.source]))
      best = contribution
  }
  return best?.source ?? 'plan'
}

/** Orders config values: numbers and booleans by size (`true` > `false`); anything else compares equal. */
function compareConfig(a: ConfigValue, b: ConfigValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  return 0
}

/**
 * Combines the contributions of one feature, all of one kind (the caller drops grants whose kind
 * is not the catalog's kind for the feature):
 * - boolean: granted when any source grants it;
 * - config: the larger value wins (numbers; `true` over `false`); values that cannot be ordered
 *   (strings) take the most specific source's value;
 * - metered: the largest limit among plan, trial, promotion (and Stripe) grants is the base, and every
 *   add-on's limit is added on top; unlimited (`null`) from any source wins. Enforcement and reset
 *   period are the base grant's.
 *
 * The reported `source` is, among the sources that decide the value, the one that lasts longest,
 * then the most specific. Returns `undefined` for an empty list.
 */
export function combineGrants(list: readonly Contribution[]): CombinedGrant | undefined {
  const first = list[0]
  if (first === undefined) return undefined
  const expiresAt = latestExpiry(list)
  switch (first.grant.kind) {
    case 'boolean':
      return { grant: { kind: 'boolean' }, source: reportedSource(list), expiresAt }
    case 'config': {
      let winner = first
      for (const contribution of list) {
        if (contribution.grant.kind !== 'config' || winner.grant.kind !== 'config') continue
        const order = compareConfig(contribution.grant.value, winner.grant.value)
        if (order > 0 || (order === 0 && SOURCE_RANK[contribution.source] > SOURCE_RANK[winner.source]))
          winner = contribution
      }
      const value = winner.grant.kind === 'config' ? winner.grant.value : 0
      const deciding = list.filter((c) => c.grant.kind === 'config' && c.grant.value === value)
      return { grant: { kind: 'config', value }, source: reportedSource(deciding), expiresAt }
    }
    case 'metered':
      return combineMeters(list, expiresAt)
  }
}

function combineMeters(list: readonly Contribution[], expiresAt: number | null): CombinedGrant | undefined {
  const bases: Contribution[] = []
  const addons: Contribution[] = []
  for (const contribution of list) {
    if (contribution.grant.kind !== 'metered') continue
    ;(contribution.source === 'addon' ? addons : bases).push(contribution)
  }
  // The meter's shape (enforcement, reset period) is the largest base grant's: add-ons top it up.
  let shape = bases[0] ?? addons[0]
  for (const base of bases) {
    if (shape === undefined || limitOf(shape) === null) break
    const limit = limitOf(base)
    if (limit === null || limit > (limitOf(shape) ?? 0)) shape = base
  }
  if (shape === undefined || shape.grant.kind !== 'metered') return undefined
  const unlimited = [...bases, ...addons].filter((c) => limitOf(c) === null)
  let limit: number | null
  let deciding: Contribution[]
  if (unlimited.length > 0) {
    limit = null
    deciding = unlimited
  } else {
    const baseLimit = bases.reduce((max, c) => Math.max(max, limitOf(c) ?? 0), 0)
    limit = baseLimit + addons.reduce((sum, c) => sum + (limitOf(c) ?? 0), 0)
    deciding = [...bases.filter((c) => limitOf(c) === baseLimit), ...addons]
  }
  return {
    grant: {
      kind: 'metered',
      limit,
      enforcement: shape.grant.enforcement,
      resetPeriod: shape.grant.resetPeriod,
    },
    source: reportedSource(deciding),
    expiresAt,
  }
}

function limitOf(contribution: Contribution): number | null {
  return contribution.grant.kind === 'metered' ? contribution.grant.limit : null
}
