// The one interface every store implements (memory, PGlite, PostgreSQL), held to one contract
// suite (test/storeContract.ts). Stores keep data and make writes atomic; they never decide a rule:
// the server plans every change with the engine (`@entitle/core/engine`) and the store applies it.
import type {
  CustomerState,
  CustomerUsage,
  UsageOutcome,
  UsagePlan,
  UsageResponse,
  VersionMark,
} from '@entitle/core/engine'

/** One customer as a store holds it. */
export interface CustomerRecord {
  id: string
  /** Stripe customer id (`cus_…`) that webhooks address; unique across customers. `null`: none. */
  stripeCustomerId: string | null
  state: CustomerState
  usage: CustomerUsage
  /**
   * Increases whenever `state` changes (never for usage alone). A usage plan made from one revision
   * is applied only while the customer is still at it: the limit it carries was computed from it.
   */
  revision: number
  /** The snapshot version, and how long its content holds. */
  mark: VersionMark
}

/** A new customer. */
export interface NewCustomer {
  id: string
  stripeCustomerId: string | null
  state: CustomerState
  usage: CustomerUsage
  mark: VersionMark
}

/** A usage report to apply atomically. */
export interface UsageWrite {
  customerId: string
  /** The revision `plan` was made from. */
  revision: number
  plan: UsagePlan
  /** Epoch ms of the write (the server's clock). */
  now: number
  /** `validUntil` of the version this write creates (the content's next change by itself). */
  validUntil: number | null
  idempotency?: {
    key: string
    /** `usageFingerprint` of the request: what a replay must match. */
    fingerprint: string
    /** A stored key older than this (epoch ms) is forgotten: the report counts as new. */
    expiredBefore: number
  }
}

/** What a usage write did. */
export type UsageWriteResult =
  /** The customer is gone or its state moved on since the plan was made: plan again from a fresh read. */
  | { kind: 'stale' }
  /** The key was used before: its first answer, and the fingerprint of the request it answered. */
  | { kind: 'replay'; fingerprint: string; response: UsageResponse }
  /** Applied (or refused by the limit); `version` is the customer's version after it. */
  | { kind: 'done'; outcome: UsageOutcome; version: number; response: UsageResponse }

/** A state change decided by the engine: the next state and version mark, or `null` for no change. */
export type StateUpdate = (record: CustomerRecord) => { state: CustomerState; mark: VersionMark } | null

/**
 * A change a store announces: the customer, its version and revision after it (a usage write keeps
 * the revision; a state change, creation or deletion moves it). `resync`: notices may have been
 * missed (a lost database connection), so anything cached must be read again.
 */
export type StoreEvent =
  | { type: 'changed'; customerId: string; version: number; revision: number }
  | { type: 'resync' }

export interface Store {
  /** A short name for logs and errors (`memory`, `pglite`, `postgres`). */
  readonly kind: string
  /**
   * Whether `subscribe` currently hears every committed change, including other processes' (a SQL
   * store's listening connection is up). The server caches snapshots only while it is `true`.
   */
  readonly notifying: boolean
  /**
   * Other processes write to this store too (a PostgreSQL database shared by instances). The server
   * then also re-checks what it caches against the store every few seconds, so a notice lost with a
   * crashed instance cannot keep a stale snapshot for long.
   */
  readonly shared: boolean
  /** Prepares the store (schema migrations for SQL stores). Called once by the server before serving. */
  init(): Promise<void>
  /** The customer, or `undefined`. Always the store's current data (no cache in front). */
  getCustomer(id: string): Promise<CustomerRecord | undefined>
  /** The customer id a Stripe customer id maps to. */
  customerIdForStripe(stripeCustomerId: string): Promise<string | undefined>
  /** Every customer id, sorted. */
  listCustomerIds(): Promise<string[]>
  /** Creates the customer unless the id exists. Resolves `false` (and changes nothing) when it does. */
  createCustomer(customer: NewCustomer): Promise<boolean>
  /** Deletes the customer with its usage and idempotency keys. Resolves `false` when there was none. */
  deleteCustomer(id: string): Promise<boolean>
  /**
   * Runs `update` on the customer under the store's lock and stores its result (state, mark,
   * revision + 1) atomically. `update` may throw (nothing changes) or return `null` (no change).
   * Resolves the record after the update, or `undefined` for an unknown customer.
   */
  updateCustomer(id: string, update: StateUpdate): Promise<CustomerRecord | undefined>
  /**
   * Replaces the version mark when the customer is still at `expectedVersion` (time changed its
   * content). Resolves `false` when another writer got there first: read again.
   */
  replaceMark(id: string, expectedVersion: number, mark: VersionMark): Promise<boolean>
  /** Applies a usage report atomically: idempotency key, limit and version in one step. */
  recordUsage(write: UsageWrite): Promise<UsageWriteResult>
  /** The version and revision of each of these customers that exists (one read, for cache checks). */
  versionsOf(ids: readonly string[]): Promise<Map<string, { version: number; revision: number }>>
  /** Deletes idempotency keys stored before `before` (epoch ms). Resolves how many. */
  pruneIdempotencyKeys(before: number): Promise<number>
  /** A small named value (server settings such as a development clock). */
  readMeta(key: string): Promise<unknown>
  writeMeta(key: string, value: unknown): Promise<void>
  /**
   * Listens to committed changes, from this process and (SQL stores) from every other process on
   * the same database. Returns an unsubscribe function.
   */
  subscribe(listener: (event: StoreEvent) => void): () => void
  /** Releases connections and listeners. */
  close(): Promise<void>
}
