// `check()`: the state's snapshot through `decide`, with a context rebuilt once per state (fallbacks,
// fail mode, the catalog's feature info, the server's clock) and a memo of the decisions already made
// on that state, so a repeated check is two map reads and no allocation.
import type { CatalogDefinition } from './catalog.js'
import type { EntitlementsClientState } from './clientTypes.js'
import { createDecisionMemo } from './decisionMemo.js'
import type { DevOverrides } from './devOverrides.js'
import { type DecideContext, decide, type FeatureInfo, featureInfoFromCatalog } from './evaluate.js'
import type { Catalog, CheckOptions, Decision, FailMode, FallbackGrant } from './types.js'

export interface CheckerOptions {
  getState(): EntitlementsClientState
  fallbacks: ReadonlyMap<string, FallbackGrant>
  failMode: FailMode | undefined
  /** A catalog declared in code: kinds and enforcement known before any data. */
  codeCatalog: CatalogDefinition | undefined
  /** The server's clock (the client's, corrected by the skew). */
  serverNow(): number
  /** Local overrides (development only: `setDevOverrides` refuses them in production). */
  devOverrides?(): DevOverrides | undefined
}

export function createChecker(o: CheckerOptions): (feature: string, options?: CheckOptions) => Decision {
  const { getState, serverNow } = o
  let featuresFor: Catalog | undefined | null = null
  let features: ReadonlyMap<string, FeatureInfo> | undefined
  let contextFor: EntitlementsClientState | undefined
  let context: DecideContext = {}
  let memo = createDecisionMemo()

  function contextOf(s: EntitlementsClientState): DecideContext {
    memo = createDecisionMemo()
    if (s.catalog !== featuresFor) {
      featuresFor = s.catalog
      const known = o.codeCatalog ? featureInfoFromCatalog(o.codeCatalog) : undefined
      features = s.catalog ? featureInfoFromCatalog(s.catalog, known) : known
    }
    contextFor = s
    context = {
      fallbacks: o.fallbacks,
      failMode: o.failMode,
      unavailable: s.status === 'error',
      isStale: s.isStale,
      features,
      clock: serverNow,
    }
    return context
  }

  return (feature, checkOptions) => {
    const s = getState()
    const ctx = s === contextFor ? context : contextOf(s)
    const requested = checkOptions?.requested
    const now = checkOptions?.now
    try {
      // Set only in development (`setDevOverrides` refuses them otherwise): decided like a fallback.
      const overrides = o.devOverrides?.()
      if (overrides !== undefined && Object.hasOwn(overrides, feature)) {
        const fallback = overrides[feature]
        const decision = decide(undefined, feature, requested, now ?? serverNow(), { ...ctx, fallback })
        return { ...decision, isFallback: false, isOverridden: true }
      }
      if (now !== undefined) return decide(s.snapshot, feature, requested, now, ctx)
      const kept = memo.get(feature, requested)
      if (kept !== undefined && (kept.until === Number.POSITIVE_INFINITY || serverNow() < kept.until))
        return kept.decision
      const at = serverNow()
      const decision = decide(s.snapshot, feature, requested, at, ctx)
      memo.keep(s.snapshot, feature, requested, decision, at)
      return decision
    } catch {
      return { feature, granted: false, reason: 'loading', isFallback: false, isStale: s.isStale }
    }
  }
}
