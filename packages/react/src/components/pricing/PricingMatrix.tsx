'use client'
import type { Catalog } from '@entitle/core'
import type { Formatter } from '../i18n.js'
import { Icon } from '../icons.js'
import { featureCell } from './featureCell.js'
import { PlanActions } from './PlanActions.js'
import { PlanSummary } from './PlanSummary.js'
import type { PricingTableModel } from './usePricingTable.js'

/** The feature matrix for wide screens: a plan per column, a feature per row. */
export function PricingMatrix({
  model,
  catalog,
  f,
  feature,
  labelledBy,
}: {
  model: PricingTableModel
  catalog: Catalog
  f: Formatter
  feature: string | undefined
  labelledBy: string
}) {
  const featureName = catalog.features.find((x) => x.id === feature)?.name ?? feature
  return (
    // Scrolls sideways when the plans do not fit; focusable so keyboards can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="entitle-pricing__table-wrap" aria-label={f.t.comparePlans} tabIndex={0}>
      <table className="entitle-pricing__table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <td className="entitle-pricing__corner">
              <span className="entitle-visually-hidden">{f.t.featureHeader}</span>
            </td>
            {model.plans.map((view) => (
              <th
                key={view.plan.id}
                scope="col"
                className="entitle-pricing__plan"
                data-current={view.isCurrent ? '' : undefined}
                data-highlighted={view.isHighlighted ? '' : undefined}
              >
                <span className="entitle-pricing__plan-name">{view.plan.name}</span>
                <PlanSummary view={view} feature={featureName} f={f} />
                <PlanActions view={view} model={model} f={f} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {catalog.features.map((feat) => (
            <tr key={feat.id} data-highlighted={feat.id === feature ? '' : undefined}>
              <th scope="row">{feat.name}</th>
              {model.plans.map((view) => {
                const cell = featureCell(
                  f,
                  feat,
                  Object.hasOwn(view.plan.grants, feat.id) ? view.plan.grants[feat.id] : undefined,
                )
                return (
                  <td
                    key={view.plan.id}
                    data-included={cell.included}
                    data-current={view.isCurrent ? '' : undefined}
                    data-highlighted={view.isHighlighted ? '' : undefined}
                  >
                    {feat.kind === 'boolean' ? (
                      <>
                        {cell.included ? <Icon name="check" /> : <span aria-hidden="true">–</span>}
                        <span className="entitle-visually-hidden">{cell.text}</span>
                      </>
                    ) : (
                      cell.text
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
