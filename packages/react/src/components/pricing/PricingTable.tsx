'use client'
import { forwardRef, type HTMLAttributes, type ReactNode, useId } from 'react'
import { defaultBillingMessages } from '../billingMessages.js'
import { type LocalizedProps, useFormatter } from '../i18n.js'
import { Icon } from '../icons.js'
import { cx } from '../shared.js'
import { AddonList } from './AddonList.js'
import { FlowMessages } from './FlowMessages.js'
import { IntervalSwitch } from './IntervalSwitch.js'
import { PricingCards } from './PricingCards.js'
import { PricingMatrix } from './PricingMatrix.js'
import { type PricingTableModel, type PricingTableOptions, usePricingTable } from './usePricingTable.js'

export interface PricingTableProps
  extends Omit<HTMLAttributes<HTMLElement>, 'children' | 'title'>,
    PricingTableOptions,
    LocalizedProps {
  /** The heading. Default: "Plans" (`pricingTitle`). */
  title?: ReactNode
  /** Heading level of the title (`h2` by default); plan cards and add-ons use the next level. Default `2`. */
  headingLevel?: 2 | 3 | 4 | 5
  /** Show the catalog's add-ons below the plans. Default `true`. */
  showAddons?: boolean
  /** Render-prop form, for headless use: renders only what it returns. */
  children?: (model: PricingTableModel) => ReactNode
}

/**
 * A plans page from the catalog: a card per plan on narrow containers, a feature matrix (✓ for
 * booleans, config values, limits, "Unlimited") on wide ones; a monthly / yearly switch when paid
 * plans come in both; the current plan marked; free trials and "Contact sales"; the add-ons; and,
 * with `feature`, the cheapest plan (and add-on) that unlocks it highlighted with its row.
 * `data-state`: `loading`, `unavailable` (the catalog could not be loaded), `ready`; `data-interval`.
 */
export const PricingTable = forwardRef<HTMLElement, PricingTableProps>(function PricingTable(
  {
    feature,
    defaultInterval,
    onSelectPlan,
    onStartTrial,
    onContactSales,
    onRequestUpgrade,
    onUpgraded,
    navigate,
    downgradeAt,
    title,
    headingLevel = 2,
    showAddons = true,
    locale,
    messages,
    children,
    className,
    ...rest
  },
  ref,
) {
  const model = usePricingTable({
    feature,
    defaultInterval,
    onSelectPlan,
    onStartTrial,
    onContactSales,
    onRequestUpgrade,
    onUpgraded,
    navigate,
    downgradeAt,
  })
  const f = useFormatter({ locale, messages }, defaultBillingMessages)
  const titleId = useId()
  const addonsId = useId()
  if (children) return children(model)
  const { t } = f
  const H = `h${headingLevel}` as 'h2'
  const H2 = `h${headingLevel + 1}` as 'h3'
  const { catalog } = model
  const featureName = catalog?.features.find((x) => x.id === feature)?.name ?? feature
  return (
    <section
      ref={ref}
      className={cx('entitle-pricing', className)}
      data-state={model.status}
      data-interval={model.interval}
      aria-labelledby={titleId}
      aria-busy={model.status === 'loading' || undefined}
      {...rest}
    >
      <div className="entitle-pricing__header">
        <H className="entitle-pricing__title" id={titleId}>
          {title ?? t.pricingTitle}
        </H>
        <IntervalSwitch model={model} f={f} />
      </div>
      {!model.flow.canManageBilling && catalog !== undefined && (
        <p className="entitle-paywall__message" data-kind="info">
          <Icon name="lock" />
          {t.billingAdminsOnly}
        </p>
      )}
      {catalog === undefined ? (
        <p className="entitle-paywall__message">
          {model.status === 'loading' ? (
            <>
              <span className="entitle-spinner" aria-hidden="true" />
              {t.loadingPlans}
            </>
          ) : (
            <>
              <Icon name="clock" />
              {t.plansUnavailable}
            </>
          )}
        </p>
      ) : (
        <>
          <PricingCards model={model} catalog={catalog} f={f} feature={feature} heading={H2} />
          <PricingMatrix model={model} catalog={catalog} f={f} feature={feature} labelledBy={titleId} />
          {showAddons && model.addons.length > 0 && (
            <section className="entitle-pricing__addons" aria-labelledby={addonsId}>
              <H2 className="entitle-pricing__subtitle" id={addonsId}>
                {t.addonsTitle}
              </H2>
              <AddonList model={model} f={f} feature={featureName} />
            </section>
          )}
        </>
      )}
      {model.scheduleError !== null && (
        <p className="entitle-paywall__message" data-kind="error" role="alert">
          <Icon name="warning" />
          {t.upgradeFailed(model.scheduleError)}
        </p>
      )}
      <FlowMessages flow={model.flow} f={f} />
    </section>
  )
})
