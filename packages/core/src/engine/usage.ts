// Usage rules: which reports are accepted, how a hard limit refuses, releases, periods, and the
// response a report gets (which an idempotent replay repeats).
import { periodStart } from '../periods.js'
import type { Catalog, Entitlement, MeteredEntitlement, ResetPeriod } from '../types.js'
import { indexCatalog } from './catalogIndex.js'
import type { UsageRecord } from './customerState.js'
import { RuleError } from './ruleError.js'

/** A usage report: `amount` units of `feature` (positive consumes, negative releases). */
export interface UsageRequest {
  feature: string
  amount: number
}

/**
 * What a report will do, decided from the customer's entitlements at an instant; a store applies it
 * atomically with `applyUsage` (or its SQL equivalent) against the usage it holds at that moment.
 */
export interface UsagePlan {
  feature: string
  amount: number
  /** The meter's reset period; a stored record of another period or period start counts as 0. */
  period: ResetPeriod | null
  /** Epoch ms the current period started (`null` for meters that never reset). */
  periodStart: number | null
  /**
   * The hard limit: a positive amount that would take usage past it is refused. `null`: nothing
   * refuses (soft limits warn, unlimited is unlimited, and releases are always accepted).
   */
  ceiling: number | null
  /** The entitlement at the instant planned (its `usage` is replaced by the outcome's); `null`: not entitled. */
  entitlement: MeteredEntitlement | null
}

/** The result of applying a plan. */
export type UsageOutcome =
  | { status: 'applied'; used: number }
  | { status: 'refused'; code: 'limit_exceeded' | 'not_entitled'; used: number }

/** The usage HTTP answer: what a report gets, and what a replay of its idempotency key gets again. */
export interface UsageResponse {
  status: 200 | 409
  body: string
}

/**
 * Decides what a usage report will do for a customer whose entitlements at `now` are `entitlements`
 * (`computeEntitlements(…).entitlements`). Throws `RuleError` for requests no state could accept
 * (400: unknown feature, not metered, amount not a non-zero integer, a release on a meter that
 * resets). A metered feature the customer is not entitled to is planned as a refusal (409
 * `not_entitled`), which an idempotency key remembers like any answer.
 */
export function planUsage(
  catalog: Catalog,
  entitlements: Readonly<Record<string, Entitlement>>,
  request: UsageRequest,
  now: number,
): UsagePlan {
  const { feature, amount } = request
  if (!Number.isSafeInteger(amount) || amount === 0) {
    throw new RuleError(
      'invalid_request',
      `amount: must be a non-zero safe integer (positive consumes, negative releases), got ${amount}`,
    )
  }
  const info = indexCatalog(catalog).features.get(feature)
  if (info === undefined) throw new RuleError('unknown_feature', `feature: unknown feature "${feature}"`)
  if (info.kind !== 'metered') {
    throw new RuleError(
      'not_metered',
      `feature: "${feature}" is a ${info.kind} feature; only metered features take usage`,
    )
  }
  const current = Object.hasOwn(entitlements, feature) ? entitlements[feature] : undefined
  if (current?.kind !== 'metered') {
    return { feature, amount, period: null, periodStart: null, ceiling: null, entitlement: null }
  }
  if (amount < 0 && current.resetPeriod !== null) {
    throw new RuleError(
      'invalid_request',
      `amount: negative amounts release usage and are only allowed for meters without a reset period ("${feature}" resets every ${current.resetPeriod})`,
    )
  }
  const period = current.resetPeriod
  return {
    feature,
    amount,
    period,
    periodStart: period === null ? null : periodStart(period, now),
    ceiling: current.enforcement === 'hard' ? current.limit : null,
    entitlement: current,
  }
}

/** The usage a stored record holds for `plan`'s period: 0 when it belongs to another period or meter shape. */
export function usedInPeriod(plan: UsagePlan, record: UsageRecord | undefined): number {
  if (record === undefined || record.period !== plan.period || record.periodStart !== plan.periodStart)
    return 0
  return record.used
}

/**
 * Applies a plan to the usage a store holds now: the atomic step, run under the store's lock. A
 * positive amount is refused when it would take usage past the hard ceiling (usage already past it
 * after a downgrade still accepts releases); usage never goes below 0. The SQL stores run the same
 * rule in one statement (`store/sql/usageFunction.ts` of @entitle/server); the store contract suite
 * holds them to the same answers.
 */
export function applyUsage(plan: UsagePlan, record: UsageRecord | undefined): UsageOutcome {
  const used = usedInPeriod(plan, record)
  if (plan.entitlement === null) return { status: 'refused', code: 'not_entitled', used }
  if (plan.amount > 0 && plan.ceiling !== null && used + plan.amount > plan.ceiling)
    return { status: 'refused', code: 'limit_exceeded', used }
  return { status: 'applied', used: Math.max(0, used + plan.amount) }
}

/** The record a store keeps after an applied outcome. */
export function usageRecordAfter(plan: UsagePlan, outcome: UsageOutcome): UsageRecord {
  return { used: outcome.used, period: plan.period, periodStart: plan.periodStart }
}

/** The response to a report: `{ entitlement, version }` (200), or the refusal (409). */
export function usageResponse(plan: UsagePlan, outcome: UsageOutcome, version: number): UsageResponse {
  if (outcome.status === 'applied' && plan.entitlement !== null) {
    return {
      status: 200,
      body: JSON.stringify({ entitlement: { ...plan.entitlement, usage: outcome.used }, version }),
    }
  }
  const error =
    outcome.status === 'refused' && outcome.code === 'limit_exceeded'
      ? new RuleError(
          'limit_exceeded',
          `"${plan.feature}": ${outcome.used} of ${plan.ceiling} used; ${plan.amount} more would exceed the hard limit`,
        )
      : new RuleError('not_entitled', `this customer is not entitled to "${plan.feature}"`)
  return { status: 409, body: error.toBody() }
}
