'use client'
import type { Formatter } from '../i18n.js'
import { Icon } from '../icons.js'
import type { PricingTableModel } from './usePricingTable.js'

/** The catalog's add-ons (nothing when it has none): price, the plans they are sold with, add (or remove) on the current plan. */
export function AddonList({
  model,
  f,
  feature,
}: {
  model: PricingTableModel
  f: Formatter
  feature: string | undefined
}) {
  const { t } = f
  if (model.addons.length === 0) return null
  const planName = (id: string) => model.catalog?.plans.find((p) => p.id === id)?.name ?? id
  return (
    <ul className="entitle-pricing__addon-list">
      {model.addons.map(({ addon, offer, owned, available, isHighlighted }) => {
        const key = `addon:${addon.id}`
        const mine = model.pending === key
        return (
          <li
            key={addon.id}
            className="entitle-pricing__addon"
            data-owned={owned ? '' : undefined}
            data-highlighted={isHighlighted ? '' : undefined}
          >
            <span className="entitle-pricing__addon-name">{addon.name}</span>
            <span className="entitle-pricing__description">
              {f.price(addon.price)}
              {!available && ` · ${t.availableWith(addon.availableFor.map(planName).join(', '))}`}
            </span>
            {isHighlighted && feature !== undefined && (
              <span className="entitle-badge" data-kind="unlocks">
                <Icon name="check" />
                {t.unlocks(feature)}
              </span>
            )}
            {owned && (
              <span className="entitle-badge" data-kind="current">
                {t.owned}
              </span>
            )}
            {offer && !offer.salesLed && model.flow.canManageBilling && (
              <button
                type="button"
                className="entitle-button"
                data-variant={owned || !isHighlighted ? 'secondary' : undefined}
                aria-disabled={model.pending !== null || undefined}
                aria-busy={mine || undefined}
                onClick={() => void model.select(offer)}
              >
                {mine && <span className="entitle-spinner" aria-hidden="true" />}
                {mine
                  ? model.flow.status === 'redirecting'
                    ? t.redirecting
                    : t.pending
                  : owned
                    ? t.removeAddon(addon.name)
                    : t.addAddon(addon.name)}
              </button>
            )}
          </li>
        )
      })}
    </ul>
  )
}
