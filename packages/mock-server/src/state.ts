// The mock server's whole state, as plain JSON-safe data: what `--state <file>` persists and what
// the admin reset rebuilds from the seed. Instants are epoch milliseconds on the mock clock.
import type { Catalog, Grant, ResetPeriod } from '@entitle/core'

/** A grant of one feature that may end: promotions and per-customer overrides. */
export interface TimedGrant {
  feature: string
  grant: Grant
  /** Epoch ms at which it ends; `null` = never. */
  endsAt: number | null
}

/** An override replaces whatever the other sources grant for its feature; `grant: null` revokes it. */
export interface OverrideGrant {
  feature: string
  grant: Grant | null
  endsAt: number | null
}

/** Usage of one meter in the period `periodStart` of `period` (`null` for meters that never reset). */
export interface UsageRecord {
  used: number
  period: ResetPeriod | null
  periodStart: number | null
}

/** One customer: subscription, other grants, usage and the snapshot version. */
export interface CustomerRecord {
  id: string
  /** Bearer token that reads and writes this customer (and nothing else). */
  token: string
  /** Stripe customer id (`cus_…`) that webhooks address. */
  stripeCustomerId: string | null
  planId: string | null
  addons: string[]
  /** A trial of another plan on top of `planId`; its grants end at `endsAt`. */
  trial: { planId: string; endsAt: number } | null
  /** Plans whose trial this customer has already started (a trial is offered once). */
  trialsUsed: string[]
  promotions: TimedGrant[]
  overrides: OverrideGrant[]
  /** Features granted through Stripe (lookup keys), replaced by each applied summary event. */
  stripe: { features: string[]; lastEventCreated: number | null }
  usage: Record<string, UsageRecord>
  /** Snapshot version; only ever increases. */
  version: number
}

/** A stored response of an idempotent usage report. */
export interface IdempotencyRecord {
  /** The request's identity (feature + amount) that a replay must match. */
  fingerprint: string
  status: number
  body: string
  /** Mock-clock instant it was recorded (for expiry). */
  at: number
}

export interface ServerState {
  catalog: Catalog
  environment: string
  /** Added to the injected clock: how far the admin API moved time. */
  clockOffsetMs: number
  customers: Record<string, CustomerRecord>
  /** customer id → [idempotency key, record] pairs, oldest first. */
  idempotency: Record<string, [string, IdempotencyRecord][]>
  /** Stripe event ids already processed, oldest first (bounded). */
  stripeEventIds: string[]
}

/** The file format of `--state`. */
export interface PersistedState {
  format: 'entitle-mock-state'
  formatVersion: 1
  state: ServerState
}

/**
 * Where the store keeps its state (a `PersistedState` as JSON) between restarts. `save` must be
 * durable when it returns: the server acknowledges a change only after it. Node hosts use
 * `fileStatePersistence` from `@entitle/mock-server/node`.
 */
export interface StatePersistence {
  /** The saved JSON, or `undefined` when nothing was saved yet. */
  load(): string | undefined
  save(json: string): void
}
