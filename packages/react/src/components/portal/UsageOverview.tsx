'use client'
import type { FeatureKey } from '@entitle/core'
import { forwardRef } from 'react'
import { useCatalog } from '../../useCatalog.js'
import { useEntitlements } from '../../useEntitlements.js'
import { defaultBillingMessages } from '../billingMessages.js'
import { useFormatter } from '../i18n.js'
import { UsageMeter } from '../UsageMeter.js'
import { inCatalogOrder } from './catalogOrder.js'
import { PortalSection, type PortalSectionProps } from './portalSection.js'

export interface UsageOverviewProps extends PortalSectionProps {
  /** Share of each limit (0–1) from which a meter warns. Default `0.8`. */
  warnAt?: number
}

/**
 * Every metered entitlement of the customer as a `UsageMeter` (usage against the limit, its state,
 * "Resets in 4 days"), in catalog order.
 */
export const UsageOverview = forwardRef<HTMLElement, UsageOverviewProps>(function UsageOverview(
  { warnAt, locale, messages, title, ...rest },
  ref,
) {
  const { snapshot } = useEntitlements()
  const { catalog } = useCatalog()
  const f = useFormatter({ locale, messages }, defaultBillingMessages)
  const entitlements = snapshot?.entitlements ?? {}
  const metered = inCatalogOrder(
    catalog,
    Object.keys(entitlements).filter((id) => entitlements[id]?.kind === 'metered'),
  )
  const meterOptions = { locale, messages, warnAt }
  return (
    <PortalSection ref={ref} name="usage" defaultTitle={f.t.usageTitle} title={title} {...rest}>
      {snapshot === undefined ? (
        <p className="entitle-portal__muted">{f.t.loading}</p>
      ) : metered.length === 0 ? (
        <p className="entitle-portal__muted">{f.t.noMeters}</p>
      ) : (
        <ul className="entitle-portal__meters">
          {metered.map((feature) => (
            <li key={feature}>
              {/* A feature id read from the snapshot: a registered key whenever server and catalog agree. */}
              <UsageMeter feature={feature as FeatureKey} {...meterOptions} />
            </li>
          ))}
        </ul>
      )}
    </PortalSection>
  )
})
