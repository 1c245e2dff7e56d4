// Management as JavaScript, for the app's own backend: seed, customers, subscriptions, promotions,
// overrides. The same operations are served over HTTP under `/v1/admin/…` only when an admin secret
// is configured (http/adminRoutes.ts). Every change goes through the engine's rules and the store's
// atomic writes, and reaches open event streams like any other.
import {
  type Catalog,
  type CustomerState,
  changeSubscription,
  clearOverride,
  computeEntitlements,
  type EntitlementsSnapshot,
  effectiveState,
  emptyCustomerState,
  endPromotions,
  type Grant,
  grantPromotion,
  initialVersionMark,
  markPastDue,
  RuleError,
  resolvePastDue,
  type SubscriptionChange,
  setOverride,
} from '@entitle/core/engine'
import { ApiError } from './http/errors.js'
import type { Operations } from './operations.js'
import { checkSeed, customersFromSeed, isCustomerId, type SeedData } from './seed.js'
import type { CustomerRecord, Store } from './store/types.js'

/** An instant: a `Date`, epoch ms, or an ISO-8601 string; `null` = never. */
export type InstantInput = Date | number | string | null

export interface CreateCustomerInput {
  /** 1-128 letters, digits and `_ . : @ -`. */
  id: string
  /** Default `null` (no plan). */
  planId?: string | null
  /** Add-ons sold with `planId`. Default none. */
  addons?: string[]
  /** Stripe customer id (`cus_…`) its webhooks name. Default `null`. */
  stripeCustomerId?: string | null
}

export interface SeedResult {
  /** Customers created. */
  created: string[]
  /** Customers that existed and were left as they are. */
  existing: string[]
}

export interface EntitlementsAdmin {
  /**
   * Applies a seed (the `--seed` file format): creates its customers that do not exist and leaves
   * the others as they are, so applying it again changes nothing. Its catalog, if it has one, must be
   * the server's.
   */
  seed(seed: SeedData | unknown): Promise<SeedResult>
  /**
   * Deletes every customer, then applies the seed; each customer's versions keep increasing, so
   * clients that kept a snapshot take the fresh one. For development servers.
   */
  reset(seed: SeedData | unknown): Promise<SeedResult>
  createCustomer(input: CreateCustomerInput): Promise<EntitlementsSnapshot>
  /** Deletes a customer with its usage and idempotency keys. Resolves `false` when there was none. */
  deleteCustomer(customerId: string): Promise<boolean>
  /** Every customer id, sorted. */
  listCustomers(): Promise<string[]>
  /** The stored record (state, usage, version), for inspection. */
  getCustomer(customerId: string): Promise<CustomerRecord | undefined>
  /** Subscribes to a plan (with add-ons) or starts a trial, as `PUT …/subscription` does. */
  changeSubscription(customerId: string, change: SubscriptionChange): Promise<EntitlementsSnapshot>
  /** Grants a promotion (`grant` defaults to boolean) until `endsAt`. */
  grantPromotion(
    customerId: string,
    promotion: { feature: string; grant?: Grant; endsAt: InstantInput },
  ): Promise<EntitlementsSnapshot>
  /** Ends every promotion of a feature. */
  endPromotions(customerId: string, feature: string): Promise<EntitlementsSnapshot>
  /** Overrides what the other sources grant for a feature (`grant: null` revokes it) until `endsAt`. */
  setOverride(
    customerId: string,
    override: { feature: string; grant: Grant | null; endsAt: InstantInput },
  ): Promise<EntitlementsSnapshot>
  /** Removes a feature's override. */
  clearOverride(customerId: string, feature: string): Promise<EntitlementsSnapshot>
  /**
   * A failed payment: the plan (and its add-ons) stay until `graceEndsAt` (default: in 7 days), then
   * their entitlements go; the snapshot says `past_due`, then `unpaid`.
   */
  markPastDue(
    customerId: string,
    grace?: { graceEndsAt?: InstantInput; graceDays?: number },
  ): Promise<EntitlementsSnapshot>
  /** The payment went through: back to normal. */
  resolvePastDue(customerId: string): Promise<EntitlementsSnapshot>
}

export function toInstant(value: InstantInput, field = 'endsAt'): number | null {
  if (value === null) return null
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
  if (!Number.isFinite(ms)) throw new RuleError('invalid_request', `${field}: not a valid instant`)
  return ms
}

export interface AdminOptions {
  store: Store
  catalog: Catalog
  operations: Operations
  clock: () => number
}

export function createAdmin({ store, catalog, operations, clock }: AdminOptions): EntitlementsAdmin {
  const snapshotOf = async (
    customerId: string,
    change: (state: CustomerState, now: number) => CustomerState | null,
  ) => (await operations.updateState(customerId, change)).snapshot(clock())

  const applySeed = async (
    input: unknown,
    previousVersions: ReadonlyMap<string, number>,
  ): Promise<SeedResult> => {
    if (typeof input === 'object' && input !== null && 'catalog' in input && input.catalog !== undefined) {
      if (JSON.stringify(input.catalog) !== JSON.stringify(catalog))
        throw new RuleError(
          'invalid_request',
          "seed.catalog: differs from the server's catalog (configure the catalog at start)",
        )
    }
    const seed = checkSeed(input, catalog)
    const result: SeedResult = { created: [], existing: [] }
    for (const { customer } of customersFromSeed(seed, clock())) {
      const previous = previousVersions.get(customer.id)
      const mark =
        previous === undefined || previous < customer.mark.version
          ? customer.mark
          : { ...customer.mark, version: previous + 1 }
      if (await operations.createCustomer({ ...customer, mark })) result.created.push(customer.id)
      else result.existing.push(customer.id)
    }
    return result
  }

  return {
    seed: (input) => applySeed(input, new Map()),
    async reset(input) {
      checkSeed(input, catalog)
      const versions = new Map<string, number>()
      for (const id of await store.listCustomerIds()) {
        const record = await store.getCustomer(id)
        if (record) versions.set(id, record.mark.version)
        await operations.deleteCustomer(id)
      }
      return applySeed(input, versions)
    },
    async createCustomer(input) {
      if (!isCustomerId(input.id))
        throw new RuleError('invalid_request', 'id: must be 1-128 letters, digits or _ . : @ -')
      const now = clock()
      const empty = emptyCustomerState()
      const state =
        input.planId === undefined || input.planId === null
          ? empty
          : changeSubscription(catalog, empty, { planId: input.planId, addons: input.addons ?? [] }, now)
      const computed = computeEntitlements(catalog, state, {}, now)
      const created = await operations.createCustomer({
        id: input.id,
        stripeCustomerId: input.stripeCustomerId ?? null,
        state,
        usage: {},
        mark: initialVersionMark(now, computed),
      })
      if (!created) throw new ApiError(409, 'customer_exists', `customer "${input.id}" already exists`)
      return (await operations.view(input.id)).snapshot(clock())
    },
    deleteCustomer: (customerId) => operations.deleteCustomer(customerId),
    listCustomers: () => store.listCustomerIds(),
    getCustomer: (customerId) => store.getCustomer(customerId),
    changeSubscription: (customerId, change) =>
      snapshotOf(customerId, (state, now) => changeSubscription(catalog, state, change, now)),
    grantPromotion: (customerId, promotion) =>
      snapshotOf(customerId, (state, now) =>
        grantPromotion(
          catalog,
          state,
          { feature: promotion.feature, grant: promotion.grant, endsAt: toInstant(promotion.endsAt) },
          now,
        ),
      ),
    endPromotions: (customerId, feature) => snapshotOf(customerId, (state) => endPromotions(state, feature)),
    setOverride: (customerId, override) =>
      snapshotOf(customerId, (state, now) =>
        setOverride(
          catalog,
          state,
          { feature: override.feature, grant: override.grant, endsAt: toInstant(override.endsAt) },
          now,
        ),
      ),
    clearOverride: (customerId, feature) => snapshotOf(customerId, (state) => clearOverride(state, feature)),
    markPastDue: (customerId, grace = {}) =>
      snapshotOf(customerId, (state, now) =>
        markPastDue(
          effectiveState(catalog, state, now),
          {
            ...(grace.graceDays === undefined ? {} : { graceDays: grace.graceDays }),
            ...(grace.graceEndsAt === undefined || grace.graceEndsAt === null
              ? {}
              : { graceEndsAt: toInstant(grace.graceEndsAt, 'graceEndsAt') ?? undefined }),
          },
          now,
        ),
      ),
    resolvePastDue: (customerId) => snapshotOf(customerId, (state) => resolvePastDue(state)),
  }
}
