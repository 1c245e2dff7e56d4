// Subscription rules: plan changes, add-ons, trials. Pure: each returns the customer's next state
// (a new object) or throws `RuleError`, and the caller stores it.
import type { Catalog } from '../types.js'
import { indexCatalog, isSoldWith } from './catalogIndex.js'
import type { CustomerState } from './customerState.js'
import { currentPeriodEnd, effectiveState, withTerms } from './lifecycle.js'
import { RuleError } from './ruleError.js'

const DAY_MS = 86_400_000

/** `PUT /v1/customers/:id/subscription`: a plan (with add-ons), or a plan's free trial. */
export interface SubscriptionChange {
  planId: string
  /** The add-ons to hold with the plan (replaces them). Omitted: keep the owned ones sold with the new plan. */
  addons?: readonly string[] | undefined
  /** Start `planId`'s trial on top of the current plan instead of subscribing to it. */
  trial?: boolean | undefined
  /**
   * `'now'` (default) or `'period_end'`: schedule the change for the end of the current billing period
   * (a downgrade keeps what was paid for until then). An immediate change cancels a scheduled one.
   */
  at?: 'now' | 'period_end' | undefined
}

/**
 * The state after a subscription change at `now`:
 * - without `trial`: subscribe to `planId` with `addons` (omitted = keep the current add-ons sold with
 *   the new plan; `[]` removes them); every add-on must exist and be sold with the plan; a running
 *   trial ends (the customer bought a plan);
 * - with `trial: true`: start `planId`'s trial (`trialDays` long) on top of the current plan, once per
 *   plan; not for the plan already paid for, not for a plan without a trial, never with add-ons.
 */
export function changeSubscription(
  catalog: Catalog,
  stored: CustomerState,
  change: SubscriptionChange,
  now: number,
): CustomerState {
  const index = indexCatalog(catalog)
  const state = effectiveState(catalog, stored, now)
  const plan = index.plans.get(change.planId)
  if (plan === undefined) throw new RuleError('unknown_plan', `planId: unknown plan "${change.planId}"`)
  if (change.trial === true) {
    if (change.at === 'period_end')
      throw new RuleError('invalid_request', 'at: a trial starts now; schedule only plan changes')
    if (change.addons !== undefined && change.addons.length > 0)
      throw new RuleError('invalid_request', 'addons: a trial cannot include add-ons; buy them with the plan')
    if (plan.trialDays <= 0) throw new RuleError('trial_not_available', `plan "${plan.id}" has no trial`)
    if (state.planId === plan.id)
      throw new RuleError('trial_not_available', `the customer already subscribes to "${plan.id}"`)
    if (state.trialsUsed.includes(plan.id))
      throw new RuleError('trial_already_used', `the customer already had the "${plan.id}" trial`)
    return {
      ...state,
      trial: { planId: plan.id, endsAt: now + plan.trialDays * DAY_MS },
      trialsUsed: [...state.trialsUsed, plan.id],
    }
  }
  const addons =
    change.addons ??
    state.addons.filter((id) => {
      const addon = index.addons.get(id)
      return addon !== undefined && isSoldWith(addon, plan)
    })
  for (const id of addons) {
    const addon = index.addons.get(id)
    if (addon === undefined) throw new RuleError('unknown_addon', `addons: unknown add-on "${id}"`)
    if (!isSoldWith(addon, plan))
      throw new RuleError('addon_not_available', `addons: "${id}" is not available for plan "${plan.id}"`)
  }
  if (change.at === 'period_end') {
    const at = currentPeriodEnd(catalog, state, now)
    if (at === null)
      throw new RuleError(
        'invalid_request',
        'at: the current plan has no billing period to end; change it now',
      )
    return {
      ...state,
      billing: { ...state.billing, scheduledChange: { at, planId: plan.id, addons: [...new Set(addons)] } },
    }
  }
  return withTerms(catalog, {
    ...state,
    planId: plan.id,
    addons: [...new Set(addons)],
    trial: null,
    billing: { ...state.billing, scheduledChange: null },
  })
}
