import { type Catalog, type Grant, parseCatalog } from '@entitle/core'
import { type LogPilotFeature, logPilotCatalog as sampleCatalog } from '@entitle/core/sample'
import { DAY_MS, periodStart } from './periods.js'
import type { CustomerRecord, ServerState, UsageRecord } from './state.js'

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
  /** Bearer token. Default `demo-<id>`. */
  token?: string
  /** Stripe customer id. Default `cus_<id>`. */
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
}

/** What `--seed <file>` contains (JSON) and what `createHandler({ seed })` takes. */
export interface SeedData {
  /** Snapshot `environment`. Default `'development'`. */
  environment?: string
  /** Default: the LogPilot catalog of the demo. */
  catalog?: Catalog
  customers: SeedCustomer[]
}

// What the mock server adds to the shared sample catalog: descriptions the demo's pricing shows.
const featureDescriptions: Record<LogPilotFeature, string> = {
  'advanced-filtering': 'Saved queries and regex filters',
  'api-access': 'Query your logs over the REST API',
  'premium-support': 'Four-hour response, 24/7',
  'ai-assistant': 'Explains errors and suggests queries',
  'retention-days': 'Days logs are kept',
  seats: 'Team members',
  'api-calls': 'Log API requests per month',
}
const planDescriptions: Record<string, string> = {
  basic: 'For side projects',
  premium: 'For growing teams',
  enterprise: 'For organisations with compliance needs',
}

/**
 * The demo's LogPilot catalog (DESIGN.md): three plans, two add-ons, seven features. The data is
 * `@entitle/core/sample`'s (one copy for the workspace) with the descriptions above.
 */
export const logPilotCatalog: Catalog = {
  ...sampleCatalog,
  features: sampleCatalog.features.map((f) => ({ ...f, description: featureDescriptions[f.id] })),
  // The description after the name: the catalog's JSON keeps the key order it always had.
  plans: sampleCatalog.plans.map(({ id, name, ...rest }) => ({
    id,
    name,
    description: planDescriptions[id],
    ...rest,
  })),
}

/** The sample customers of DESIGN.md, with times relative to the clock when the seed is applied. */
export const defaultSeed: SeedData = {
  environment: 'development',
  catalog: logPilotCatalog,
  customers: [
    // At the hard seat limit; close to the soft API limit.
    { id: 'acme', planId: 'basic', usage: { seats: 3, 'api-calls': 950 } },
    // Over the soft API limit; a promotion that is about to end.
    {
      id: 'globex',
      planId: 'premium',
      usage: { seats: 7, 'api-calls': 52_300 },
      promotions: [{ feature: 'ai-assistant', endsInDays: 10 }],
    },
    // Everything until the trial ends; then Basic, with more seats and calls than Basic allows.
    {
      id: 'initech',
      planId: 'basic',
      trial: { planId: 'enterprise', endsInDays: 2 },
      usage: { seats: 5, 'api-calls': 8_200 },
    },
    { id: 'umbrella', planId: 'enterprise', usage: { seats: 42, 'api-calls': 1_250_000 } },
  ],
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

function endOf(end: SeedEnd, now: number, path: string): number | null {
  if (end.endsAt !== undefined) {
    if (end.endsAt === null) return null
    const t = Date.parse(end.endsAt)
    if (Number.isNaN(t)) fail(`${path}.endsAt`, `not an ISO-8601 instant: ${JSON.stringify(end.endsAt)}`)
    return t
  }
  if (end.endsInDays !== undefined) {
    if (!Number.isFinite(end.endsInDays)) fail(`${path}.endsInDays`, 'must be a finite number')
    return now + Math.round(end.endsInDays * DAY_MS)
  }
  return null
}

/**
 * Checks a seed: the catalog with @entitle/core's validator, then the customers and their
 * references to the catalog (plans, add-ons, features). Errors name the offending path.
 */
export function checkSeed(input: unknown): SeedData {
  if (!isRecord(input)) fail('seed', 'must be a JSON object')
  let cat: Catalog
  try {
    // The catalog is wire data: core's validator checks it as the client would.
    cat = input.catalog === undefined ? logPilotCatalog : parseCatalog(input.catalog)
  } catch (error) {
    fail('seed', error instanceof Error ? error.message : String(error))
  }
  if (!Array.isArray(input.customers)) fail('seed.customers', 'must be an array')
  if (input.environment !== undefined && typeof input.environment !== 'string')
    fail('seed.environment', 'must be a string')
  const seed = input as unknown as SeedData
  const features = new Set(cat.features.map((f) => f.id))
  const plans = new Set(cat.plans.map((p) => p.id))
  const addons = new Set(cat.addons.map((a) => a.id))
  const ids = new Set<string>()
  const tokens = new Set<string>()
  seed.customers.forEach((c: unknown, i) => {
    const path = `seed.customers[${i}]`
    if (!isRecord(c)) fail(path, 'must be an object')
    if (typeof c.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(c.id))
      fail(`${path}.id`, 'must be 1-64 letters, digits, - or _')
    if (ids.has(c.id)) fail(`${path}.id`, `duplicate customer "${c.id}"`)
    ids.add(c.id)
    const token = c.token ?? `demo-${c.id}`
    if (typeof token !== 'string' || token === '') fail(`${path}.token`, 'must be a non-empty string')
    if (tokens.has(token)) fail(`${path}.token`, 'duplicate token')
    tokens.add(token)
    if (c.planId !== null && (typeof c.planId !== 'string' || !plans.has(c.planId))) {
      fail(`${path}.planId`, `unknown plan ${JSON.stringify(c.planId)}`)
    }
    for (const a of (c.addons as unknown[] | undefined) ?? []) {
      if (typeof a !== 'string' || !addons.has(a))
        fail(`${path}.addons`, `unknown add-on ${JSON.stringify(a)}`)
    }
    if (
      c.trial !== undefined &&
      (!isRecord(c.trial) || typeof c.trial.planId !== 'string' || !plans.has(c.trial.planId))
    ) {
      fail(`${path}.trial.planId`, 'unknown plan')
    }
    for (const key of ['promotions', 'overrides'] as const) {
      const list = c[key]
      if (list === undefined) continue
      if (!Array.isArray(list)) fail(`${path}.${key}`, 'must be an array')
      list.forEach((g: unknown, j) => {
        if (!isRecord(g) || typeof g.feature !== 'string' || !features.has(g.feature)) {
          fail(`${path}.${key}[${j}].feature`, 'unknown feature')
        }
      })
    }
    if (c.usage !== undefined) {
      if (!isRecord(c.usage)) fail(`${path}.usage`, 'must be an object')
      for (const [f, n] of Object.entries(c.usage)) {
        if (!features.has(f)) fail(`${path}.usage.${f}`, 'unknown feature')
        if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
          fail(`${path}.usage.${f}`, 'must be a non-negative integer')
      }
    }
  })
  return { ...seed, catalog: cat }
}

/** The grant a plan gives a feature, else the first plan's grant (plans are listed cheapest first). */
function meterOf(
  catalog: Catalog,
  planIds: (string | null | undefined)[],
  feature: string,
): Grant | undefined {
  for (const id of planIds) {
    const g = catalog.plans.find((p) => p.id === id)?.grants[feature]
    if (g) return g
  }
  return catalog.plans.map((p) => p.grants[feature]).find((g) => g !== undefined)
}

function customerFromSeed(c: SeedCustomer, catalog: Catalog, now: number, path: string): CustomerRecord {
  const trialEnd = c.trial ? endOf(c.trial, now, `${path}.trial`) : null
  const usage: Record<string, UsageRecord> = {}
  for (const [feature, used] of Object.entries(c.usage ?? {})) {
    const grant = meterOf(catalog, [c.trial?.planId, c.planId], feature)
    const period = grant?.kind === 'metered' ? grant.resetPeriod : null
    usage[feature] = { used, period, periodStart: period ? periodStart(period, now) : null }
  }
  const byFeature = new Map(catalog.features.map((f) => [f.id, f]))
  return {
    id: c.id,
    token: c.token ?? `demo-${c.id}`,
    stripeCustomerId: c.stripeCustomerId === undefined ? `cus_${c.id}` : c.stripeCustomerId,
    planId: c.planId,
    addons: [...(c.addons ?? [])],
    trial: c.trial ? { planId: c.trial.planId, endsAt: trialEnd ?? now + DAY_MS * 14 } : null,
    trialsUsed: c.trial ? [c.trial.planId] : [],
    promotions: (c.promotions ?? []).map((p, j) => {
      const grant =
        p.grant ?? (byFeature.get(p.feature)?.kind === 'boolean' ? { kind: 'boolean' as const } : undefined)
      if (!grant) fail(`${path}.promotions[${j}].grant`, 'required for non-boolean features')
      return { feature: p.feature, grant, endsAt: endOf(p, now, `${path}.promotions[${j}]`) }
    }),
    overrides: (c.overrides ?? []).map((o, j) => ({
      feature: o.feature,
      grant: o.grant,
      endsAt: endOf(o, now, `${path}.overrides[${j}]`),
    })),
    stripe: { features: [...(c.stripeFeatures ?? [])], lastEventCreated: null },
    usage,
    // Versions start from the seeding instant (epoch ms), not 1: a server restarted without
    // --state then still serves versions newer than any it served before, so clients that keep
    // only newer snapshots (and persisted them) accept the fresh state.
    version: Math.max(1, Math.floor(now)),
  }
}

/** Builds a fresh server state from a seed at the instant `now` (epoch ms on the mock clock). */
export function stateFromSeed(seed: SeedData, now: number): ServerState {
  const checked = checkSeed(seed)
  const catalog = checked.catalog ?? logPilotCatalog
  const customers: ServerState['customers'] = {}
  checked.customers.forEach((c, i) => {
    customers[c.id] = customerFromSeed(c, catalog, now, `seed.customers[${i}]`)
  })
  return {
    catalog,
    environment: checked.environment ?? 'development',
    clockOffsetMs: 0,
    customers,
    idempotency: {},
    stripeEventIds: [],
  }
}
