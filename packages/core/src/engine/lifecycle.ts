// The subscription lifecycle: changes scheduled for the end of the billing period, failed payments
// with a grace period, and grandfathered plan terms. Time applies them: a scheduled change is in
// effect from its instant on, a grace period ends by itself; nothing needs a job to run.
import { nextPeriodStart } from '../periods.js'
import type { Catalog, Grant, Plan, SubscriptionInfo } from '../types.js'
import { indexCatalog } from './catalogIndex.js'
import type { CustomerState } from './customerState.js'
import { RuleError } from './ruleError.js'

const DAY_MS = 86_400_000
const toIso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString())

/**
 * When the current billing period ends: the start of the next calendar month (or year) in UTC for a
 * plan priced per month (or year), as every backend and client computes it; `null` for a plan with
 * no recurring price (free of interval, one-time, "contact us") or no plan.
 */
export function currentPeriodEnd(catalog: Catalog, state: CustomerState, now: number): number | null {
  const plan = state.planId === null ? undefined : indexCatalog(catalog).plans.get(state.planId)
  const interval = plan?.price?.interval
  if (interval === 'month' || interval === 'year') return nextPeriodStart(interval, now)
  return null
}

/** The state in effect at `now`: a scheduled change whose instant has come is applied. */
export function effectiveState(catalog: Catalog, state: CustomerState, now: number): CustomerState {
  const scheduled = state.billing?.scheduledChange
  if (!scheduled || scheduled.at > now) return state
  return withTerms(catalog, {
    ...state,
    planId: scheduled.planId,
    addons: [...scheduled.addons],
    billing: { ...state.billing, scheduledChange: null },
  })
}

/** The state with the plan's current terms recorded when the plan is versioned (and new to the customer). */
export function withTerms(catalog: Catalog, state: CustomerState): CustomerState {
  const plan = state.planId === null ? undefined : indexCatalog(catalog).plans.get(state.planId)
  if (plan === undefined || plan.version === undefined) return { ...state, planTerms: null }
  if (state.planTerms?.planId === plan.id) return state
  return { ...state, planTerms: { planId: plan.id, version: plan.version, grants: plan.grants } }
}

/** The grants a customer gets from their plan: the terms they bought while the catalog moved on. */
export function planGrantsFor(plan: Plan, state: CustomerState): Record<string, Grant> {
  const terms = state.planTerms
  if (terms && terms.planId === plan.id && plan.version !== undefined && terms.version !== plan.version)
    return terms.grants
  return plan.grants
}

/** Whether the plan (and its add-ons) grant nothing any more: a grace period that ended unpaid. */
export function isUnpaid(state: CustomerState, now: number): boolean {
  const pastDue = state.billing?.pastDue
  return pastDue != null && now >= pastDue.graceEndsAt
}

/** The next instant the lifecycle changes the content by itself (a scheduled change, a grace end). */
export function nextLifecycleChange(state: CustomerState, now: number): number {
  let next = Number.POSITIVE_INFINITY
  const at = state.billing?.scheduledChange?.at
  if (at !== undefined && at > now) next = at
  const grace = state.billing?.pastDue?.graceEndsAt
  if (grace !== undefined && grace > now && grace < next) next = grace
  return next
}

/** `EntitlementsSnapshot.subscription` of the (effective) state at `now`. */
export function subscriptionInfo(catalog: Catalog, state: CustomerState, now: number): SubscriptionInfo {
  const index = indexCatalog(catalog)
  const pastDue = state.billing?.pastDue ?? null
  const scheduled = state.billing?.scheduledChange ?? null
  const trialRuns = state.trial !== null && state.trial.endsAt > now
  const status: SubscriptionInfo['status'] =
    pastDue !== null
      ? now < pastDue.graceEndsAt
        ? 'past_due'
        : 'unpaid'
      : state.planId !== null
        ? 'active'
        : trialRuns
          ? 'trialing'
          : 'none'
  const named = (id: string) => {
    const addon = index.addons.get(id)
    return addon ? { id: addon.id, name: addon.name } : undefined
  }
  const scheduledPlan = scheduled?.planId ? index.plans.get(scheduled.planId) : undefined
  return {
    status,
    currentPeriodEnd: toIso(currentPeriodEnd(catalog, state, now)),
    graceEndsAt: toIso(pastDue?.graceEndsAt ?? null),
    scheduledChange:
      scheduled === null
        ? null
        : {
            at: new Date(scheduled.at).toISOString(),
            plan: scheduledPlan ? { id: scheduledPlan.id, name: scheduledPlan.name } : null,
            addons: scheduled.addons.map(named).filter((a) => a !== undefined),
          },
  }
}

/** A failed payment: the plan stays for `graceDays` (or until `graceEndsAt`), then its entitlements go. */
export function markPastDue(
  state: CustomerState,
  grace: { graceDays?: number; graceEndsAt?: number },
  now: number,
): CustomerState {
  if (state.planId === null)
    throw new RuleError('invalid_request', 'the customer has no plan to be past due on')
  const graceEndsAt = grace.graceEndsAt ?? now + (grace.graceDays ?? 7) * DAY_MS
  if (!Number.isFinite(graceEndsAt) || graceEndsAt <= now)
    throw new RuleError('invalid_request', 'graceEndsAt: must be an instant in the future')
  return { ...state, billing: { ...state.billing, pastDue: { since: now, graceEndsAt } } }
}

/** The payment went through: back to normal, whatever the grace period left. */
export function resolvePastDue(state: CustomerState): CustomerState {
  return { ...state, billing: { ...state.billing, pastDue: null } }
}
