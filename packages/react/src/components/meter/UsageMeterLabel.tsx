'use client'
import { createPart } from '../primitives/createPart.js'
import { useMeter } from './meterContext.js'
import type { UsageMeterModel } from './useUsageMeter.js'

/** The meter's name (it names the track). Default content: the feature's name, or the root's `label`. */
export const UsageMeterLabel = createPart<UsageMeterModel, HTMLSpanElement>(
  'UsageMeter.Label',
  'span',
  'entitle-meter__label',
  useMeter,
  (m) => [{ id: m.labelId }, m.label],
)
