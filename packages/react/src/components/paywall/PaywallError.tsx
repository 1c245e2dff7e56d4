'use client'
import { Icon } from '../icons.js'
import { createPart } from '../primitives/createPart.js'
import { usePaywallPart } from './paywallContext.js'
import type { PaywallModel } from './usePaywallModel.js'

/** After a failed upgrade, trial start or request: its sentence as an alert. Nothing otherwise. */
export const PaywallError = createPart<PaywallModel, HTMLParagraphElement>(
  'Paywall.Error',
  'p',
  'entitle-paywall__message',
  usePaywallPart,
  (m) =>
    m.status === 'error' && m.errorText !== null
      ? [
          { 'data-kind': 'error', role: 'alert' },
          <>
            <Icon name="warning" />
            {m.errorText}
          </>,
        ]
      : null,
)
