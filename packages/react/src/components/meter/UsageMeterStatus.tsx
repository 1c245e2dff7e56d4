'use client'
import { Icon } from '../icons.js'
import { createPart } from '../primitives/createPart.js'
import { useMeter } from './meterContext.js'
import type { UsageMeterModel } from './useUsageMeter.js'

/** "Limit reached · Resets in 4 days", with the state's icon; it describes the track. Nothing in the normal state. */
export const UsageMeterStatus = createPart<UsageMeterModel, HTMLParagraphElement>(
  'UsageMeter.Status',
  'p',
  'entitle-meter__status',
  useMeter,
  (m, { children }) =>
    m.statusText || m.resetsText || children
      ? [
          { id: m.statusId },
          <>
            {m.icon && <Icon name={m.icon} />}
            {m.statusText}
            {m.statusText && m.resetsText ? ' · ' : ''}
            {m.resetsText}
          </>,
        ]
      : null,
)
