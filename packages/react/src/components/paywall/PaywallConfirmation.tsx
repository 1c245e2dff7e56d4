'use client'
import { forwardRef } from 'react'
import { UpgradeStatus, type UpgradeStatusProps } from '../UpgradeStatus.js'
import { usePaywallPart } from './paywallContext.js'

export type PaywallConfirmationProps = Omit<UpgradeStatusProps, 'status' | 'offerName' | 'onCheckAgain'>

/**
 * "Confirming your upgrade to Premium…" while the entitlement bought is on its way; after a timeout,
 * the message and "Check again" (an `UpgradeStatus`). Nothing otherwise.
 */
export const PaywallConfirmation = forwardRef<HTMLDivElement, PaywallConfirmationProps>(
  function PaywallConfirmation(props, ref) {
    const m = usePaywallPart('Paywall.Confirmation')
    return m.body === 'waiting' ? (
      <UpgradeStatus
        ref={ref}
        status={m.status === 'timeout' ? 'timeout' : 'confirming'}
        offerName={m.selectedName ?? ''}
        onCheckAgain={m.checkAgain}
        locale={m.f.locale}
        messages={m.f.t}
        {...props}
      />
    ) : null
  },
)
