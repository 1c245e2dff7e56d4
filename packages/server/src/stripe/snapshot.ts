// A pure mapper from Stripe's active entitlements to an Entitle snapshot, for backends of your own
// that keep entitlements in Stripe. Grants come from the engine's Stripe rule (`stripeGrantFor`).
import {
  type Catalog,
  type Entitlement,
  type EntitlementsSnapshot,
  indexCatalog,
  stripeGrantFor,
  toEntitlement,
} from '@entitle/core/engine'
import type { StripeActiveEntitlement } from './event.js'

/** Options of `snapshotFromStripeEntitlements`. */
export interface StripeSnapshotOptions {
  customerId: string
  environment: string
  /** Your own per-customer version: increase it whenever the result changes. */
  version: number
  /** The instant computed at (for `generatedAt` and period resets), epoch ms or a Date. */
  now: number | Date
  /** Current-period usage of metered features, by feature id. Default 0. */
  usage?: Readonly<Record<string, number>>
  /**
   * The customer's plan, used to pick the limit or value of Stripe-granted metered and config
   * features (Stripe only says "granted"), and reported as `plan`. Default: the first plan of the
   * catalog that grants the feature; `plan: null`.
   */
  planId?: string | null
  /** Default `null`. */
  trialEndsAt?: string | null
}

/**
 * Turns Stripe's active entitlements (the list, or its `data` array) and your catalog into an
 * Entitle snapshot, so a backend that keeps entitlements in Stripe can serve Entitle's format.
 * Pure: no I/O, no clock. A lookup key the catalog does not know is left out.
 *
 * ```ts
 * const active = await stripe.entitlements.activeEntitlements.list({ customer })
 * res.json(snapshotFromStripeEntitlements(active, catalog, { customerId, environment: 'production', version, now: Date.now() }))
 * ```
 */
export function snapshotFromStripeEntitlements(
  activeEntitlements:
    | readonly Pick<StripeActiveEntitlement, 'lookup_key'>[]
    | { data: readonly Pick<StripeActiveEntitlement, 'lookup_key'>[] },
  catalog: Catalog,
  options: StripeSnapshotOptions,
): EntitlementsSnapshot {
  const now = typeof options.now === 'number' ? options.now : options.now.getTime()
  const list = 'data' in activeEntitlements ? activeEntitlements.data : activeEntitlements
  const granted = new Set(list.map((e) => e.lookup_key))
  const entitlements: Record<string, Entitlement> = {}
  for (const feature of catalog.features) {
    if (!granted.has(feature.id)) continue
    const grant = stripeGrantFor(catalog, feature.id, options.planId)
    if (!grant) continue
    const usage = options.usage?.[feature.id] ?? 0
    entitlements[feature.id] = toEntitlement({ grant, source: 'plan', expiresAt: null }, usage, now)
  }
  const plan = options.planId ? indexCatalog(catalog).plans.get(options.planId) : undefined
  return {
    customerId: options.customerId,
    environment: options.environment,
    version: options.version,
    generatedAt: new Date(now).toISOString(),
    plan: plan ? { id: plan.id, name: plan.name } : null,
    trialEndsAt: options.trialEndsAt ?? null,
    entitlements,
  }
}
