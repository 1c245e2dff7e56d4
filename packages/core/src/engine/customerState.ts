// What a backend stores about one customer, as plain JSON-safe data (instants are epoch ms). The
// rules read and produce it; stores keep it (a JSON column, a Map) without looking inside.
import type { Grant, ResetPeriod } from '../types.js'

/** A grant of one feature that may end: a promotion. */
export interface TimedGrant {
  feature: string
  grant: Grant
  /** Epoch ms at which it ends; `null` = never. */
  endsAt: number | null
}

/** Replaces whatever the other sources grant for its feature; `grant: null` revokes the feature. */
export interface OverrideGrant {
  feature: string
  grant: Grant | null
  /** Epoch ms at which it ends; `null` = never. */
  endsAt: number | null
}

/** The last Stripe summary applied: events order by `created`, then by `id` (see `applyStripeSummary`). */
export interface StripeEventMark {
  /** Event `created`, epoch seconds. */
  created: number
  id: string
}

/** A customer's subscription and the other sources of their entitlements. */
export interface CustomerState {
  /** The plan paid for; `null` = none. */
  planId: string | null
  /** Add-on ids, in the order bought. They count only while sold with `planId`. */
  addons: string[]
  /** A trial of another plan on top of `planId`: its grants end at `endsAt`. */
  trial: { planId: string; endsAt: number } | null
  /** Plans whose trial this customer has started (each plan's trial is offered once). */
  trialsUsed: string[]
  promotions: TimedGrant[]
  overrides: OverrideGrant[]
  /** Feature ids Stripe grants (lookup keys of the last applied summary), and that summary. */
  stripe: { features: string[]; lastEvent: StripeEventMark | null }
  /** The subscription's lifecycle (see lifecycle.ts). Absent: nothing scheduled, nothing overdue. */
  billing?: BillingState
  /**
   * The terms the customer bought: the plan's version and grants when they subscribed. While the
   * catalog's plan has another version, these grants apply (grandfathering). Absent: the catalog's.
   */
  planTerms?: PlanTerms | null
}

/** Where the subscription's billing stands. */
export interface BillingState {
  /** A change that applies at `at` (epoch ms): a downgrade at period end; `planId: null` cancels. */
  scheduledChange?: { at: number; planId: string | null; addons: string[] } | null
  /** A failed payment: the plan and its add-ons stay until `graceEndsAt` (epoch ms), then go. */
  pastDue?: { since: number; graceEndsAt: number } | null
}

/** A plan as bought: its version and grants then. */
export interface PlanTerms {
  planId: string
  version: number
  grants: Record<string, Grant>
}

/** Usage of one meter in the period starting at `periodStart` of `period` (`null`: never resets). */
export interface UsageRecord {
  used: number
  period: ResetPeriod | null
  periodStart: number | null
}

/** Feature id → usage record. Read it through `Object.hasOwn` (ids come from requests). */
export type CustomerUsage = Record<string, UsageRecord>

/** A customer with nothing: no plan, no grants. */
export function emptyCustomerState(): CustomerState {
  return {
    planId: null,
    addons: [],
    trial: null,
    trialsUsed: [],
    promotions: [],
    overrides: [],
    stripe: { features: [], lastEvent: null },
  }
}

/** `usage[feature]` as an own property only. */
export function usageRecordOf(usage: CustomerUsage, feature: string): UsageRecord | undefined {
  return Object.hasOwn(usage, feature) ? usage[feature] : undefined
}

/**
 * `record[key] = value` as an own, enumerable property whatever `key` is: a plain assignment of
 * `'__proto__'` would set the object's prototype instead (feature ids come from requests).
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
}
