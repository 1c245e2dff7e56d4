'use client'
import type { UpgradeFlow } from '../../useUpgradeFlow.js'
import type { Formatter } from '../i18n.js'
import { Icon } from '../icons.js'
import { UpgradeStatus } from '../UpgradeStatus.js'

/**
 * What the upgrade flow says under a pricing table or a portal, as the paywall says it: "Confirming…"
 * (and "Check again" after a timeout), the error, the success, an admin asked, a cancelled checkout.
 */
export function FlowMessages({ flow, f }: { flow: UpgradeFlow; f: Formatter }) {
  const { t } = f
  const name = flow.offerName ?? ''
  const { status, offer } = flow
  // An add-on offer whose change leaves it out was a removal.
  const removed = offer?.type === 'addon' && !offer.change.addons.includes(offer.id)
  if (status === 'confirming' || status === 'timeout')
    return <UpgradeStatus status={status} offerName={name} onCheckAgain={flow.checkAgain} />
  const error =
    status !== 'error' || flow.error === null
      ? null
      : flow.usedTrial
        ? t.trialAlreadyUsed(name)
        : flow.action === 'trial'
          ? t.trialFailed(flow.error)
          : t.upgradeFailed(flow.error)
  return (
    <>
      {error !== null && (
        <p className="entitle-paywall__message" data-kind="error" role="alert">
          <Icon name="warning" />
          {error}
        </p>
      )}
      {/* Always present (empty until there is news) so assistive technology announces the change. */}
      <p className="entitle-paywall__message" data-kind="success" role="status">
        {status === 'success' && (
          <>
            <Icon name="check" />
            {removed ? t.addonRemoved(name) : t.upgraded(name)}
          </>
        )}
        {status === 'requested' && t.upgradeRequested(name)}
        {status === 'cancelled' && t.checkoutCancelled}
      </p>
    </>
  )
}
