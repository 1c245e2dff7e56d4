// The in-memory store: tests, MSW, the browser, development. Every operation runs to completion
// synchronously inside one call, so concurrent requests cannot interleave inside a write: that is
// what makes its limits and idempotency atomic. Nothing survives the process.
import {
  applyUsage,
  setOwn,
  type UsageResponse,
  usageRecordAfter,
  usageRecordOf,
  usageResponse,
} from '@entitle/core/engine'
import type {
  CustomerRecord,
  NewCustomer,
  StateUpdate,
  Store,
  StoreEvent,
  UsageWrite,
  UsageWriteResult,
} from './types.js'

export interface MemoryStoreOptions {
  /** Most idempotency keys kept per customer; the oldest go first. Default 10,000. */
  maxKeysPerCustomer?: number
}

interface StoredKey {
  fingerprint: string
  response: UsageResponse
  at: number
}

// Records are handed out as copies: a caller that mutates one cannot change the store.
const copy = <T>(value: T): T => structuredClone(value)

/** A store in this process's memory. */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  const maxKeys = options.maxKeysPerCustomer ?? 10_000
  const customers = new Map<string, CustomerRecord>()
  const byStripeId = new Map<string, string>()
  // Maps keep insertion order, so evicting the oldest key is O(1).
  const keys = new Map<string, Map<string, StoredKey>>()
  const meta = new Map<string, unknown>()
  const listeners = new Set<(event: StoreEvent) => void>()

  const emit = (customerId: string, version: number, revision: number): void => {
    for (const listener of listeners) listener({ type: 'changed', customerId, version, revision })
  }

  return {
    kind: 'memory',
    notifying: true,
    shared: false,
    async init() {},
    async getCustomer(id) {
      const record = customers.get(id)
      return record === undefined ? undefined : copy(record)
    },
    async customerIdForStripe(stripeCustomerId) {
      return byStripeId.get(stripeCustomerId)
    },
    async listCustomerIds() {
      return [...customers.keys()].sort()
    },
    async createCustomer(customer: NewCustomer) {
      if (customers.has(customer.id)) return false
      if (customer.stripeCustomerId !== null && byStripeId.has(customer.stripeCustomerId)) {
        throw new Error(
          `Stripe customer id "${customer.stripeCustomerId}" already belongs to another customer`,
        )
      }
      customers.set(customer.id, { ...copy(customer), revision: 1 })
      if (customer.stripeCustomerId !== null) byStripeId.set(customer.stripeCustomerId, customer.id)
      emit(customer.id, customer.mark.version, 1)
      return true
    },
    async deleteCustomer(id) {
      const record = customers.get(id)
      if (record === undefined) return false
      customers.delete(id)
      keys.delete(id)
      if (record.stripeCustomerId !== null) byStripeId.delete(record.stripeCustomerId)
      emit(id, record.mark.version + 1, record.revision + 1)
      return true
    },
    async updateCustomer(id, update: StateUpdate) {
      const record = customers.get(id)
      if (record === undefined) return undefined
      const next = update(copy(record))
      if (next === null) return copy(record)
      record.state = copy(next.state)
      record.mark = { ...next.mark }
      record.revision += 1
      emit(id, record.mark.version, record.revision)
      return copy(record)
    },
    async replaceMark(id, expectedVersion, mark) {
      const record = customers.get(id)
      if (record === undefined || record.mark.version !== expectedVersion) return false
      record.mark = { ...mark }
      emit(id, mark.version, record.revision)
      return true
    },
    async recordUsage(write: UsageWrite): Promise<UsageWriteResult> {
      const record = customers.get(write.customerId)
      if (record === undefined || record.revision !== write.revision) return { kind: 'stale' }
      const idempotency = write.idempotency
      const customerKeys = keys.get(write.customerId)
      if (idempotency !== undefined) {
        const stored = customerKeys?.get(idempotency.key)
        if (stored !== undefined && stored.at >= idempotency.expiredBefore) {
          return { kind: 'replay', fingerprint: stored.fingerprint, response: stored.response }
        }
      }
      const { plan } = write
      const outcome = applyUsage(plan, usageRecordOf(record.usage, plan.feature))
      if (outcome.status === 'applied') {
        setOwn(record.usage, plan.feature, usageRecordAfter(plan, outcome))
        record.mark = {
          version: record.mark.version + 1,
          versionAt: Math.max(record.mark.versionAt, write.now),
          validUntil: write.validUntil,
        }
      }
      const response = usageResponse(plan, outcome, record.mark.version)
      if (idempotency !== undefined) {
        const map = customerKeys ?? new Map<string, StoredKey>()
        if (customerKeys === undefined) keys.set(write.customerId, map)
        map.delete(idempotency.key)
        map.set(idempotency.key, { fingerprint: idempotency.fingerprint, response, at: write.now })
        while (map.size > maxKeys) {
          const oldest = map.keys().next()
          if (oldest.done) break
          map.delete(oldest.value)
        }
      }
      if (outcome.status === 'applied') emit(write.customerId, record.mark.version, record.revision)
      return { kind: 'done', outcome, version: record.mark.version, response }
    },
    async versionsOf(ids) {
      const out = new Map<string, { version: number; revision: number }>()
      for (const id of ids) {
        const record = customers.get(id)
        if (record) out.set(id, { version: record.mark.version, revision: record.revision })
      }
      return out
    },
    async pruneIdempotencyKeys(before) {
      let pruned = 0
      for (const map of keys.values()) {
        for (const [key, stored] of map) {
          if (stored.at < before) {
            map.delete(key)
            pruned += 1
          }
        }
      }
      return pruned
    },
    async readMeta(key) {
      return copy(meta.get(key))
    },
    async writeMeta(key, value) {
      meta.set(key, copy(value))
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    async close() {
      listeners.clear()
    },
  }
}
