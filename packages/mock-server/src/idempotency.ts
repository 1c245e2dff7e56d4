import type { IdempotencyRecord } from './state.js'

/** How long a key is remembered, and how many keys per customer at most. */
export interface IdempotencyOptions {
  /** Default 24 h (mock clock). */
  ttlMs?: number
  /** Default 10,000: the oldest keys are forgotten first. */
  maxKeysPerCustomer?: number
}

/** The identity of a usage report that a replay with the same key must match. */
export function usageFingerprint(feature: string, amount: number): string {
  return JSON.stringify([feature, amount])
}

/**
 * Remembered responses of idempotent requests, per customer. Maps keep insertion order (objects
 * would reorder integer-like keys), so eviction of the oldest key is O(1).
 */
export class IdempotencyStore {
  private readonly byCustomer = new Map<string, Map<string, IdempotencyRecord>>()
  private readonly ttlMs: number
  private readonly maxKeys: number

  constructor(options: IdempotencyOptions = {}) {
    this.ttlMs = options.ttlMs ?? 86_400_000
    this.maxKeys = options.maxKeysPerCustomer ?? 10_000
  }

  /** The record of `key`, unless it has expired. */
  get(customerId: string, key: string, now: number): IdempotencyRecord | undefined {
    const records = this.byCustomer.get(customerId)
    const record = records?.get(key)
    if (!record) return undefined
    if (now - record.at >= this.ttlMs) {
      records?.delete(key)
      return undefined
    }
    return record
  }

  set(customerId: string, key: string, record: IdempotencyRecord): void {
    let records = this.byCustomer.get(customerId)
    if (!records) {
      records = new Map()
      this.byCustomer.set(customerId, records)
    }
    records.set(key, record)
    while (records.size > this.maxKeys) {
      const oldest = records.keys().next()
      if (oldest.done) break
      records.delete(oldest.value)
    }
  }

  /** The persisted form: customer id → [key, record] pairs, oldest first. */
  toJSON(): Record<string, [string, IdempotencyRecord][]> {
    const out: Record<string, [string, IdempotencyRecord][]> = {}
    for (const [customerId, records] of this.byCustomer) out[customerId] = [...records]
    return out
  }

  /** Replaces the contents with a persisted form. */
  load(json: Record<string, [string, IdempotencyRecord][]>): void {
    this.byCustomer.clear()
    for (const [customerId, entries] of Object.entries(json))
      this.byCustomer.set(customerId, new Map(entries))
  }
}
