// Local overrides of one feature's entitlement, for development only: what the devtools panel uses to
// show a gate locked or a meter at its limit without touching the backend. The client applies them
// in `check()` only when `process.env.NODE_ENV !== 'production'` (the branch is dropped from
// production builds) and marks every decision they make `isOverridden: true`. The server never
// hears of them: it keeps enforcing the real entitlements.
import type { FeatureInfo } from './evaluate.js'
import type { ConfigValue, Entitlement, EntitlementsSnapshot } from './types.js'

/**
 * One feature's override. `{ granted: false }`: not entitled. `{ granted: true }`: entitled, with
 * for a config feature its `value`, and for a metered one its `usage` and `limit` (`null`: unlimited);
 * fields left out keep the customer's real ones.
 */
export type DevOverride =
  | { granted: false }
  | { granted: true; value?: ConfigValue; usage?: number; limit?: number | null }

/** Feature id → override. */
export type DevOverrides = Readonly<Record<string, DevOverride>>

/**
 * The snapshot a decision is made on once `override` applies to `feature` (the feature's kind comes
 * from the real entitlement, else the catalog, else the override's fields). Without a snapshot
 * (loading, outage) the override still decides, on an otherwise empty one.
 */
export function applyDevOverride(
  snapshot: EntitlementsSnapshot | undefined,
  feature: string,
  override: DevOverride,
  info: FeatureInfo | undefined,
): EntitlementsSnapshot {
  const base: EntitlementsSnapshot = snapshot ?? {
    customerId: '',
    environment: '',
    version: 0,
    generatedAt: new Date(0).toISOString(),
    plan: null,
    trialEndsAt: null,
    entitlements: {},
  }
  const entitlements = { ...base.entitlements }
  const real = Object.hasOwn(entitlements, feature) ? entitlements[feature] : undefined
  delete entitlements[feature]
  if (override.granted) entitlements[feature] = overridden(real, override, info)
  return { ...base, entitlements }
}

function overridden(
  real: Entitlement | undefined,
  o: Extract<DevOverride, { granted: true }>,
  info: FeatureInfo | undefined,
): Entitlement {
  const kind =
    real?.kind ??
    info?.kind ??
    (o.usage !== undefined || o.limit !== undefined
      ? 'metered'
      : o.value !== undefined
        ? 'config'
        : 'boolean')
  const source = real?.source ?? 'override'
  if (kind === 'config')
    return { kind, source, expiresAt: null, value: o.value ?? (real?.kind === 'config' ? real.value : true) }
  if (kind === 'metered') {
    const m = real?.kind === 'metered' ? real : undefined
    return {
      kind,
      source,
      expiresAt: null,
      usage: o.usage ?? m?.usage ?? 0,
      limit: o.limit !== undefined ? o.limit : (m?.limit ?? null),
      enforcement: m?.enforcement ?? info?.enforcement ?? 'hard',
      resetPeriod: m?.resetPeriod ?? null,
      resetsAt: m?.resetsAt ?? null,
    }
  }
  return { kind: 'boolean', source, expiresAt: null }
}
