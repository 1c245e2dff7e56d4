// The states the components show, in one vocabulary, each derived from the `Decision` once: how a
// meter stands (`MeterState`, the `data-state` of UsageMeter and LimitBanner), why a paywall upsells
// (`UpsellReason`, the paywall's `data-reason` and the key of its message tables), and how the two
// map onto each other. Tables are `Record`s over the core's `DecisionReason`, so a reason added there
// is a compile error here until every component knows what to show for it.
import type { Decision, DecisionReason } from '@entitle/core'
import type { IconName } from './icons.js'

/**
 * How a meter stands: drives `data-state`, the status line and the banners. `exceeded`: a hard limit
 * reached (the next use is refused); `over-soft-limit`: past a soft limit, still working;
 * `unavailable`: no real numbers (decided by a fallback while the service is unreachable).
 */
export type MeterState =
  | 'loading'
  | 'normal'
  | 'warning'
  | 'exceeded'
  | 'over-soft-limit'
  | 'unlimited'
  | 'not-entitled'
  | 'unavailable'

/**
 * The limit states a banner shows: `warning` (near the limit), `over-soft-limit` (past a soft limit,
 * still allowed), `exceeded` (at or past a hard limit: blocked).
 */
export type LimitBannerState = Extract<MeterState, 'warning' | 'over-soft-limit' | 'exceeded'>

/**
 * Why a paywall or banner is shown: the decision's own reason (`not-entitled`, `limit-exceeded`,
 * `soft-limit-exceeded`, `expired`, `unknown-feature`; `entitled` when granted after all, e.g. a
 * standalone paywall after an upgrade), told apart where the customer needs it: `trial-ended` (an
 * expired trial) and `unavailable` (decided by a fallback: the service could not be reached).
 */
export type UpsellReason =
  | Exclude<DecisionReason, 'within-limit' | 'unlimited' | 'loading'>
  | 'trial-ended'
  | 'unavailable'

/** Reads a metered decision (checked with `requested: 0`). `warnAt` is a fraction of the limit. */
export function meterStateOf(decision: Decision, warnAt: number): MeterState {
  const { usage, limit } = decision
  if (decision.reason === 'loading') return 'loading'
  // A fallback's numbers are the app's guess, not the customer's usage: never show them as real.
  if (decision.isFallback) return 'unavailable'
  if (limit === null) return 'unlimited'
  if (usage === undefined || limit === undefined) return decision.granted ? 'unavailable' : 'not-entitled'
  // A soft limit never blocks: at it the meter only warns, past it it says "still working".
  if (decision.enforcement === 'soft' && usage >= limit) return usage > limit ? 'over-soft-limit' : 'warning'
  if (usage >= limit) return 'exceeded'
  return usage >= limit * warnAt ? 'warning' : 'normal'
}

const UPSELL: Record<DecisionReason, UpsellReason> = {
  entitled: 'entitled',
  'within-limit': 'entitled',
  unlimited: 'entitled',
  'soft-limit-exceeded': 'soft-limit-exceeded',
  'not-entitled': 'not-entitled',
  'limit-exceeded': 'limit-exceeded',
  expired: 'expired',
  'unknown-feature': 'unknown-feature',
  // No data yet: the paywall says what it would say without the feature, until the data arrives.
  loading: 'not-entitled',
}

/** Why a denied (or soft-exceeded) decision should upsell, telling an ended trial apart. */
export function upsellReasonOf(
  decision: Decision,
  trialEndsAt: string | null | undefined,
  now: number,
): UpsellReason {
  // A fallback decided: no data says what the plan has, so do not claim anything about it.
  if (decision.isFallback) return 'unavailable'
  const reason = UPSELL[decision.reason]
  return reason === 'expired' &&
    (decision.source === 'trial' || (trialEndsAt != null && Date.parse(trialEndsAt) <= now))
    ? 'trial-ended'
    : reason
}

/** Each upsell reason as a limit state: a paywall at a hard limit is `exceeded`, as the meter beside it. */
export const REASON_STATE: Record<UpsellReason, MeterState> = {
  entitled: 'normal',
  'soft-limit-exceeded': 'over-soft-limit',
  'limit-exceeded': 'exceeded',
  'not-entitled': 'not-entitled',
  expired: 'not-entitled',
  'trial-ended': 'not-entitled',
  'unknown-feature': 'not-entitled',
  unavailable: 'unavailable',
}

/** The icon of each limit state (meters, banners, the paywall's title): never colour alone. */
export const STATE_ICON: Record<MeterState, IconName | undefined> = {
  loading: undefined,
  normal: undefined,
  warning: 'warning',
  exceeded: 'blocked',
  'over-soft-limit': 'over',
  unlimited: 'infinity',
  'not-entitled': 'lock',
  unavailable: 'clock',
}
