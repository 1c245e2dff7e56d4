'use client'
import type { Decision, FeatureKey } from '@entitle/core'
import { type ReactNode, useId } from 'react'
import { useEntitlement } from '../../useEntitlement.js'
import { useUsageThresholds } from '../../useUsageThresholds.js'
import { type LocalizedProps, useFormatter } from '../i18n.js'
import type { IconName } from '../icons.js'
import { useFeature } from '../shared.js'
import { type MeterState, meterStateOf, STATE_ICON } from '../states.js'
import { useNow } from '../useNow.js'

/** Options of `useUsageMeter`. */
export interface UsageMeterOptions extends LocalizedProps {
  /** The meter's visible name. Default: the feature's name from the catalog, else its id. */
  label?: ReactNode
  /** Share of the limit (0–1) from which the meter shows the warning state. Default `0.8`. */
  warnAt?: number
  /**
   * Shares of the limit (0.8 = 80 %) whose crossing from below is reported to the client's `onEvent`
   * as `usage_threshold_crossed`, once per crossing (see `useUsageThresholds`). Default `[warnAt, 1]`.
   */
  thresholds?: readonly number[]
}

/** Everything a meter shows, computed once by `UsageMeter.Root` and read by its parts. */
export interface UsageMeterModel {
  decision: Decision
  state: MeterState
  /** The feature's name (catalog), or the `label` option. */
  label: ReactNode
  /** "3 of 5 seats", "3 seats used" (unlimited), or the status words when there are no numbers. */
  valueText: string
  /** "Almost at the limit", "Limit reached"…; empty in the normal state. */
  statusText: string
  /** "Resets in 4 days", or empty (also on the server and while hydrating: it depends on the clock). */
  resetsText: string
  /** Used share of the limit, 0–100 (capped), or `null` when unlimited or unknown. */
  percent: number | null
  /** Whether there are numbers to show (a limit, or unlimited usage). */
  hasNumbers: boolean
  /** The icon of the status line, when the state has one. */
  icon: IconName | undefined
  /** `role="meter"` and its aria values; `null` when there is no limit to measure against. */
  meterProps: {
    role: 'meter'
    'aria-valuemin': number
    'aria-valuemax': number
    'aria-valuenow': number
    'aria-valuetext': string
  } | null
  /** Ids that tie the parts together (the label names the track, the status describes it). */
  labelId: string
  statusId: string
}

/**
 * A metered feature's usage as a meter shows it: the decision (checked with `requested: 0`), its
 * state in the one vocabulary of limit states (`MeterState`), the texts and the aria values.
 */
export function useUsageMeter(feature: FeatureKey, options: UsageMeterOptions = {}): UsageMeterModel {
  const { label, warnAt = 0.8, thresholds, locale, messages } = options
  const decision = useEntitlement(feature, { requested: 0 })
  useUsageThresholds(feature, thresholds ?? [warnAt, 1])
  const info = useFeature(feature)
  const f = useFormatter({ locale, messages })
  const { t } = f
  const labelId = useId()
  const statusId = useId()
  const now = useNow()

  const state = meterStateOf(decision, warnAt)
  const { usage = 0, limit } = decision
  const hasLimit = state !== 'unavailable' && typeof limit === 'number'
  const numbers = f.usage(usage, limit ?? null, info?.unit)
  const statusText = {
    loading: t.loading,
    normal: decision.isStale ? t.stale : '',
    warning: t.meterWarning,
    exceeded: usage > (limit ?? 0) ? t.meterOverLimit : t.meterAtLimit,
    'over-soft-limit': t.meterOverSoftLimit,
    unlimited: t.meterUnlimited,
    'not-entitled': t.meterNotEntitled,
    unavailable: t.meterUnavailable,
  }[state]
  const hasNumbers = hasLimit || state === 'unlimited'
  const valueText = hasLimit
    ? t.usage(numbers)
    : state === 'unlimited'
      ? t.usageUnlimited(numbers)
      : statusText
  return {
    decision,
    state,
    label: label ?? info?.name ?? feature,
    valueText,
    statusText,
    resetsText:
      decision.resetsAt && hasNumbers && now !== null ? t.resets(f.relative(decision.resetsAt, now)) : '',
    percent: hasLimit ? (limit > 0 ? Math.min(100, (usage / limit) * 100) : 100) : null,
    hasNumbers,
    icon: STATE_ICON[state],
    meterProps: hasLimit
      ? {
          role: 'meter',
          'aria-valuemin': 0,
          'aria-valuemax': limit,
          'aria-valuenow': Math.min(usage, limit),
          'aria-valuetext': valueText,
        }
      : null,
    labelId,
    statusId,
  }
}
