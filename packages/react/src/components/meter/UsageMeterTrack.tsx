'use client'
import { createPart } from '../primitives/createPart.js'
import { useMeter } from './meterContext.js'
import type { UsageMeterModel } from './useUsageMeter.js'

/**
 * The bar: `role="meter"` with its aria values, named by the label and described by the status line.
 * Without a limit to measure against it is decorative (unlimited, loading) or absent (the other states).
 */
export const UsageMeterTrack = createPart<UsageMeterModel, HTMLDivElement>(
  'UsageMeter.Track',
  'div',
  'entitle-meter__track',
  useMeter,
  (m) =>
    m.meterProps
      ? [
          {
            ...m.meterProps,
            'aria-labelledby': m.labelId,
            'aria-describedby': m.statusText || m.resetsText ? m.statusId : undefined,
          },
        ]
      : m.state === 'unlimited' || m.state === 'loading'
        ? [{ 'aria-hidden': true }]
        : null,
)
