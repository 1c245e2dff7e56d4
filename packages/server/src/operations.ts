// What the server does, as plain async functions over the store, the views and the engine: the HTTP
// routes and the JavaScript API (`server.reportUsage`, `server.admin.*`) both call these, so a
// change made either way follows the same rules and reaches the same streams.
import {
  type Catalog,
  type CustomerState,
  checkReplay,
  computeEntitlements,
  type EntitlementsSnapshot,
  IDEMPOTENCY_TTL_MS,
  nextVersionMark,
  planUsage,
  RuleError,
  snapshotInstant,
  type UsageRequest,
  type UsageResponse,
  usageFingerprint,
} from '@entitle/core/engine'
import { ApiError } from './http/errors.js'
import type { CustomerRecord, NewCustomer, Store } from './store/types.js'
import type { CustomerView, CustomerViews } from './views.js'

/** A usage answer, and whether it repeats an earlier one (same idempotency key). */
export interface UsageAnswer extends UsageResponse {
  replayed: boolean
}

export interface OperationsOptions {
  store: Store
  views: CustomerViews
  catalog: Catalog
  clock: () => number
  /** How long idempotency keys are remembered, ms. */
  idempotencyTtlMs?: number
  /** Called after each usage write (the server prunes expired keys from there). */
  afterWrite?: () => void
}

/** How often a write is planned again after the customer's state moved under it. */
const MAX_PLAN_ATTEMPTS = 5

export type Operations = ReturnType<typeof createOperations>

const notFound = (customerId: string): RuleError =>
  new RuleError('not_found', `unknown customer "${customerId}"`)

export function createOperations(options: OperationsOptions) {
  const { store, views, catalog, clock } = options
  const ttl = options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS

  /** The current view, or a 404. */
  async function view(customerId: string): Promise<CustomerView> {
    const current = await views.view(customerId)
    if (current === undefined) throw notFound(customerId)
    return current
  }

  /** The customer's snapshot now, or `undefined`. */
  async function getSnapshot(customerId: string): Promise<EntitlementsSnapshot | undefined> {
    return (await views.view(customerId))?.snapshot(clock())
  }

  /** Records usage (see `planUsage`, `applyUsage`): atomic in the store, idempotent with a key. */
  async function reportUsage(
    customerId: string,
    request: UsageRequest,
    idempotencyKey?: string,
  ): Promise<UsageAnswer> {
    for (let attempt = 0; attempt < MAX_PLAN_ATTEMPTS; attempt++) {
      const basis = await views.basis(customerId)
      if (basis === undefined) throw notFound(customerId)
      const now = clock()
      const plan = planUsage(catalog, basis.computed.entitlements, request, now)
      const validUntil = Number.isFinite(basis.computed.nextChangeAt) ? basis.computed.nextChangeAt : null
      const result = await views.ownWrite(
        customerId,
        () =>
          store.recordUsage({
            customerId,
            revision: basis.record.revision,
            plan,
            now,
            validUntil,
            ...(idempotencyKey === undefined
              ? {}
              : {
                  idempotency: {
                    key: idempotencyKey,
                    fingerprint: usageFingerprint(request),
                    expiredBefore: now - ttl,
                  },
                }),
          }),
        (written) => {
          if (written.kind === 'done')
            views.afterUsage(customerId, plan, written.outcome, written.version, now, validUntil)
        },
      )
      if (result.kind === 'stale') {
        views.forget(customerId)
        continue
      }
      options.afterWrite?.()
      if (result.kind === 'replay') {
        checkReplay(result.fingerprint, request, idempotencyKey ?? '')
        return { ...result.response, replayed: true }
      }
      return { ...result.response, replayed: false }
    }
    throw new ApiError(
      503,
      'service_unavailable',
      `customer "${customerId}" changed too often to take usage; retry`,
      {
        'retry-after': '1',
      },
    )
  }

  /**
   * Changes a customer's state with an engine rule, atomically in the store. `change` gets the state
   * and the instant; it returns the next state, or `null` for "no change". Resolves the new view.
   */
  async function updateState(
    customerId: string,
    change: (state: CustomerState, now: number) => CustomerState | null,
  ): Promise<CustomerView> {
    const record = await views.ownWrite(
      customerId,
      () =>
        store.updateCustomer(customerId, (current: CustomerRecord) => {
          const now = clock()
          const state = change(current.state, now)
          if (state === null) return null
          const at = snapshotInstant(current.mark, now)
          const computed = computeEntitlements(catalog, state, current.usage, at)
          return { state, mark: nextVersionMark(current.mark, at, computed) }
        }),
      (updated) => {
        if (updated !== undefined) views.afterUpdate(updated)
      },
    )
    if (record === undefined) throw notFound(customerId)
    return view(customerId)
  }

  /**
   * Creates or deletes a customer in the store, and forgets what this process cached of it at once
   * (other processes hear of it through the store's notice).
   */
  async function createCustomer(customer: NewCustomer): Promise<boolean> {
    const created = await store.createCustomer(customer)
    views.forget(customer.id)
    return created
  }

  async function deleteCustomer(customerId: string): Promise<boolean> {
    const deleted = await store.deleteCustomer(customerId)
    views.forget(customerId)
    return deleted
  }

  return { view, getSnapshot, reportUsage, updateState, createCustomer, deleteCustomer }
}
