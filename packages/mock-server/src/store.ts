import { type Catalog, type EntitlementsSnapshot, evaluate, type MeteredEntitlement } from '@entitle/core'
import { computeEntitlements, indexCatalog } from './compute.js'
import { ApiError } from './errors.js'
import { type IdempotencyOptions, IdempotencyStore, usageFingerprint } from './idempotency.js'
import { DAY_MS, periodStart } from './periods.js'
import { defaultSeed, type SeedData, stateFromSeed } from './seed.js'
import type { CustomerRecord, PersistedState, ServerState, StatePersistence } from './state.js'

/** Options of the in-memory store. */
export interface StoreOptions {
  /** Catalog and customers to start from (and to go back to on reset). Default: the LogPilot demo seed. */
  seed?: SeedData
  /** The clock, in epoch ms. Default `Date.now`. The admin API can move it forward on top of this. */
  now?: () => number
  /** Keeps state across restarts; every change is saved before it is acknowledged. Default: none. */
  persistence?: StatePersistence
  idempotency?: IdempotencyOptions
}

/** A computed snapshot, its JSON and ETag, cached until the next change or expiry. */
export interface CustomerView {
  snapshot: EntitlementsSnapshot
  json: string
  etag: string
  /** Mock-clock instant from which the snapshot must be recomputed (an expiry or a period reset). */
  validUntil: number
  computedAt: number
}

/** A response decided inside the store (stored for idempotent replays). */
export interface StoredResponse {
  status: number
  body: string
  replayed: boolean
}

export interface UsageInput {
  feature: string
  amount: number
  idempotencyKey?: string | undefined
}

export interface SubscriptionInput {
  planId: string
  addons?: string[] | undefined
  trial?: boolean | undefined
}

/** A verified Stripe `active_entitlement_summary.updated` event, reduced to what the store needs. */
export interface StripeSummaryInput {
  eventId: string
  /** Event `created`, epoch seconds. */
  created: number
  stripeCustomerId: string
  lookupKeys: string[]
}

export interface StripeApplyResult {
  applied: boolean
  reason?: 'duplicate_event' | 'unknown_customer' | 'older_than_applied'
  customerId?: string
  version?: number
  /** Lookup keys that match no catalog feature (ignored). */
  unknownLookupKeys?: string[]
}

const MAX_STRIPE_EVENT_IDS = 10_000

/** Reads a saved state; refuses anything else rather than start from a half-understood file. */
function parsePersisted(json: string): ServerState {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch (error) {
    throw new Error(`state file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const p = parsed as Partial<PersistedState> | null
  if (
    p?.format !== 'entitle-mock-state' ||
    p.formatVersion !== 1 ||
    typeof p.state !== 'object' ||
    !p.state
  ) {
    throw new Error(
      'state file is not an Entitle mock-server state (format "entitle-mock-state", formatVersion 1)',
    )
  }
  return p.state
}

/**
 * The mock server's state and every operation on it. All mutations are synchronous from
 * validation to persistence: JavaScript runs them to completion, so concurrent requests cannot
 * interleave inside one (that is what makes hard limits and idempotency atomic).
 */
export class MockStore {
  private state: ServerState
  private readonly seed: SeedData
  private readonly baseClock: () => number
  private readonly persistence: StatePersistence | undefined
  private readonly idempotency: IdempotencyStore
  private readonly views = new Map<string, CustomerView>()
  /** Last computed content per customer: a different content means a new version. */
  private readonly lastContent = new Map<string, string>()
  private readonly listeners = new Set<(customerIds: readonly string[]) => void>()
  private tokens = new Map<string, string>()
  private stripeCustomers = new Map<string, string>()
  private stripeEvents = new Set<string>()
  private catalogJsonCache: string | undefined
  private lastSaved: string | undefined

  constructor(options: StoreOptions = {}) {
    this.seed = options.seed ?? defaultSeed
    this.baseClock = options.now ?? Date.now
    this.persistence = options.persistence
    this.idempotency = new IdempotencyStore(options.idempotency)
    const loaded = this.persistence?.load()
    if (loaded !== undefined) {
      this.state = parsePersisted(loaded)
      // Versions served before a crash may not have been saved (changes that came from time
      // passing are not); one step up keeps every version after a restart newer than those.
      for (const c of Object.values(this.state.customers)) c.version += 1
    } else {
      this.state = stateFromSeed(this.seed, this.baseClock())
    }
    this.idempotency.load(this.state.idempotency)
    this.reindex()
    if (this.persistence) this.save()
  }

  /** Now on the mock clock: the injected clock plus however far the admin API moved it. */
  now(): number {
    return this.baseClock() + this.state.clockOffsetMs
  }

  /** The injected clock without admin moves: real time, for webhook signature tolerance. */
  wallNow(): number {
    return this.baseClock()
  }

  get catalog(): Catalog {
    return this.state.catalog
  }

  /** The catalog as JSON (cached: it never changes between resets). */
  get catalogJson(): string {
    this.catalogJsonCache ??= JSON.stringify(this.state.catalog)
    return this.catalogJsonCache
  }

  get environment(): string {
    return this.state.environment
  }

  /** Ids of every customer. */
  customerIds(): string[] {
    return Object.keys(this.state.customers)
  }

  hasCustomer(id: string): boolean {
    return Object.hasOwn(this.state.customers, id)
  }

  /** The customer a bearer token belongs to. */
  customerForToken(token: string): string | undefined {
    return this.tokens.get(token)
  }

  /** Called after every committed change with the customers it touched. Returns an unsubscribe. */
  subscribe(listener: (customerIds: readonly string[]) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** The customer's current snapshot (recomputed after a change, an expiry or a period reset). */
  view(customerId: string): CustomerView {
    const customer = this.customer(customerId)
    const now = this.now()
    const cached = this.views.get(customerId)
    if (cached && now < cached.validUntil && now >= cached.computedAt) return cached
    const computed = computeEntitlements(this.state.catalog, customer, now)
    const content = JSON.stringify([
      computed.plan,
      computed.addons,
      computed.trialEndsAt,
      computed.entitlements,
    ])
    const last = this.lastContent.get(customerId)
    if (last !== undefined && last !== content) customer.version += 1
    this.lastContent.set(customerId, content)
    const snapshot: EntitlementsSnapshot = {
      customerId,
      environment: this.state.environment,
      version: customer.version,
      generatedAt: new Date(now).toISOString(),
      plan: computed.plan,
      addons: computed.addons,
      trialEndsAt: computed.trialEndsAt,
      entitlements: computed.entitlements,
    }
    const view: CustomerView = {
      snapshot,
      json: JSON.stringify(snapshot),
      etag: `W/"${customer.version}"`,
      validUntil: computed.nextChangeAt,
      computedAt: now,
    }
    this.views.set(customerId, view)
    return view
  }

  /**
   * Records usage of a metered feature. Hard limits are checked and usage is updated in one
   * synchronous step; with a key, the first response is replayed for the same request and a
   * different request with that key is refused.
   */
  reportUsage(customerId: string, input: UsageInput): StoredResponse {
    const customer = this.customer(customerId)
    const now = this.now()
    const fingerprint = usageFingerprint(input.feature, input.amount)
    const key = input.idempotencyKey
    if (key !== undefined) {
      const previous = this.idempotency.get(customerId, key, now)
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          throw new ApiError(
            422,
            'idempotency_key_reused',
            `idempotencyKey "${key}" was already used for a different request (feature or amount differ)`,
          )
        }
        return { status: previous.status, body: previous.body, replayed: true }
      }
    }
    const feature = indexCatalog(this.state.catalog).features.get(input.feature)
    if (!feature) throw new ApiError(400, 'unknown_feature', `feature: unknown feature "${input.feature}"`)
    if (feature.kind !== 'metered') {
      throw new ApiError(
        400,
        'not_metered',
        `feature: "${input.feature}" is a ${feature.kind} feature; only metered features take usage`,
      )
    }
    const snapshot = this.view(customerId).snapshot
    const current = snapshot.entitlements[input.feature] as MeteredEntitlement | undefined
    if (current && input.amount < 0 && current.resetPeriod !== null) {
      throw new ApiError(
        400,
        'invalid_request',
        `amount: negative amounts release usage and are only allowed for meters without a reset period ("${input.feature}" resets every ${current.resetPeriod})`,
      )
    }

    // The same decision the client makes (core's evaluate) on the server's current snapshot. A
    // release (negative amount) is a read there: always allowed.
    const decision = evaluate(snapshot, input.feature, { requested: Math.max(0, input.amount), now })
    let status: number
    let body: string
    let changed = false
    if (!current) {
      status = 409
      body = new ApiError(
        409,
        'not_entitled',
        `customer "${customerId}" is not entitled to "${input.feature}"`,
      ).toBody()
    } else if (!decision.granted) {
      status = 409
      body = new ApiError(
        409,
        'limit_exceeded',
        `"${input.feature}": ${current.usage} of ${current.limit} used; ${input.amount} more would exceed the hard limit`,
      ).toBody()
    } else {
      const period = current.resetPeriod
      customer.usage[input.feature] = {
        // Releases never take usage below zero.
        used: Math.max(0, current.usage + input.amount),
        period,
        periodStart: period ? periodStart(period, now) : null,
      }
      this.views.delete(customerId)
      const view = this.view(customerId)
      status = 200
      body = JSON.stringify({
        entitlement: view.snapshot.entitlements[input.feature],
        version: view.snapshot.version,
      })
      changed = true
    }
    if (key !== undefined) this.idempotency.set(customerId, key, { fingerprint, status, body, at: now })
    if (changed || key !== undefined) this.commit(changed ? [customerId] : [])
    return { status, body, replayed: false }
  }

  /**
   * Simulated checkout. Without `trial`: subscribe to `planId` with `addons` (omitted = keep the
   * current add-ons that are sold with the new plan); a running trial ends. With `trial: true`:
   * start the trial of `planId` on top of the current plan, once per plan.
   */
  changeSubscription(customerId: string, input: SubscriptionInput): CustomerView {
    const customer = this.customer(customerId)
    const index = indexCatalog(this.state.catalog)
    const plan = index.plans.get(input.planId)
    if (!plan) throw new ApiError(400, 'unknown_plan', `planId: unknown plan "${input.planId}"`)
    const now = this.now()
    if (input.trial) {
      if (input.addons && input.addons.length > 0) {
        throw new ApiError(
          400,
          'invalid_request',
          'addons: a trial cannot include add-ons; buy them with the plan',
        )
      }
      if (plan.trialDays <= 0)
        throw new ApiError(400, 'trial_not_available', `plan "${plan.id}" has no trial`)
      if (customer.planId === plan.id) {
        throw new ApiError(
          400,
          'trial_not_available',
          `customer "${customerId}" already subscribes to "${plan.id}"`,
        )
      }
      if (customer.trialsUsed.includes(plan.id)) {
        throw new ApiError(
          409,
          'trial_already_used',
          `customer "${customerId}" already had the "${plan.id}" trial`,
        )
      }
      customer.trial = { planId: plan.id, endsAt: now + plan.trialDays * DAY_MS }
      customer.trialsUsed.push(plan.id)
    } else {
      const requested =
        input.addons ?? customer.addons.filter((id) => index.addons.get(id)?.availableFor.includes(plan.id))
      for (const id of requested) {
        const addon = index.addons.get(id)
        if (!addon) throw new ApiError(400, 'unknown_addon', `addons: unknown add-on "${id}"`)
        if (!addon.availableFor.includes(plan.id)) {
          throw new ApiError(
            400,
            'addon_not_available',
            `addons: "${id}" is not available for plan "${plan.id}"`,
          )
        }
      }
      customer.planId = plan.id
      customer.addons = [...new Set(requested)]
      customer.trial = null
    }
    this.views.delete(customerId)
    const view = this.view(customerId)
    this.commit([customerId])
    return view
  }

  /** Applies a verified Stripe summary: it replaces the features Stripe grants that customer. */
  applyStripeSummary(input: StripeSummaryInput): StripeApplyResult {
    if (this.stripeEvents.has(input.eventId)) return { applied: false, reason: 'duplicate_event' }
    this.rememberStripeEvent(input.eventId)
    const customerId = this.stripeCustomers.get(input.stripeCustomerId)
    const customer = customerId ? this.state.customers[customerId] : undefined
    if (!customerId || !customer) {
      this.commit([])
      return { applied: false, reason: 'unknown_customer' }
    }
    const last = customer.stripe.lastEventCreated
    if (last !== null && input.created < last) {
      this.commit([])
      return { applied: false, reason: 'older_than_applied', customerId }
    }
    const features = indexCatalog(this.state.catalog).features
    const known = [...new Set(input.lookupKeys.filter((k) => features.has(k)))]
    const unknown = input.lookupKeys.filter((k) => !features.has(k))
    customer.stripe = { features: known, lastEventCreated: input.created }
    this.views.delete(customerId)
    const view = this.view(customerId)
    this.commit([customerId])
    return {
      applied: true,
      customerId,
      version: view.snapshot.version,
      ...(unknown.length > 0 ? { unknownLookupKeys: unknown } : {}),
    }
  }

  /** Moves the mock clock to `target` (epoch ms). Time only moves forward. */
  setNow(target: number): void {
    const now = this.now()
    if (!Number.isFinite(target) || target < now) {
      throw new ApiError(
        400,
        'invalid_request',
        `now: the clock only moves forward (it is ${new Date(now).toISOString()})`,
      )
    }
    this.state.clockOffsetMs += target - now
    this.views.clear()
    this.commit(this.customerIds())
  }

  /** Moves the mock clock forward by `ms`. */
  advanceClock(ms: number): void {
    this.setNow(this.now() + ms)
  }

  /**
   * Back to the seed (clock included). Versions keep increasing across a reset, so clients that
   * only accept newer snapshots take the reset state.
   */
  reset(): void {
    const previous = this.state.customers
    this.state = stateFromSeed(this.seed, this.baseClock())
    for (const c of Object.values(this.state.customers)) {
      const before = previous[c.id]
      if (before) c.version = Math.max(c.version, before.version + 1)
    }
    this.idempotency.load({})
    this.views.clear()
    this.lastContent.clear()
    this.catalogJsonCache = undefined
    this.reindex()
    this.commit(this.customerIds())
  }

  private customer(id: string): CustomerRecord {
    const c = Object.hasOwn(this.state.customers, id) ? this.state.customers[id] : undefined
    if (!c) throw new ApiError(404, 'not_found', `unknown customer "${id}"`)
    return c
  }

  private reindex(): void {
    this.tokens = new Map()
    this.stripeCustomers = new Map()
    for (const c of Object.values(this.state.customers)) {
      this.tokens.set(c.token, c.id)
      if (c.stripeCustomerId) this.stripeCustomers.set(c.stripeCustomerId, c.id)
    }
    this.stripeEvents = new Set(this.state.stripeEventIds)
  }

  private rememberStripeEvent(id: string): void {
    this.stripeEvents.add(id)
    this.state.stripeEventIds.push(id)
    if (this.state.stripeEventIds.length > MAX_STRIPE_EVENT_IDS) {
      const dropped = this.state.stripeEventIds.shift()
      if (dropped !== undefined) this.stripeEvents.delete(dropped)
    }
  }

  /**
   * Makes a change durable (when persisting), then tells listeners. A failed save rolls the
   * in-memory state back to the last saved one, so nothing is acknowledged that would not survive
   * a restart.
   */
  private commit(changed: readonly string[]): void {
    if (this.persistence) {
      try {
        this.save()
      } catch (error) {
        this.rollback()
        throw new ApiError(
          500,
          'persistence_failed',
          `could not save state: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    }
    if (changed.length > 0) for (const listener of this.listeners) listener(changed)
  }

  private save(): void {
    this.state.idempotency = this.idempotency.toJSON()
    const persisted: PersistedState = { format: 'entitle-mock-state', formatVersion: 1, state: this.state }
    const json = JSON.stringify(persisted)
    this.persistence?.save(json)
    this.lastSaved = json
  }

  private rollback(): void {
    if (this.lastSaved === undefined) return
    const versions = new Map(Object.values(this.state.customers).map((c) => [c.id, c.version]))
    this.state = parsePersisted(this.lastSaved)
    // Versions already served stay behind us even when the change itself is undone.
    for (const c of Object.values(this.state.customers))
      c.version = Math.max(c.version, versions.get(c.id) ?? 0)
    this.idempotency.load(this.state.idempotency)
    this.views.clear()
    this.lastContent.clear()
    this.catalogJsonCache = undefined
    this.reindex()
  }
}
