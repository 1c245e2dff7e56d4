'use client'
import type { FeatureKey } from '@entitle/core'
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react'
import { MeterContext } from './meter/meterContext.js'
import { UsageMeterIndicator } from './meter/UsageMeterIndicator.js'
import { UsageMeterLabel } from './meter/UsageMeterLabel.js'
import { UsageMeterStatus } from './meter/UsageMeterStatus.js'
import { UsageMeterTrack } from './meter/UsageMeterTrack.js'
import { UsageMeterValue } from './meter/UsageMeterValue.js'
import { type UsageMeterModel, type UsageMeterOptions, useUsageMeter } from './meter/useUsageMeter.js'
import { type AsChildProps, Slot } from './primitives/Slot.js'
import { cx } from './shared.js'

/** What the render-prop form of `UsageMeter` receives. */
export type UsageMeterRenderProps = Pick<
  UsageMeterModel,
  'decision' | 'state' | 'label' | 'valueText' | 'statusText' | 'resetsText' | 'percent' | 'meterProps'
>

export interface UsageMeterProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>,
    UsageMeterOptions,
    AsChildProps {
  /** A metered feature. */
  feature: FeatureKey
  /**
   * The parts to render (`UsageMeter.Label`, `.Value`, `.Track`, `.Indicator`, `.Status`, your own
   * markup). Default: label and value, the track with its indicator, the status line.
   * A function is the headless form: it renders only what it returns (no element of its own, so
   * `className`, other props and `ref` are not used).
   */
  children?: ReactNode | ((meter: UsageMeterRenderProps) => ReactNode)
}

const defaultParts = (
  <>
    <div className="entitle-meter__header">
      <UsageMeterLabel />
      <UsageMeterValue />
    </div>
    <UsageMeterTrack>
      <UsageMeterIndicator />
    </UsageMeterTrack>
    <UsageMeterStatus />
  </>
)

/**
 * "3 of 5 seats": a metered feature's usage against its limit, with `role="meter"` and aria values,
 * states in `data-state` (`normal`, `warning`, `exceeded` (a hard limit reached: refused from here),
 * `over-soft-limit` (past a soft limit: still working), `unlimited`, `not-entitled`, `unavailable`,
 * `loading`), an icon and a status line for every non-normal state, and "resets in 4 days".
 * A decision made by a fallback (`isFallback`: the service is down and nothing is cached) shows
 * `unavailable` without numbers: the fallback's limit is the app's guess, not the customer's plan.
 *
 * Made of parts: `<UsageMeter.Root feature>` (this component) with `.Label`, `.Value`, `.Track`,
 * `.Indicator`, `.Status` as children (the default), or your own markup around them; each takes `asChild`.
 */
const UsageMeterRoot = forwardRef<HTMLDivElement, UsageMeterProps>(function UsageMeter(
  { feature, label, warnAt, thresholds, locale, messages, asChild, className, children, ...rest },
  ref,
) {
  const model = useUsageMeter(feature, { label, warnAt, thresholds, locale, messages })
  if (typeof children === 'function') return children(model)
  const Comp = asChild ? Slot : 'div'
  return (
    <MeterContext.Provider value={model}>
      <Comp
        ref={ref}
        className={cx('entitle-meter', className)}
        data-state={model.state}
        aria-busy={model.state === 'loading' || undefined}
        {...rest}
      >
        {children ?? defaultParts}
      </Comp>
    </MeterContext.Provider>
  )
})

export const UsageMeter = Object.assign(UsageMeterRoot, {
  Root: UsageMeterRoot,
  Label: UsageMeterLabel,
  Value: UsageMeterValue,
  Track: UsageMeterTrack,
  Indicator: UsageMeterIndicator,
  Status: UsageMeterStatus,
})
