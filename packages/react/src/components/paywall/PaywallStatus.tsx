'use client'
import { Icon } from '../icons.js'
import { createPart } from '../primitives/createPart.js'
import { usePaywallPart } from './paywallContext.js'
import type { PaywallModel } from './usePaywallModel.js'

/**
 * The polite news of the flow (`role="status"`): "Done: you now have Seats.", "Your admins have been
 * asked…", "Checkout cancelled: nothing was charged." Always rendered (empty until there is news),
 * so assistive technology announces the change.
 */
export const PaywallStatus = createPart<PaywallModel, HTMLParagraphElement>(
  'Paywall.Status',
  'p',
  'entitle-paywall__message',
  usePaywallPart,
  ({ status, f: { t }, featureName, selectedName }) => {
    const cancelled = status === 'cancelled'
    const text =
      status === 'success'
        ? t.upgraded(featureName)
        : status === 'requested'
          ? t.upgradeRequested(selectedName ?? '')
          : cancelled
            ? t.checkoutCancelled
            : null
    return [
      { 'data-kind': cancelled ? 'info' : 'success', role: 'status' },
      text !== null && (
        <>
          <Icon name={cancelled ? 'close' : 'check'} />
          {text}
        </>
      ),
    ]
  },
)
