'use client'
import type { Formatter } from '../i18n.js'
import { Icon } from '../icons.js'
import type { PricingPlanView } from './usePricingTable.js'

/** A plan's badges, price and description: the head of its card and of its table column. */
export function PlanSummary({
  view,
  feature,
  f,
}: {
  view: PricingPlanView
  feature: string | undefined
  f: Formatter
}) {
  const { t } = f
  const { plan } = view
  const badges = view.isCurrent || view.isHighlighted || view.savings !== null || view.scheduledAt !== null
  return (
    <>
      {badges && (
        <span className="entitle-pricing__badges">
          {view.isCurrent && (
            <span className="entitle-badge" data-kind="current">
              {t.currentPlan}
            </span>
          )}
          {view.scheduledAt !== null && (
            <span className="entitle-badge" data-kind="scheduled">
              {t.startsOn(f.date(view.scheduledAt))}
            </span>
          )}
          {view.isHighlighted && feature !== undefined && (
            <span className="entitle-badge" data-kind="unlocks">
              <Icon name="check" />
              {t.unlocks(feature)}
            </span>
          )}
          {view.savings !== null && (
            <span className="entitle-badge" data-kind="savings">
              {t.savePercent(`${f.number(view.savings)}%`)}
            </span>
          )}
        </span>
      )}
      <span className="entitle-pricing__price">{f.price(plan.price)}</span>
      {plan.description && <span className="entitle-pricing__description">{plan.description}</span>}
    </>
  )
}
