// Snapshot builders: what a backend computes from a subscription, computed by the backends' own
// rules engine (`@entitle/core/engine`), without a backend.
import {
  type Catalog,
  type CustomerState,
  type CustomerUsage,
  computeEntitlements,
  type Entitlement,
  type EntitlementsSnapshot,
  emptyCustomerState,
  indexCatalog,
  isSoldWith,
  nextPeriodStart,
  periodStart,
  type ResetPeriod,
} from '@entitle/core/engine'
import { logpilotCatalog } from './logpilotCatalog.js'

const DAY = 86_400_000

/** Options of `createTestSnapshot`. */
export interface TestSnapshotOptions {
  /** Plan id of the catalog. Default `'enterprise'` (everything granted). */
  plan?: string
  /** Add-on ids of the catalog, sold with the plan, granted on top and listed in `addons`. Default none. */
  addons?: string[]
  /** Usage per metered feature in its current period, e.g. `{ seats: 3 }`. Default 0. */
  usage?: Record<string, number>
  /**
   * The plan is a free trial ending at this ISO instant: its grants come from source `'trial'`, expire
   * then, and the customer pays for no plan (`plan: null`). Default `null` (a paid plan).
   */
  trialEndsAt?: string | null
  /** Per-feature entitlements put in last, as they are; `null` removes the feature. */
  entitlements?: Record<string, Entitlement | null>
  /** Default `'test-customer'`. */
  customerId?: string
  /** Default `'test'`. */
  environment?: string
  /** Default 1. */
  version?: number
  /** Default `logpilotCatalog`. */
  catalog?: Catalog
  /** The clock (ms), for `generatedAt`, trial ends and reset instants. Default `Date.now()`. */
  now?: number
}

/** The next reset instant after `now` (UTC calendar boundaries; weeks start on Monday), as ISO-8601. */
export function nextReset(period: ResetPeriod, now: number): string {
  return new Date(nextPeriodStart(period, now)).toISOString()
}

/**
 * A snapshot computed from a catalog plan (plus add-ons, usage and overrides) by the engine every
 * Entitle backend runs, so it is what a server would send.
 *
 * ```ts
 * createTestSnapshot({ plan: 'basic', usage: { seats: 3 } }) // seats 3 of 3: the next invite is refused
 * ```
 */
export function createTestSnapshot(options: TestSnapshotOptions = {}): EntitlementsSnapshot {
  const catalog = options.catalog ?? logpilotCatalog
  const now = options.now ?? Date.now()
  const index = indexCatalog(catalog)
  const planId = options.plan ?? 'enterprise'
  const plan = index.plans.get(planId)
  if (!plan) throw new Error(`createTestSnapshot: no plan "${planId}" in the catalog`)
  const trialEndsAt = options.trialEndsAt ?? null
  for (const addonId of options.addons ?? []) {
    const addon = index.addons.get(addonId)
    if (!addon) throw new Error(`createTestSnapshot: no add-on "${addonId}" in the catalog`)
    // A backend sells an add-on only with the plans it is made for; say so rather than compute a
    // snapshot no server would send.
    if (trialEndsAt !== null || !isSoldWith(addon, plan))
      throw new Error(
        `createTestSnapshot: add-on "${addonId}" is not available for ${trialEndsAt !== null ? 'a trial' : `plan "${plan.id}"`} (only ${addon.availableFor.join(', ')})`,
      )
  }
  const state: CustomerState =
    trialEndsAt === null
      ? { ...emptyCustomerState(), planId: plan.id, addons: [...(options.addons ?? [])] }
      : {
          ...emptyCustomerState(),
          trial: { planId: plan.id, endsAt: Date.parse(trialEndsAt) },
          trialsUsed: [plan.id],
        }
  // Usage belongs to each meter's current period (a reset period decides it).
  const shapes = computeEntitlements(catalog, state, {}, now).entitlements
  const usage: CustomerUsage = {}
  for (const [feature, used] of Object.entries(options.usage ?? {})) {
    const shape = Object.hasOwn(shapes, feature) ? shapes[feature] : undefined
    const period = shape?.kind === 'metered' ? shape.resetPeriod : null
    usage[feature] = { used, period, periodStart: period === null ? null : periodStart(period, now) }
  }
  const computed = computeEntitlements(catalog, state, usage, now)
  const entitlements: Record<string, Entitlement> = { ...computed.entitlements }
  for (const [feature, entitlement] of Object.entries(options.entitlements ?? {})) {
    if (entitlement === null) delete entitlements[feature]
    else entitlements[feature] = entitlement
  }
  return {
    customerId: options.customerId ?? 'test-customer',
    environment: options.environment ?? 'test',
    version: options.version ?? 1,
    generatedAt: new Date(now).toISOString(),
    plan: computed.plan,
    addons: computed.addons,
    trialEndsAt: computed.trialEndsAt,
    subscription: computed.subscription,
    entitlements,
  }
}

/** The named scenarios of `<TestEntitlementsProvider scenario>`. */
export type ScenarioName =
  | 'granted-all'
  | 'over-hard-limit'
  | 'over-soft-limit'
  | 'trial-expiring'
  | 'trial-expired'
  | 'outage'
  | 'loading'

/** A scenario: the snapshot the client starts from, and how the (fake) network behaves. */
export interface Scenario {
  /** What the customer's entitlements look like. `undefined`: no data (outage, loading). */
  snapshot: EntitlementsSnapshot | undefined
  /** `'ok'`: answers from the snapshot; `'down'`: every request fails like an unreachable server; `'hang'`: never answers. */
  network: 'ok' | 'down' | 'hang'
  description: string
}

/**
 * The scenarios, built on the LogPilot catalog at the clock `now` (default `Date.now()`). Each
 * returns a fresh snapshot, so tests can change it freely.
 */
export const scenarios: Record<ScenarioName, (now?: number) => Scenario> = {
  'granted-all': (now = Date.now()) => ({
    description: 'Enterprise: every feature, unlimited seats and API calls',
    snapshot: createTestSnapshot({ plan: 'enterprise', usage: { seats: 12, 'api-calls': 120_000 }, now }),
    network: 'ok',
  }),
  'over-hard-limit': (now = Date.now()) => ({
    description: 'Basic: seats 3 of 3 (hard limit, the next seat is refused); api-calls 950 of 1,000',
    snapshot: createTestSnapshot({ plan: 'basic', usage: { seats: 3, 'api-calls': 950 }, now }),
    network: 'ok',
  }),
  'over-soft-limit': (now = Date.now()) => ({
    description:
      'Premium: api-calls 52,300 of 50,000 (over the soft limit: allowed, with a warning); seats 7 of 10',
    snapshot: createTestSnapshot({ plan: 'premium', usage: { seats: 7, 'api-calls': 52_300 }, now }),
    network: 'ok',
  }),
  'trial-expiring': (now = Date.now()) => ({
    description: 'Enterprise trial ending in 2 days',
    snapshot: createTestSnapshot({
      plan: 'enterprise',
      usage: { seats: 4, 'api-calls': 2_000 },
      trialEndsAt: new Date(now + 2 * DAY).toISOString(),
      now,
    }),
    network: 'ok',
  }),
  'trial-expired': (now = Date.now()) => ({
    description: 'The Enterprise trial ended yesterday: back on Basic, ai-assistant expired',
    snapshot: {
      ...createTestSnapshot({
        plan: 'basic',
        usage: { seats: 2, 'api-calls': 120 },
        entitlements: {
          'ai-assistant': { kind: 'boolean', source: 'trial', expiresAt: new Date(now - DAY).toISOString() },
        },
        now,
      }),
      trialEndsAt: new Date(now - DAY).toISOString(),
    },
    network: 'ok',
  }),
  outage: () => ({
    description:
      'The entitlements service is unreachable and there is no cached data: fallbacks and fail mode decide',
    snapshot: undefined,
    network: 'down',
  }),
  loading: () => ({
    description: 'The first request never answers: every check is `loading`',
    snapshot: undefined,
    network: 'hang',
  }),
}
