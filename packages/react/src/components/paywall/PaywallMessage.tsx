'use client'
import { Icon } from '../icons.js'
import { createPart } from '../primitives/createPart.js'
import { usePaywallPart } from './paywallContext.js'
import type { PaywallModel } from './usePaywallModel.js'

/**
 * What the paywall says where (or above where) its offers go: "Loading plans…", "Plans cannot be
 * loaded right now…", "No plan includes Seats; contact us.", and "Only a billing admin can change
 * the plan." above the offers for a member who may not buy. Nothing otherwise.
 */
export const PaywallMessage = createPart<PaywallModel, HTMLParagraphElement>(
  'Paywall.Message',
  'p',
  'entitle-paywall__message',
  usePaywallPart,
  ({ body, f: { t }, featureName, canManageBilling }) =>
    body === 'loading'
      ? [
          {},
          <>
            <span className="entitle-spinner" aria-hidden="true" />
            {t.loadingPlans}
          </>,
        ]
      : body === 'unavailable'
        ? [
            {},
            <>
              <Icon name="clock" />
              {t.plansUnavailable}
            </>,
          ]
        : body === 'empty'
          ? [{}, t.noOffers(featureName)]
          : body === 'offers' && !canManageBilling
            ? [
                { 'data-kind': 'info' },
                <>
                  <Icon name="lock" />
                  {t.billingAdminsOnly}
                </>,
              ]
            : null,
)
