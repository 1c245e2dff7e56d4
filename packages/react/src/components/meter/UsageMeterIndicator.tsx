'use client'
import type { CSSProperties } from 'react'
import { createPart } from '../primitives/createPart.js'
import { useMeter } from './meterContext.js'
import type { UsageMeterModel } from './useUsageMeter.js'

/** The filled part of the track: its width is `--entitle-meter-fill` (the used share; full when unlimited). */
export const UsageMeterIndicator = createPart<UsageMeterModel, HTMLDivElement>(
  'UsageMeter.Indicator',
  'div',
  'entitle-meter__indicator',
  useMeter,
  (m) => [
    {
      'data-state': m.state,
      style: {
        '--entitle-meter-fill': `${m.percent ?? (m.state === 'unlimited' ? 100 : 0)}%`,
      } as CSSProperties,
    },
  ],
)
