'use client'
import { Icon } from '../icons.js'
import { createPart } from '../primitives/createPart.js'
import { REASON_STATE, STATE_ICON } from '../states.js'
import { usePaywallPart } from './paywallContext.js'
import type { PaywallModel } from './usePaywallModel.js'

/**
 * The paywall's heading ("You have reached your Seats limit"), at the root's `headingLevel`, with the
 * icon of its limit state (the meter's for the same state). It labels the root.
 */
export const PaywallTitle = createPart<PaywallModel, HTMLHeadingElement>(
  'Paywall.Title',
  'h2',
  'entitle-paywall__title',
  usePaywallPart,
  (m) => {
    const icon = STATE_ICON[REASON_STATE[m.reason]]
    return [
      { id: m.titleId },
      <>
        {icon && <Icon name={icon} />}
        <span>{m.title}</span>
      </>,
      `h${m.headingLevel}`,
    ]
  },
)
