// Shared test fixtures: the LogPilot catalog, customers built with the engine, unique ids (SQL
// stores are shared across tests, so every test uses customers of its own).
import {
  type CustomerState,
  type CustomerUsage,
  computeEntitlements,
  emptyCustomerState,
  initialVersionMark,
  planUsage,
  type UsageRequest,
  usageFingerprint,
} from '@entitle/core/engine'
import { logPilotCatalog } from '@entitle/core/sample'
import type { NewCustomer, Store, UsageWrite } from '../src/index.js'

export const catalog = logPilotCatalog
export const NOW = Date.parse('2026-03-15T12:00:00.000Z')
export const DAY = 86_400_000

let counter = 0
/** A customer id no other test uses (stores outlive a test). */
export function uniqueId(prefix = 'c'): string {
  counter += 1
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`
}

export function customer(
  id: string,
  state: Partial<CustomerState> = {},
  usage: CustomerUsage = {},
  now = NOW,
): NewCustomer {
  const full = { ...emptyCustomerState(), ...state }
  return {
    id,
    stripeCustomerId: null,
    state: full,
    usage,
    mark: initialVersionMark(now, computeEntitlements(catalog, full, usage, now)),
  }
}

/** A usage write planned with the engine from the store's current record, as the server plans it. */
export async function planned(
  store: Store,
  customerId: string,
  request: UsageRequest,
  options: { key?: string; now?: number; ttlMs?: number } = {},
): Promise<UsageWrite> {
  const now = options.now ?? NOW
  const record = await store.getCustomer(customerId)
  if (!record) throw new Error(`no customer ${customerId}`)
  const computed = computeEntitlements(catalog, record.state, record.usage, now)
  return {
    customerId,
    revision: record.revision,
    plan: planUsage(catalog, computed.entitlements, request, now),
    now,
    validUntil: Number.isFinite(computed.nextChangeAt) ? computed.nextChangeAt : null,
    ...(options.key === undefined
      ? {}
      : {
          idempotency: {
            key: options.key,
            fingerprint: usageFingerprint(request),
            expiredBefore: now - (options.ttlMs ?? DAY),
          },
        }),
  }
}
