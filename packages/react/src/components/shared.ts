'use client'
import type { Decision, Feature } from '@entitle/core'
import { useCatalog } from '../useCatalog.js'
import type { UpsellReason } from './i18n.js'

/** Joins class names, skipping empty ones. */
export function cx(...names: (string | undefined | false)[]): string {
  return names.filter(Boolean).join(' ')
}

/** The catalog's entry for a feature (name, unit), once the catalog is loaded. */
export function useFeature(feature: string): Feature | undefined {
  return useCatalog().catalog?.features.find((f) => f.id === feature)
}

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

/** Why a denied (or soft-exceeded) decision should upsell, telling an ended trial apart. */
export function upsellReasonOf(
  decision: Decision,
  trialEndsAt: string | null | undefined,
  now: number,
): UpsellReason {
  const trialOver = trialEndsAt != null && Date.parse(trialEndsAt) <= now
  // A fallback decided: no data says what the plan has, so do not claim anything about it.
  if (decision.isFallback) return 'unavailable'
  if (decision.granted && decision.reason !== 'soft-limit-exceeded') return 'entitled'
  switch (decision.reason) {
    case 'limit-exceeded':
    case 'soft-limit-exceeded':
    case 'unknown-feature':
      return decision.reason
    case 'expired':
      return decision.source === 'trial' || trialOver ? 'trial-ended' : 'expired'
    default:
      return 'not-entitled'
  }
}
