// Wire types: the JSON contract between any entitlements backend and the client (see DESIGN.md).
// Everything that arrives over the network is checked by `validate.ts` before it is trusted.

/** The three kinds of entitlement. */
export type FeatureKind = 'boolean' | 'config' | 'metered'

/** Where an entitlement comes from. */
export type GrantSource = 'plan' | 'addon' | 'trial' | 'promotion' | 'override'

/** `hard`: deny once `usage + requested > limit`. `soft`: allow, but flag `soft-limit-exceeded`. */
export type Enforcement = 'hard' | 'soft'

/** How often a metered entitlement's usage resets. `null`: never (e.g. seats). */
export type ResetPeriod = 'day' | 'week' | 'month' | 'year'

/** A config entitlement's value. */
export type ConfigValue = string | number | boolean

interface EntitlementBase {
  /** Which source granted it (the strongest one when several do). */
  source: GrantSource
  /** ISO-8601 instant after which it is no longer granted; `null` = no expiry. */
  expiresAt: string | null
}

export interface BooleanEntitlement extends EntitlementBase {
  kind: 'boolean'
}

export interface ConfigEntitlement extends EntitlementBase {
  kind: 'config'
  value: ConfigValue
}

export interface MeteredEntitlement extends EntitlementBase {
  kind: 'metered'
  /** Units used in the current period. */
  usage: number
  /** Units allowed; `null` = unlimited. */
  limit: number | null
  enforcement: Enforcement
  resetPeriod: ResetPeriod | null
  /** ISO-8601 instant of the next reset; after it the client counts usage as 0 until fresh data arrives. */
  resetsAt: string | null
}

/** One feature's entitlement in a customer's snapshot. */
export type Entitlement = BooleanEntitlement | ConfigEntitlement | MeteredEntitlement

/** `GET /v1/customers/:id/entitlements`: everything one customer is entitled to. */
export interface EntitlementsSnapshot {
  customerId: string
  environment: string
  /** Per customer; only ever increases. The client never replaces a snapshot with an older version. */
  version: number
  /** ISO-8601 instant the server computed this snapshot. */
  generatedAt: string
  /** For display only; never used to gate. */
  plan: { id: string; name: string } | null
  /**
   * The add-ons the customer owns (in effect with `plan`), for display and upsell only: a paywall
   * uses it to leave owned add-ons out of its offers and to keep them when buying another
   * (`changePlan(plan.id, { addons: [...owned, next] })`). Never used to gate: what an add-on grants
   * is already in `entitlements` (with `source: 'addon'`). Optional on the wire: older backends omit
   * it, so read it as `snapshot.addons ?? []`.
   */
  addons?: { id: string; name: string }[]
  trialEndsAt: string | null
  /**
   * The subscription's lifecycle, for display (billing banners, a customer portal): never used to
   * gate, since what it does to entitlements is already in `entitlements`. Optional on the wire.
   */
  subscription?: SubscriptionInfo
  /** Feature id → entitlement. An absent feature is not entitled. */
  entitlements: Record<string, Entitlement>
}

/**
 * Where a subscription stands. `active`: a paid plan; `trialing`: only a free trial; `past_due`: a
 * payment failed and the plan's entitlements stay until `graceEndsAt`; `unpaid`: the grace period is
 * over and they are gone; `none`: no plan.
 */
export type SubscriptionStatus = 'active' | 'trialing' | 'past_due' | 'unpaid' | 'none'

/** `EntitlementsSnapshot.subscription`. */
export interface SubscriptionInfo {
  status: SubscriptionStatus
  /** When the current billing period ends (a scheduled change applies then); `null`: no period. */
  currentPeriodEnd: string | null
  /** `past_due` / `unpaid`: when the plan's entitlements go (went) unless payment is fixed. */
  graceEndsAt: string | null
  /** A change that applies at `at`, e.g. a downgrade at the end of the period (`plan: null`: cancelled). */
  scheduledChange: {
    at: string
    plan: { id: string; name: string } | null
    addons: { id: string; name: string }[]
  } | null
}

/** A price in minor units (4900 = $49.00). `null` on a plan means "contact us". */
export interface Price {
  amount: number
  currency: string
  interval: 'month' | 'year' | 'one_time'
}

/** A feature of the catalog. */
export interface Feature {
  id: string
  name: string
  kind: FeatureKind
  /** Unit of a metered feature, singular ("seat", "call"). */
  unit?: string
  description?: string
}

/** What a plan or add-on grants for one feature. */
export type Grant =
  | { kind: 'boolean' }
  | { kind: 'config'; value: ConfigValue }
  | { kind: 'metered'; limit: number | null; enforcement: Enforcement; resetPeriod: ResetPeriod | null }

/**
 * What plans and add-ons share about how they are sold. An offer with `price: null`, or marked
 * `salesLed`, is bought through a conversation: a paywall shows "Contact sales" for it, never
 * "Upgrade", and never changes the subscription itself.
 */
export interface SalesTerms {
  /** Sold through sales, whatever the price says (e.g. a starting price shown for reference). Default `false`. */
  salesLed?: boolean
  /**
   * Where "Contact sales" leads: an `https:` or `mailto:` URL (anything else is refused by the
   * catalog's validation). Default: none (the app's `onContactSales` decides).
   */
  contactUrl?: string
}

export interface Plan extends SalesTerms {
  id: string
  name: string
  description?: string
  price: Price | null
  /** Days of free trial a new subscriber gets; 0 = none. */
  trialDays: number
  /**
   * The plan's version. Raise it when its grants change: customers who subscribed to an earlier
   * version keep the grants they bought (grandfathered) until they change plan. Default: unversioned
   * (every customer gets the catalog's current grants).
   */
  version?: number
  grants: Record<string, Grant>
}

export interface Addon extends SalesTerms {
  id: string
  name: string
  description?: string
  price: Price | null
  /** Plan ids this add-on can be bought with. */
  availableFor: string[]
  grants: Record<string, Grant>
}

/** `GET /v1/catalog`: the public price list. */
export interface Catalog {
  features: Feature[]
  plans: Plan[]
  addons: Addon[]
}

/** Why a check came out the way it did. */
export type DecisionReason =
  // granted
  | 'entitled'
  | 'within-limit'
  | 'unlimited'
  | 'soft-limit-exceeded'
  // denied
  | 'not-entitled'
  | 'limit-exceeded'
  | 'expired'
  | 'unknown-feature'
  // no data yet and no fallback
  | 'loading'

/** What every check returns. */
export interface Decision {
  feature: string
  granted: boolean
  reason: DecisionReason
  /** Decided by a fallback because data is missing or unavailable. */
  isFallback: boolean
  /** Decided on cached data that could not be refreshed. */
  isStale: boolean
  /**
   * Decided by a local development override (`client.setDevOverrides`, the devtools panel), not by
   * the customer's entitlements. Never set in production.
   */
  isOverridden?: true
  source?: GrantSource
  /** Config value. */
  value?: ConfigValue
  usage?: number
  limit?: number | null
  remaining?: number | null
  requested?: number
  enforcement?: Enforcement
  resetsAt?: string | null
}

/** Options of one check. */
export interface CheckOptions {
  /** Units about to be used (metered only). Default 1 for metered checks... see evaluate(). */
  requested?: number
  /** The instant to evaluate at (expiry and resets). Default: `Date.now()`. */
  now?: number
}

/** A fallback grant: what to decide for a feature when there is no data (or the service is down). */
export type FallbackGrant =
  | boolean
  | { kind: 'boolean'; granted: boolean }
  | { kind: 'config'; value: ConfigValue }
  | { kind: 'metered'; limit: number | null; enforcement?: Enforcement; usage?: number }

/**
 * `'open'` (default): with no data, boolean/config/soft-metered features are granted unless a
 * fallback says otherwise; hard limits fall back to their fallback grant, else are denied.
 * `'closed'`: with no data, everything is denied unless a fallback grants it.
 */
export type FailMode = 'open' | 'closed'

// ─── Typed feature keys ──────────────────────────────────────────────────────────────────────────

/**
 * Declare your catalog's feature ids once, and every API that takes a feature key checks it:
 *
 * ```ts
 * declare module '@entitle/core' {
 *   interface Register { features: 'seats' | 'api-calls' | 'ai-assistant' }
 *   // or, from a catalog declared `as const`: { features: FeatureIdsOf<typeof catalog> }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by users (module augmentation)
export interface Register {}

/** The registered feature ids, or `string` when none are registered. */
export type FeatureKey = Register extends { features: infer F extends string } ? F : string

/** The feature ids of a catalog declared `as const`. */
export type FeatureIdsOf<C extends { features: readonly { id: string }[] }> = C['features'][number]['id']

// ─── Analytics ───────────────────────────────────────────────────────────────────────────────────

/** Events the client reports to `onEvent`, for analytics and upsell funnels. */
export type EntitlementEvent =
  | { type: 'check_denied'; feature: string; reason: DecisionReason; requested?: number }
  | { type: 'limit_reached'; feature: string; reason: DecisionReason; usage?: number; limit?: number | null }
  | { type: 'paywall_viewed'; feature: string; reason: DecisionReason }
  // `trial: true`: the customer chose the plan's free trial rather than buying it.
  | { type: 'upgrade_clicked'; feature: string; reason: DecisionReason; planId: string; trial?: boolean }
  | { type: 'upgrade_completed'; feature: string; reason: DecisionReason; planId: string; trial?: boolean }
  | {
      type: 'upgrade_failed'
      feature: string
      reason: DecisionReason
      planId: string
      error: string
      trial?: boolean
    }
  // A sales-led offer's "Contact sales" (never a subscription change).
  | { type: 'contact_sales_clicked'; feature: string; reason: DecisionReason; planId: string }
  // A member who may not manage billing asked an admin for this offer (`onRequestUpgrade`).
  | { type: 'upgrade_requested'; feature: string; reason: DecisionReason; planId: string }
  // A meter's usage reached `threshold` (a fraction of its limit: 0.8 = 80 %) from below: once per crossing.
  | {
      type: 'usage_threshold_crossed'
      feature: string
      threshold: number
      usage: number
      limit: number
    }
  | { type: 'usage_reported'; feature: string; amount: number }
  | { type: 'usage_rejected'; feature: string; amount: number; code: string }
  | { type: 'snapshot_updated'; version: number; from: 'fetch' | 'live' | 'tab' | 'usage' | 'plan' }
  | { type: 'fetch_failed'; code: string; message: string }
