// Stripe's `entitlements.active_entitlement_summary.updated`: the features Stripe grants a customer.
// An applied summary replaces that set (other sources are untouched). Summaries are applied in the
// order of their `created` time, ties broken by event id, so a late or duplicated delivery can
// never take the state back, whatever order the events arrive in.
import type { Catalog } from '../types.js'
import { indexCatalog } from './catalogIndex.js'
import type { CustomerState, StripeEventMark } from './customerState.js'

/** A verified, complete summary event, reduced to what the rules need. */
export interface StripeSummary {
  eventId: string
  /** Event `created`, epoch seconds. */
  created: number
  /** The `lookup_key`s of the active entitlements: in Entitle, feature ids. */
  lookupKeys: readonly string[]
}

export type StripeSummaryResult =
  | { applied: true; state: CustomerState; unknownLookupKeys: string[] }
  | { applied: false; reason: 'older_than_applied' }

/** Whether event `a` comes after event `b`: later `created`, or the same second and a larger id. */
export function isLaterEvent(a: StripeEventMark, b: StripeEventMark | null): boolean {
  if (b === null) return true
  return a.created > b.created || (a.created === b.created && a.id > b.id)
}

/** The state after a summary, or why it is not applied. Lookup keys the catalog does not know are ignored. */
export function applyStripeSummary(
  catalog: Catalog,
  state: CustomerState,
  summary: StripeSummary,
): StripeSummaryResult {
  const mark = { created: summary.created, id: summary.eventId }
  if (!isLaterEvent(mark, state.stripe.lastEvent)) return { applied: false, reason: 'older_than_applied' }
  const features = indexCatalog(catalog).features
  const known = [...new Set(summary.lookupKeys.filter((key) => features.has(key)))]
  const unknownLookupKeys = summary.lookupKeys.filter((key) => !features.has(key))
  return {
    applied: true,
    state: { ...state, stripe: { features: known, lastEvent: mark } },
    unknownLookupKeys,
  }
}
