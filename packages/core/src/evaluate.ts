// The hot path: every gate, hook and component render runs `evaluate`. It is pure (no I/O, no
// shared mutable state except two bounded caches), never throws, and allocates exactly one object
// per call, the returned Decision: no closures, no arrays, no Date objects.
import type { CatalogDefinition, GrantsDefinition } from './catalog.js'
import { devWarn } from './dev.js'
import type {
  Catalog,
  CheckOptions,
  Decision,
  DecisionReason,
  Enforcement,
  EntitlementsSnapshot,
  FailMode,
  FallbackGrant,
  FeatureKind,
  Grant,
  GrantSource,
  MeteredEntitlement,
} from './types.js'

// Module-scoped on purpose (see dev.ts): core builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** What the catalog says about one feature: enough to decide without a snapshot. */
export interface FeatureInfo {
  kind: FeatureKind
  /** Metered features only: how the plans enforce the limit (`'hard'` when they disagree). */
  enforcement?: Enforcement
}

export interface EvaluateOptions extends CheckOptions {
  /**
   * What to decide when there is no snapshot (still loading, or the service is unavailable).
   * Ignored when a snapshot is present: real data always wins. Default: none.
   */
  fallback?: FallbackGrant | undefined
  /** What to decide when the service is unavailable and there is no fallback. Default `'open'`. */
  failMode?: FailMode | undefined
  /**
   * `true`: there is no snapshot because the service failed (not merely because it is still
   * loading). Selects `failMode` instead of reason `'loading'`. Default `false`.
   */
  unavailable?: boolean | undefined
  /** Copied into `Decision.isStale`: the snapshot is cached data that could not be refreshed. Default `false`. */
  isStale?: boolean | undefined
  /**
   * The catalog's features (see `featureInfoFromCatalog`). When given, a feature it does not contain
   * gets reason `'unknown-feature'` (plus a development warning) instead of `'not-entitled'`, and
   * fail-open mode knows which features have hard limits. Default: none.
   */
  features?: ReadonlyMap<string, FeatureInfo> | undefined
}

// ─── Instants ────────────────────────────────────────────────────────────────────────────────────

// ISO-8601 strings → epoch ms. A snapshot holds a handful of distinct instants and is checked many
// times, so caching by string turns Date.parse (~100 ns) into one map lookup (the string's hash is
// computed once and kept by the engine). Bounded so a long-lived server process cannot grow it forever.
const instants = new Map<string, number>()
const MAX_CACHED_INSTANTS = 512

/** Epoch ms of an ISO-8601 instant; `NaN` when it does not parse (the validator rejects those). */
export function parseInstant(iso: string): number {
  let ms = instants.get(iso)
  if (ms === undefined) {
    ms = Date.parse(iso)
    if (instants.size >= MAX_CACHED_INSTANTS) instants.clear()
    instants.set(iso, ms)
  }
  return ms
}

/**
 * A metered entitlement's usage as of `now`: its `usage`, or 0 once `resetsAt` has passed (the
 * period rolled over and the server has not sent fresh numbers yet).
 */
export function effectiveUsage(entitlement: MeteredEntitlement, now: number = Date.now()): number {
  const resetsAt = entitlement.resetsAt
  return resetsAt != null && parseInstant(resetsAt) <= now ? 0 : entitlement.usage
}

// ─── evaluate ────────────────────────────────────────────────────────────────────────────────────

/**
 * Decide whether the customer may use `feature` (for `requested` more units, if metered).
 *
 * With a snapshot:
 * - feature absent → `'not-entitled'`, or `'unknown-feature'` when `options.features` is given and
 *   does not know it (plus a one-time development warning per feature);
 * - `expiresAt` at or before `now` → denied, `'expired'`;
 * - boolean → `'entitled'`; config → `'entitled'` with `value`;
 * - metered → `usage + requested <= limit` is `'within-limit'`; `limit: null` is `'unlimited'`; over a
 *   hard limit is denied `'limit-exceeded'`, over a soft one is granted `'soft-limit-exceeded'`.
 *   Usage counts as 0 once `resetsAt` has passed.
 *
 * `requested` (metered only) defaults to **1**: "may I use one more?". Pass `requested: 0` to read the
 * current state without asking for more (e.g. for a usage meter). `NaN` and negative values are treated
 * as 0 (a read): a release of units is always allowed by the server, so the only useful answer is the
 * current state. Fractional values are kept (some meters count GB or hours).
 *
 * Without a snapshot: a `fallback` decides (`isFallback: true`); otherwise `'loading'` (denied, not a
 * fallback) unless `unavailable`, in which case `failMode` decides: `'open'` grants (`'entitled'`),
 * except features known from `features` to be metered with hard enforcement, which are denied
 * `'limit-exceeded'`; `'closed'` denies (`'not-entitled'`). Both are marked `isFallback: true`.
 *
 * Never throws.
 */
export function evaluate(
  snapshot: EntitlementsSnapshot | undefined,
  feature: string,
  options?: EvaluateOptions,
): Decision {
  return decide(snapshot, feature, options?.requested, options?.now, options ?? NO_OPTIONS)
}

const NO_OPTIONS: DecideContext = {}

/**
 * What a check needs besides the feature: `evaluate`'s options, or the client's per-state context
 * (built once per state change, so a check allocates nothing but its Decision).
 * @internal
 */
export interface DecideContext {
  fallback?: FallbackGrant | undefined
  /** Per-feature fallbacks (the client's); `fallback` wins when both are given. */
  fallbacks?: ReadonlyMap<string, FallbackGrant> | undefined
  failMode?: FailMode | undefined
  unavailable?: boolean | undefined
  isStale?: boolean | undefined
  features?: ReadonlyMap<string, FeatureInfo> | undefined
  /** The clock when no `now` is given, read only when a check needs it (expiry, resets). Default `Date.now`. */
  clock?: (() => number) | undefined
}

/** `evaluate` with positional arguments. @internal */
export function decide(
  snapshot: EntitlementsSnapshot | undefined,
  feature: string,
  requested: number | undefined,
  now: number | undefined,
  ctx: DecideContext,
): Decision {
  const isStale = ctx.isStale === true
  if (snapshot === undefined) return withoutSnapshot(feature, requested, ctx, isStale)

  const entitlement = snapshot.entitlements[feature]
  // `typeof` also rejects inherited members such as `constructor` or `toString`.
  if (typeof entitlement !== 'object' || entitlement === null) return absent(feature, ctx, isStale)

  const expiresAt = entitlement.expiresAt
  if (expiresAt != null) {
    if (now === undefined) now = ctx.clock ? ctx.clock() : Date.now()
    if (parseInstant(expiresAt) <= now) {
      return {
        feature,
        granted: false,
        reason: 'expired',
        isFallback: false,
        isStale,
        source: entitlement.source,
      }
    }
  }

  switch (entitlement.kind) {
    case 'boolean':
      return {
        feature,
        granted: true,
        reason: 'entitled',
        isFallback: false,
        isStale,
        source: entitlement.source,
      }
    case 'config':
      return {
        feature,
        granted: true,
        reason: 'entitled',
        isFallback: false,
        isStale,
        source: entitlement.source,
        value: entitlement.value,
      }
    case 'metered': {
      let usage = entitlement.usage
      const resetsAt = entitlement.resetsAt
      if (resetsAt != null) {
        if (now === undefined) now = ctx.clock ? ctx.clock() : Date.now()
        if (parseInstant(resetsAt) <= now) usage = 0
      }
      return metered(
        feature,
        usage,
        entitlement.limit,
        entitlement.enforcement,
        requestedOf(requested),
        false,
        isStale,
        entitlement.source,
        resetsAt,
      )
    }
    default:
      // Not a known kind (an inherited `__proto__` member, or data that skipped validation).
      return absent(feature, ctx, isStale)
  }
}

/** Units requested by a metered check: default 1; `NaN` and negatives read as 0. */
function requestedOf(requested: number | undefined): number {
  if (requested === undefined) return 1
  // Not Math.max(requested, 0): that is NaN for NaN; this comparison is false for NaN and -0.
  return requested > 0 ? requested : 0
}

function metered(
  feature: string,
  usage: number,
  limit: number | null,
  enforcement: Enforcement,
  requested: number,
  isFallback: boolean,
  isStale: boolean,
  source: GrantSource | undefined,
  resetsAt: string | null,
): Decision {
  let granted = true
  let reason: DecisionReason
  let remaining: number | null = null
  if (limit === null) {
    reason = 'unlimited'
  } else {
    remaining = limit > usage ? limit - usage : 0
    if (usage + requested <= limit) reason = 'within-limit'
    else if (enforcement === 'soft') reason = 'soft-limit-exceeded'
    else {
      granted = false
      reason = 'limit-exceeded'
    }
  }
  return {
    feature,
    granted,
    reason,
    isFallback,
    isStale,
    source,
    usage,
    limit,
    remaining,
    requested,
    enforcement,
    resetsAt,
  }
}

/** The snapshot has no entitlement for `feature`. */
function absent(feature: string, ctx: DecideContext, isStale: boolean): Decision {
  const features = ctx.features
  if (features !== undefined && !features.has(feature))
    return unknownFeature(feature, false, isStale, features)
  return { feature, granted: false, reason: 'not-entitled', isFallback: false, isStale }
}

const warnedUnknown = new Set<string>()

function unknownFeature(
  feature: string,
  isFallback: boolean,
  isStale: boolean,
  features: ReadonlyMap<string, FeatureInfo>,
): Decision {
  // Inline (not a shared flag) so that production builds drop the branch and its message (see dev.ts).
  try {
    if (process.env.NODE_ENV !== 'production' && !warnedUnknown.has(feature)) {
      warnedUnknown.add(feature)
      devWarn(
        `Unknown feature "${feature}": the catalog has no such feature, so it is never granted. ` +
          `Check the spelling, or add it to the catalog. Known features: ${[...features.keys()].join(', ')}.`,
      )
    }
  } catch {}
  return { feature, granted: false, reason: 'unknown-feature', isFallback, isStale }
}

function withoutSnapshot(
  feature: string,
  requested: number | undefined,
  ctx: DecideContext,
  isStale: boolean,
): Decision {
  const fallback = ctx.fallback ?? ctx.fallbacks?.get(feature)
  const features = ctx.features
  const info = features?.get(feature)
  if (fallback !== undefined) return fromFallback(feature, fallback, info, requested, isStale)
  if (features !== undefined && info === undefined) {
    return unknownFeature(feature, ctx.unavailable === true, isStale, features)
  }
  if (ctx.unavailable !== true) {
    return { feature, granted: false, reason: 'loading', isFallback: false, isStale }
  }
  if (ctx.failMode === 'closed') {
    return { feature, granted: false, reason: 'not-entitled', isFallback: true, isStale }
  }
  // Fail open, except hard limits: granting those blindly would let a user exceed what they paid for,
  // and the server refuses the usage anyway. Give them a fallback grant to decide otherwise.
  if (info !== undefined && info.kind === 'metered' && info.enforcement === 'hard') {
    return {
      feature,
      granted: false,
      reason: 'limit-exceeded',
      isFallback: true,
      isStale,
      enforcement: 'hard',
      requested: requestedOf(requested),
    }
  }
  return { feature, granted: true, reason: 'entitled', isFallback: true, isStale }
}

function fromFallback(
  feature: string,
  fallback: FallbackGrant,
  info: FeatureInfo | undefined,
  requested: number | undefined,
  isStale: boolean,
): Decision {
  if (typeof fallback === 'boolean' || fallback.kind === 'boolean') {
    const granted = typeof fallback === 'boolean' ? fallback : fallback.granted
    return { feature, granted, reason: granted ? 'entitled' : 'not-entitled', isFallback: true, isStale }
  }
  if (fallback.kind === 'config') {
    return { feature, granted: true, reason: 'entitled', isFallback: true, isStale, value: fallback.value }
  }
  const usage = fallback.usage
  return metered(
    feature,
    usage !== undefined && usage >= 0 ? usage : 0,
    fallback.limit,
    // A fallback without enforcement follows the catalog; unknown → hard, the server's stance.
    fallback.enforcement ?? info?.enforcement ?? 'hard',
    requestedOf(requested),
    true,
    isStale,
    undefined,
    null,
  )
}

// ─── Catalog → feature info ──────────────────────────────────────────────────────────────────────

/**
 * Feature id → kind (and enforcement, for metered features, taken from the plans' and add-ons'
 * grants; `'hard'` wins when they disagree). Pass it as `EvaluateOptions.features`. Features that
 * appear only in grants are included too, so a catalog listing gap never turns into `'unknown-feature'`.
 */
export function featureInfoFromCatalog(
  catalog: Catalog | CatalogDefinition,
  into: Map<string, FeatureInfo> = new Map(),
): Map<string, FeatureInfo> {
  const map = into
  for (const feature of catalog.features)
    if (!map.has(feature.id)) map.set(feature.id, { kind: feature.kind })
  for (const offer of [...(catalog.plans ?? []), ...(catalog.addons ?? [])]) {
    for (const [id, grant] of Object.entries(offer.grants) as [string, Grant | GrantsDefinition[string]][]) {
      let info = map.get(id)
      if (info === undefined) {
        info = { kind: grant.kind }
        map.set(id, info)
      }
      if (grant.kind === 'metered' && info.kind === 'metered' && info.enforcement !== 'hard') {
        info.enforcement = grant.enforcement
      }
    }
  }
  return map
}
