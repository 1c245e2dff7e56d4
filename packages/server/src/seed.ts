// The seed format (`--seed <file>`, `server.admin.seed(…)`): customers to create, with their
// subscriptions, grants, usage and development tokens. Applying a seed is idempotent: customers
// that exist are left as they are, so a server restarted with the same seed keeps its data.
import {
  type Catalog,
  type CustomerState,
  type CustomerUsage,
  computeEntitlements,
  emptyCustomerState,
  type Grant,
  initialVersionMark,
  parseCatalog,
  periodStart,
  setOwn,
  withTerms,
} from '@entitle/core/engine'
import type { NewCustomer } from './store/types.js'

const DAY_MS = 86_400_000

/** A moment given either absolutely (`endsAt`, ISO-8601) or relative to the clock at seeding time. */
export interface SeedEnd {
  /** ISO-8601 instant. Wins over `endsInDays`. `null` = never ends. */
  endsAt?: string | null
  /** Days after the clock's "now" when the seed is applied (may be fractional or negative). */
  endsInDays?: number
}

/** One customer of a seed. Only `id` and `planId` are required. */
export interface SeedCustomer {
  id: string
  /** Development bearer token (`staticTokens`). Default `demo-<id>`. */
  token?: string
  /** Stripe customer id. Default `cus_<id>`; `null` for none. */
  stripeCustomerId?: string | null
  /** Subscribed plan, or `null` for none. */
  planId: string | null
  addons?: string[]
  /** A running trial of another plan on top of `planId`. */
  trial?: { planId: string } & SeedEnd
  /** Promotional grants. `grant` defaults to `{ kind: 'boolean' }` (boolean features only). */
  promotions?: ({ feature: string; grant?: Grant } & SeedEnd)[]
  /** Per-customer overrides; `grant: null` revokes the feature. */
  overrides?: ({ feature: string; grant: Grant | null } & SeedEnd)[]
  /** Features granted through Stripe (lookup keys). */
  stripeFeatures?: string[]
  /** Usage of metered features in their current period. */
  usage?: Record<string, number>
  /** A failed payment: the plan's entitlements go at this end (`endsInDays` / `endsAt`) unless paid. */
  pastDue?: SeedEnd
  /** A change at an instant (`endsInDays` / `endsAt`: when), e.g. a downgrade at period end. */
  scheduledChange?: { planId: string | null; addons?: string[] } & SeedEnd
}

/** A seed: what `--seed <file>` contains (JSON). */
export interface SeedData {
  /** Snapshot `environment` (the server's own option wins). Default `'development'`. */
  environment?: string
  /** The catalog. Default: the server's. */
  catalog?: Catalog
  customers: SeedCustomer[]
}

/** Thrown for a seed that cannot be applied; the message names the offending field. */
export class SeedError extends Error {
  override readonly name = 'SeedError'
}

function fail(path: string, message: string): never {
  throw new SeedError(`${path}: ${message}`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const CUSTOMER_ID = /^[A-Za-z0-9_.:@-]{1,128}$/

/** Whether `id` is a customer id this server accepts: 1-128 letters, digits and `_ . : @ -`. */
export function isCustomerId(id: unknown): id is string {
  return typeof id === 'string' && CUSTOMER_ID.test(id)
}

function endOf(end: SeedEnd, now: number, path: string): number | null {
  if (end.endsAt !== undefined) {
    if (end.endsAt === null) return null
    const t = typeof end.endsAt === 'string' ? Date.parse(end.endsAt) : Number.NaN
    if (Number.isNaN(t)) fail(`${path}.endsAt`, `not an ISO-8601 instant: ${JSON.stringify(end.endsAt)}`)
    return t
  }
  if (end.endsInDays !== undefined) {
    if (typeof end.endsInDays !== 'number' || !Number.isFinite(end.endsInDays))
      fail(`${path}.endsInDays`, 'must be a finite number')
    return now + Math.round(end.endsInDays * DAY_MS)
  }
  return null
}

/**
 * Checks a seed against `fallbackCatalog` (or its own `catalog`, checked with core's validator):
 * shapes, and every reference to a plan, add-on or feature. Errors name the path of the mistake
 * (`seed.customers[0].planId: unknown plan "gold"`).
 */
export function checkSeed(input: unknown, fallbackCatalog?: Catalog): SeedData & { catalog: Catalog } {
  if (!isRecord(input)) fail('seed', 'must be a JSON object')
  let catalog: Catalog
  try {
    if (input.catalog !== undefined) catalog = parseCatalog(input.catalog)
    else if (fallbackCatalog !== undefined) catalog = fallbackCatalog
    else fail('seed.catalog', 'is required (no catalog was configured)')
  } catch (error) {
    if (error instanceof SeedError) throw error
    fail('seed', error instanceof Error ? error.message : String(error))
  }
  if (!Array.isArray(input.customers)) fail('seed.customers', 'must be an array')
  if (input.environment !== undefined && typeof input.environment !== 'string')
    fail('seed.environment', 'must be a string')
  const features = new Map(catalog.features.map((f) => [f.id, f]))
  const plans = new Set(catalog.plans.map((p) => p.id))
  const addons = new Set(catalog.addons.map((a) => a.id))
  const ids = new Set<string>()
  const tokens = new Set<string>()
  const stripeIds = new Set<string>()
  input.customers.forEach((c: unknown, i) => {
    const path = `seed.customers[${i}]`
    if (!isRecord(c)) fail(path, 'must be an object')
    if (!isCustomerId(c.id)) fail(`${path}.id`, 'must be 1-128 letters, digits or _ . : @ -')
    if (ids.has(c.id)) fail(`${path}.id`, `duplicate customer "${c.id}"`)
    ids.add(c.id)
    const token = c.token ?? `demo-${c.id}`
    if (typeof token !== 'string' || token === '') fail(`${path}.token`, 'must be a non-empty string')
    if (tokens.has(token)) fail(`${path}.token`, 'duplicate token')
    tokens.add(token)
    const stripeId = c.stripeCustomerId === undefined ? `cus_${c.id}` : c.stripeCustomerId
    if (stripeId !== null) {
      if (typeof stripeId !== 'string' || stripeId === '')
        fail(`${path}.stripeCustomerId`, 'must be a string or null')
      if (stripeIds.has(stripeId)) fail(`${path}.stripeCustomerId`, `duplicate "${stripeId}"`)
      stripeIds.add(stripeId)
    }
    if (c.planId !== null && (typeof c.planId !== 'string' || !plans.has(c.planId)))
      fail(`${path}.planId`, `unknown plan ${JSON.stringify(c.planId)}`)
    if (c.addons !== undefined && !Array.isArray(c.addons)) fail(`${path}.addons`, 'must be an array')
    for (const a of (c.addons as unknown[] | undefined) ?? []) {
      if (typeof a !== 'string' || !addons.has(a))
        fail(`${path}.addons`, `unknown add-on ${JSON.stringify(a)}`)
    }
    if (
      c.trial !== undefined &&
      (!isRecord(c.trial) || typeof c.trial.planId !== 'string' || !plans.has(c.trial.planId))
    )
      fail(`${path}.trial.planId`, 'unknown plan')
    for (const key of ['promotions', 'overrides'] as const) {
      const list = c[key]
      if (list === undefined) continue
      if (!Array.isArray(list)) fail(`${path}.${key}`, 'must be an array')
      list.forEach((g: unknown, j) => {
        if (!isRecord(g) || typeof g.feature !== 'string' || !features.has(g.feature))
          fail(`${path}.${key}[${j}].feature`, 'unknown feature')
        const grant = g.grant
        const kind = features.get(g.feature)?.kind
        if (grant === undefined) {
          if (key === 'overrides')
            fail(`${path}.${key}[${j}].grant`, 'is required (null revokes the feature)')
          if (kind !== 'boolean')
            fail(`${path}.${key}[${j}].grant`, `required for the ${kind} feature "${g.feature}"`)
        } else if (grant !== null && (!isRecord(grant) || grant.kind !== kind)) {
          fail(`${path}.${key}[${j}].grant.kind`, `must be "${kind}"`)
        }
      })
    }
    if (c.stripeFeatures !== undefined) {
      if (!Array.isArray(c.stripeFeatures)) fail(`${path}.stripeFeatures`, 'must be an array')
      for (const f of c.stripeFeatures as unknown[]) {
        if (typeof f !== 'string' || !features.has(f))
          fail(`${path}.stripeFeatures`, `unknown feature ${JSON.stringify(f)}`)
      }
    }
    if (c.scheduledChange !== undefined) {
      const change = c.scheduledChange
      if (
        !isRecord(change) ||
        (change.planId !== null && (typeof change.planId !== 'string' || !plans.has(change.planId)))
      )
        fail(`${path}.scheduledChange.planId`, 'unknown plan (null cancels)')
      for (const a of (change.addons as unknown[] | undefined) ?? []) {
        if (typeof a !== 'string' || !addons.has(a))
          fail(`${path}.scheduledChange.addons`, `unknown add-on ${JSON.stringify(a)}`)
      }
    }
    if (
      c.pastDue !== undefined &&
      (!isRecord(c.pastDue) || (c.pastDue.endsAt === undefined && c.pastDue.endsInDays === undefined))
    )
      fail(`${path}.pastDue`, 'needs endsAt or endsInDays (when the grace period ends)')
    if (c.usage !== undefined) {
      if (!isRecord(c.usage)) fail(`${path}.usage`, 'must be an object')
      for (const [f, n] of Object.entries(c.usage)) {
        if (features.get(f)?.kind !== 'metered') fail(`${path}.usage.${f}`, 'not a metered feature')
        if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
          fail(`${path}.usage.${f}`, 'must be a non-negative integer')
      }
    }
  })
  return { ...(input as unknown as SeedData), catalog }
}

/** A seeded customer: what the store creates, and the development token it is reached with. */
export interface SeededCustomer {
  customer: NewCustomer
  token: string
}

/** The customers of a checked seed, at the instant `now` (relative ends are resolved against it). */
export function customersFromSeed(seed: SeedData & { catalog: Catalog }, now: number): SeededCustomer[] {
  const { catalog } = seed
  return seed.customers.map((c, i) => {
    const path = `seed.customers[${i}]`
    const trialEnd = c.trial ? endOf(c.trial, now, `${path}.trial`) : null
    let state: CustomerState = {
      ...emptyCustomerState(),
      planId: c.planId,
      addons: [...new Set(c.addons ?? [])],
      trial: c.trial ? { planId: c.trial.planId, endsAt: trialEnd ?? now + 14 * DAY_MS } : null,
      trialsUsed: c.trial ? [c.trial.planId] : [],
      promotions: (c.promotions ?? []).map((p, j) => ({
        feature: p.feature,
        grant: p.grant ?? { kind: 'boolean' },
        endsAt: endOf(p, now, `${path}.promotions[${j}]`),
      })),
      overrides: (c.overrides ?? []).map((o, j) => ({
        feature: o.feature,
        grant: o.grant,
        endsAt: endOf(o, now, `${path}.overrides[${j}]`),
      })),
      stripe: { features: [...new Set(c.stripeFeatures ?? [])], lastEvent: null },
      billing: {
        scheduledChange: c.scheduledChange
          ? {
              at: endOf(c.scheduledChange, now, `${path}.scheduledChange`) ?? now,
              planId: c.scheduledChange.planId,
              addons: [...new Set(c.scheduledChange.addons ?? [])],
            }
          : null,
        pastDue: c.pastDue
          ? { since: now, graceEndsAt: endOf(c.pastDue, now, `${path}.pastDue`) ?? now }
          : null,
      },
    }
    state = withTerms(catalog, state)
    // Usage belongs to the meter as the customer has it now (its reset period decides the period).
    const shapes = computeEntitlements(catalog, state, {}, now).entitlements
    const usage: CustomerUsage = {}
    for (const [feature, used] of Object.entries(c.usage ?? {})) {
      const shape = Object.hasOwn(shapes, feature) ? shapes[feature] : undefined
      const period = shape?.kind === 'metered' ? shape.resetPeriod : null
      setOwn(usage, feature, { used, period, periodStart: period ? periodStart(period, now) : null })
    }
    const computed = computeEntitlements(catalog, state, usage, now)
    return {
      customer: {
        id: c.id,
        stripeCustomerId: c.stripeCustomerId === undefined ? `cus_${c.id}` : c.stripeCustomerId,
        state,
        usage,
        mark: initialVersionMark(now, computed),
      },
      token: c.token ?? `demo-${c.id}`,
    }
  })
}

/** The development tokens of a seed: token → customer id, for `staticTokens`. */
export function seedTokens(seed: SeedData): Record<string, string> {
  const tokens: Record<string, string> = {}
  for (const c of seed.customers) tokens[c.token ?? `demo-${c.id}`] = c.id
  return tokens
}
