'use client'
import { createPart } from '../primitives/createPart.js'
import { PaywallDescription } from './PaywallDescription.js'
import { PaywallTitle } from './PaywallTitle.js'
import { usePaywallPart } from './paywallContext.js'
import type { PaywallModel } from './usePaywallModel.js'

/** The top of a paywall, for layouts that group it: its title and description (the default content). */
export const PaywallHeader = createPart<PaywallModel, HTMLDivElement>(
  'Paywall.Header',
  'div',
  'entitle-paywall__header',
  usePaywallPart,
  () => [
    {},
    <>
      <PaywallTitle />
      <PaywallDescription />
    </>,
  ],
)
