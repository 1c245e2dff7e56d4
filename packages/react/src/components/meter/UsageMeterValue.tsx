'use client'
import { createPart } from '../primitives/createPart.js'
import { useMeter } from './meterContext.js'
import type { UsageMeterModel } from './useUsageMeter.js'

/**
 * "3 of 5 seats" for sighted users (the track's `aria-valuetext` announces it, so this is hidden from
 * assistive technology while there is a track). Renders nothing when there are no numbers.
 */
export const UsageMeterValue = createPart<UsageMeterModel, HTMLSpanElement>(
  'UsageMeter.Value',
  'span',
  'entitle-meter__value',
  useMeter,
  (m) => (m.hasNumbers ? [{ 'aria-hidden': m.meterProps ? true : undefined }, m.valueText] : null),
)
