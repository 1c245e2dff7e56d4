'use client'
import type { Decision, FeatureKey } from '@entitle/core'
import { type CSSProperties, forwardRef, type HTMLAttributes, type ReactNode, useId } from 'react'
import { useEntitlement } from '../useEntitlement.js'
import { type LocalizedProps, useFormatter } from './i18n.js'
import { Icon, type IconName } from './icons.js'
import { cx, type MeterState, meterStateOf, useFeature } from './shared.js'
import { useNow } from './useNow.js'

/** What the render-prop form of `UsageMeter` receives. */
export interface UsageMeterRenderProps {
  decision: Decision
  state: MeterState
  /** The feature's name (catalog), or the `label` prop. */
  label: ReactNode
  /** "3 of 5 seats", "3 seats, unlimited", or a status word when there are no numbers. */
  valueText: string
  /** "Almost at the limit", "Limit reached"…; empty in the normal state. */
  statusText: string
  /** "Resets in 4 days", or empty (also on the server and while hydrating: it depends on the clock). */
  resetsText: string
  /** Used share of the limit, 0–100 (capped), or `null` when unlimited or unknown. */
  percent: number | null
  /** `role="meter"` and its aria values, to spread on your own element; `null` when there is no limit to measure against. */
  meterProps: {
    role: 'meter'
    'aria-valuemin': number
    'aria-valuemax': number
    'aria-valuenow': number
    'aria-valuetext': string
  } | null
}

export interface UsageMeterProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>, LocalizedProps {
  /** A metered feature. */
  feature: FeatureKey
  /** The meter's visible name. Default: the feature's name from the catalog, else its id. */
  label?: ReactNode
  /** Share of the limit (0–1) from which the meter shows the warning state. Default `0.8`. */
  warnAt?: number
  /**
   * Render-prop form, for headless use: renders only what the function returns (no element of its
   * own, so `className`, other props and `ref` are not used).
   */
  children?: (meter: UsageMeterRenderProps) => ReactNode
}

const STATUS_ICON: Partial<Record<MeterState, IconName>> = {
  warning: 'warning',
  exceeded: 'blocked',
  'over-soft-limit': 'over',
  unlimited: 'infinity',
  'not-entitled': 'lock',
  unavailable: 'clock',
}

/**
 * "3 of 5 seats": a metered feature's usage against its limit, with `role="meter"` and aria values,
 * states in `data-state` (`normal`, `warning`, `exceeded` (a hard limit reached: refused from here),
 * `over-soft-limit` (past a soft limit: still working), `unlimited`, `not-entitled`, `unavailable`,
 * `loading`), an icon and a status line for every non-normal state, and "resets in 4 days".
 * A decision made by a fallback (`isFallback`: the service is down and nothing is cached) shows
 * `unavailable` without numbers: the fallback's limit is the app's guess, not the customer's plan.
 */
export const UsageMeter = forwardRef<HTMLDivElement, UsageMeterProps>(function UsageMeter(
  { feature, label, warnAt = 0.8, locale, messages, children, className, style, ...rest },
  ref,
) {
  const decision = useEntitlement(feature, { requested: 0 })
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
  const resetsText =
    decision.resetsAt && hasNumbers && now !== null ? t.resets(f.relative(decision.resetsAt, now)) : ''
  const percent = hasLimit ? (limit > 0 ? Math.min(100, (usage / limit) * 100) : 100) : null
  const meterProps = hasLimit
    ? {
        role: 'meter' as const,
        'aria-valuemin': 0,
        'aria-valuemax': limit,
        'aria-valuenow': Math.min(usage, limit),
        'aria-valuetext': valueText,
      }
    : null
  const name = label ?? info?.name ?? feature

  if (children)
    return children({ decision, state, label: name, valueText, statusText, resetsText, percent, meterProps })

  const icon = STATUS_ICON[state]
  const hasStatus = statusText !== '' || resetsText !== ''
  const indicator = (
    <div
      className="entitle-meter__indicator"
      style={{ '--entitle-meter-fill': `${percent ?? (state === 'unlimited' ? 100 : 0)}%` } as CSSProperties}
    />
  )
  return (
    <div
      ref={ref}
      className={cx('entitle-meter', className)}
      data-state={state}
      aria-busy={state === 'loading' || undefined}
      style={style}
      {...rest}
    >
      <div className="entitle-meter__header">
        <span className="entitle-meter__label" id={labelId}>
          {name}
        </span>
        {hasNumbers && (
          // With a meter, its aria-valuetext announces this: shown here for sighted users only.
          <span className="entitle-meter__value" aria-hidden={meterProps ? true : undefined}>
            {valueText}
          </span>
        )}
      </div>
      {meterProps ? (
        // biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot show states (stripes, colours) consistently across browsers.
        <div
          className="entitle-meter__track"
          role="meter"
          aria-labelledby={labelId}
          aria-describedby={hasStatus ? statusId : undefined}
          aria-valuemin={meterProps['aria-valuemin']}
          aria-valuemax={meterProps['aria-valuemax']}
          aria-valuenow={meterProps['aria-valuenow']}
          aria-valuetext={meterProps['aria-valuetext']}
        >
          {indicator}
        </div>
      ) : (
        (state === 'unlimited' || state === 'loading') && (
          <div className="entitle-meter__track" aria-hidden="true">
            {indicator}
          </div>
        )
      )}
      {hasStatus && (
        <p className="entitle-meter__status" id={statusId}>
          {icon && <Icon name={icon} />}
          {statusText}
          {statusText && resetsText ? ' · ' : ''}
          {resetsText}
        </p>
      )}
    </div>
  )
})
