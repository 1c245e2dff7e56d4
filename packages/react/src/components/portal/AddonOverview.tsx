'use client'
import { forwardRef } from 'react'
import { defaultBillingMessages } from '../billingMessages.js'
import { useFormatter } from '../i18n.js'
import { AddonList } from '../pricing/AddonList.js'
import { FlowMessages } from '../pricing/FlowMessages.js'
import { type PricingActions, usePricingTable } from '../pricing/usePricingTable.js'
import { PortalSection, type PortalSectionProps } from './portalSection.js'

export interface AddonOverviewProps
  extends PortalSectionProps,
    Omit<PricingActions, 'onStartTrial' | 'onContactSales'> {}

/**
 * The catalog's add-ons: those the customer has ("Added", with "Remove"), those sold with the current
 * plan ("Add"), and the others with the plans they need. Buying and removing go through the upgrade
 * flow (`onSelectPlan` gets the add-on offer, whose `change` lists exactly the add-ons wanted).
 */
export const AddonOverview = forwardRef<HTMLElement, AddonOverviewProps>(function AddonOverview(
  { onSelectPlan, onRequestUpgrade, onUpgraded, navigate, locale, messages, title, ...rest },
  ref,
) {
  const model = usePricingTable({ onSelectPlan, onRequestUpgrade, onUpgraded, navigate })
  const f = useFormatter({ locale, messages }, defaultBillingMessages)
  return (
    <PortalSection
      ref={ref}
      name="addons"
      defaultTitle={f.t.addonsTitle}
      title={title}
      state={model.status}
      {...rest}
    >
      {model.status === 'ready' && model.addons.length === 0 ? (
        <p className="entitle-portal__muted">{f.t.noAddons}</p>
      ) : (
        <AddonList model={model} f={f} feature={undefined} />
      )}
      <FlowMessages flow={model.flow} f={f} />
    </PortalSection>
  )
})
