'use client'
import { createPart } from '../primitives/createPart.js'
import { usePaywallPart } from './paywallContext.js'
import type { PaywallModel } from './usePaywallModel.js'

/** Why it is blocked and what to do: "Upgrade to get more. You have used 3 of 3 seats." */
export const PaywallDescription = createPart<PaywallModel, HTMLParagraphElement>(
  'Paywall.Description',
  'p',
  'entitle-paywall__description',
  usePaywallPart,
  (m) => [{}, m.description],
)
