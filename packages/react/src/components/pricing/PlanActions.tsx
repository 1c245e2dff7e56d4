'use client'
import type { Formatter } from '../i18n.js'
import type { PricingPlanView, PricingTableModel } from './usePricingTable.js'

/** A plan's buttons: upgrade (or switch), its free trial, or "Contact sales". None on the current plan. */
export function PlanActions({
  view,
  model,
  f,
}: {
  view: PricingPlanView
  model: PricingTableModel
  f: Formatter
}) {
  const { offer, plan } = view
  if (view.isCurrent || view.scheduledAt !== null) return null
  const { t } = f
  const busy = model.pending !== null
  if (view.isSalesLed) {
    const onClick = () => model.contactSales(offer)
    return (
      <div className="entitle-pricing__actions">
        {offer.contactUrl ? (
          <a className="entitle-button" data-variant="secondary" href={offer.contactUrl} onClick={onClick}>
            {t.contactSales}
          </a>
        ) : (
          <button type="button" className="entitle-button" data-variant="secondary" onClick={onClick}>
            {t.contactSales}
          </button>
        )}
      </div>
    )
  }
  const button = (key: string, text: string, variant: string | undefined, onClick: () => unknown) => {
    const mine = model.pending === key
    return (
      <button
        type="button"
        className="entitle-button"
        data-variant={variant}
        // aria-disabled (not disabled) keeps keyboard focus on the button while it works.
        aria-disabled={busy || undefined}
        aria-busy={mine || undefined}
        onClick={() => void onClick()}
      >
        {mine && <span className="entitle-spinner" aria-hidden="true" />}
        {mine ? (model.flow.status === 'redirecting' ? t.redirecting : t.pending) : text}
      </button>
    )
  }
  if (!model.flow.canManageBilling)
    return (
      <div className="entitle-pricing__actions">
        {button(`plan:${plan.id}`, t.askAdmin(plan.name, false), 'secondary', () =>
          model.requestUpgrade(offer),
        )}
      </div>
    )
  return (
    <div className="entitle-pricing__actions">
      {button(
        `plan:${plan.id}`,
        view.isDowngrade ? t.switchTo(plan.name) : t.upgradeTo(plan.name),
        view.isHighlighted ? undefined : 'secondary',
        () => model.select(offer),
      )}
      {view.canTrial &&
        button(`trial:${plan.id}`, f.trial(plan.trialDays, plan.name), 'quiet', () =>
          model.startTrial(offer),
        )}
    </div>
  )
}
