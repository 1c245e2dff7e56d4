'use client'
import type { Entitlement, Feature } from '@entitle/core'
import { forwardRef } from 'react'
import { useCatalog } from '../../useCatalog.js'
import { useEntitlements } from '../../useEntitlements.js'
import { defaultBillingMessages } from '../billingMessages.js'
import { type Formatter, useFormatter } from '../i18n.js'
import { inCatalogOrder } from './catalogOrder.js'
import { PortalSection, type PortalSectionProps } from './portalSection.js'

export interface EntitlementSourcesProps extends PortalSectionProps {}

/** What the customer has of one feature: "Included", "14 days", "3 of 10 seats", "12 seats used". */
function holding(f: Formatter, e: Entitlement, info: Feature | undefined): string {
  const { t } = f
  if (e.kind === 'boolean') return t.included
  if (e.kind === 'config')
    return typeof e.value === 'number'
      ? t.configValue(f.number(e.value), f.unit(info?.unit, e.value))
      : String(e.value)
  const numbers = f.usage(e.usage, e.limit, info?.unit)
  return e.limit === null ? t.usageUnlimited(numbers) : t.usage(numbers)
}

/**
 * Where each entitlement comes from (`plan`, `addon`, `trial`, `promotion`, `override`: `data-source`
 * on its row) and when it ends, as a table in catalog order.
 */
export const EntitlementSources = forwardRef<HTMLElement, EntitlementSourcesProps>(
  function EntitlementSources({ locale, messages, title, ...rest }, ref) {
    const { snapshot } = useEntitlements()
    const { catalog } = useCatalog()
    const f = useFormatter({ locale, messages }, defaultBillingMessages)
    const { t } = f
    const entitlements = snapshot?.entitlements ?? {}
    const info = new Map(catalog?.features.map((x) => [x.id, x]))
    const ids = inCatalogOrder(catalog, Object.keys(entitlements))
    const columns = t.sourcesColumns
    return (
      <PortalSection ref={ref} name="sources" defaultTitle={t.sourcesTitle} title={title} {...rest}>
        {snapshot === undefined ? (
          <p className="entitle-portal__muted">{t.loading}</p>
        ) : (
          <table className="entitle-portal__table">
            <thead>
              <tr>
                <th scope="col">{columns.feature}</th>
                <th scope="col">{columns.value}</th>
                <th scope="col">{columns.source}</th>
                <th scope="col">{columns.ends}</th>
              </tr>
            </thead>
            <tbody>
              {ids.map((id) => {
                const e = entitlements[id]!
                return (
                  <tr key={id} data-source={e.source}>
                    <th scope="row">{info.get(id)?.name ?? id}</th>
                    <td>{holding(f, e, info.get(id))}</td>
                    <td>
                      <span className="entitle-badge" data-kind="source" data-source={e.source}>
                        {t.grantSource(e.source)}
                      </span>
                    </td>
                    <td>{e.expiresAt ? t.until(f.date(e.expiresAt)) : t.noEnd}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </PortalSection>
    )
  },
)
