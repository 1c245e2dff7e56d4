'use client'
import type { Catalog } from '@entitle/core'
import type { Formatter } from '../i18n.js'
import { Icon } from '../icons.js'
import { featureCell } from './featureCell.js'
import { PlanActions } from './PlanActions.js'
import { PlanSummary } from './PlanSummary.js'
import type { PricingTableModel } from './usePricingTable.js'

/** A card per plan, for narrow screens: what it costs, what it includes, its buttons. */
export function PricingCards({
  model,
  catalog,
  f,
  feature,
  heading: H,
}: {
  model: PricingTableModel
  catalog: Catalog
  f: Formatter
  feature: string | undefined
  heading: 'h3' | 'h4' | 'h5' | 'h6'
}) {
  const featureName = catalog.features.find((x) => x.id === feature)?.name ?? feature
  return (
    <ul className="entitle-pricing__cards">
      {model.plans.map((view) => (
        <li
          key={view.plan.id}
          className="entitle-pricing__card"
          data-current={view.isCurrent ? '' : undefined}
          data-highlighted={view.isHighlighted ? '' : undefined}
        >
          <H className="entitle-pricing__plan-name">{view.plan.name}</H>
          <PlanSummary view={view} feature={featureName} f={f} />
          <PlanActions view={view} model={model} f={f} />
          <ul className="entitle-pricing__features">
            {catalog.features.map((feat) => {
              const cell = featureCell(
                f,
                feat,
                Object.hasOwn(view.plan.grants, feat.id) ? view.plan.grants[feat.id] : undefined,
              )
              return (
                <li
                  key={feat.id}
                  data-included={cell.included}
                  data-highlighted={feat.id === feature ? '' : undefined}
                >
                  {cell.included ? <Icon name="check" /> : <span aria-hidden="true">–</span>}
                  <span>
                    {feat.kind === 'metered' && feat.unit ? (
                      // "10 seats", "1,000 calls / month": the unit already says what it is.
                      cell.text
                    ) : (
                      <>
                        {feat.name}
                        {feat.kind === 'boolean' ? (
                          cell.included ? null : (
                            <span className="entitle-visually-hidden">: {cell.text}</span>
                          )
                        ) : (
                          `: ${cell.text}`
                        )}
                      </>
                    )}
                  </span>
                </li>
              )
            })}
          </ul>
        </li>
      ))}
    </ul>
  )
}
