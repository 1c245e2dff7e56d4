import { type Decision, type OfferChange, rememberCheckout } from '@entitle/core'
import { TrialBanner, UpgradeStatus, useCanManageBilling, useCatalog, useCheckout } from '@entitle/react'
import { useId, useState } from 'react'
import { contactSales, requestUpgrade } from '../App'
import { formatPrice, monthlyOf, ownedAddons } from '../billing'
import { startCheckout } from '../checkout'
import { FEATURES, type Feature, useEntitlements } from '../entitlements'
import { PageHeader } from './PageHeader'

const number = new Intl.NumberFormat('en-US')
const shortDate = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' })
const dateFormat = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric' })

// Shown until the catalog (which has the real names) is loaded.
const LABELS: Record<Feature, string> = {
  'advanced-filtering': 'Advanced filtering',
  'api-access': 'API access',
  'premium-support': 'Premium support',
  'ai-assistant': 'AI assistant',
  'retention-days': 'Log retention',
  seats: 'Seats',
  'api-calls': 'API calls',
}

function describe(decision: Decision, unit: string | undefined): string {
  if (decision.reason === 'loading') return 'Loading…'
  if (decision.isFallback && decision.limit !== undefined)
    return `No data: fallback limit ${decision.limit === null ? 'unlimited' : decision.limit}`
  if (!decision.granted && decision.limit === undefined)
    return decision.reason === 'expired' ? 'Expired' : 'Not included'
  if (decision.value !== undefined) return unit ? `${decision.value} ${unit}s` : `${decision.value}`
  if (decision.limit === null) return `${number.format(decision.usage ?? 0)} used · unlimited`
  if (decision.limit !== undefined)
    return `${number.format(decision.usage ?? 0)} of ${number.format(decision.limit)}`
  return 'Included'
}

export function BillingPage() {
  const ids = useId()
  const { snapshot, check, changePlan, customerId } = useEntitlements()
  const { catalog, error: catalogError } = useCatalog()
  const buyer = useCanManageBilling()
  const checkout = useCheckout()
  // Back from a checkout started on this page (for no feature in particular: `feature: ''`).
  const returned = checkout?.pending.feature === '' ? checkout : undefined
  const scheduled = snapshot?.subscription?.scheduledChange ?? null
  const [pending, setPending] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const currentPlanId = snapshot?.plan?.id
  const currentPlan = catalog?.plans.find((p) => p.id === currentPlanId)
  const owned = ownedAddons(snapshot, catalog)
  const names = new Map(catalog?.features.map((f) => [f.id, f.name]))
  const units = new Map(catalog?.features.map((f) => [f.id, f.unit]))

  /** Buys through the hosted checkout; the way back confirms it (`useCheckout`). */
  const buy = (
    key: string,
    offer: { type: 'plan' | 'addon'; id: string; name: string },
    change: OfferChange,
  ) =>
    act(key, async () => {
      const { redirectUrl } = await startCheckout(customerId, change)
      rememberCheckout({
        customerId,
        feature: '',
        reason: 'not-entitled',
        offer,
        startedAt: Date.now(),
        surface: 'inline',
      })
      window.location.assign(redirectUrl)
      await new Promise(() => {}) // the page is leaving: stay pending, no second click
    })

  const act = async (key: string, action: () => Promise<unknown>) => {
    setPending(key)
    setError(null)
    try {
      await action()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setPending(null)
    }
  }

  return (
    <>
      <PageHeader title="Billing">Your plan, add-ons and what they entitle you to.</PageHeader>
      <TrialBanner className="spaced-bottom" />

      <section className="card current-plan" aria-labelledby={`${ids}-current`}>
        <div>
          <h2 id={`${ids}-current`} className="card__eyebrow">
            Current plan
          </h2>
          <p className="current-plan__name" data-testid="current-plan">
            {snapshot?.plan?.name ?? '—'}
          </p>
          <p className="muted">
            {currentPlan ? formatPrice(currentPlan.price) : ''}
            {owned.length > 0 ? ` · with ${owned.map((a) => a.name).join(', ')}` : ''}
            {snapshot?.trialEndsAt
              ? ` · trial until ${dateFormat.format(new Date(snapshot.trialEndsAt))}`
              : ''}
          </p>
        </div>
      </section>

      {error && (
        <p className="notice" data-kind="error" role="alert">
          The change did not go through: {error}
        </p>
      )}
      {(returned?.status === 'confirming' || returned?.status === 'timeout') && (
        <UpgradeStatus
          className="spaced-bottom"
          status={returned.status}
          offerName={returned.pending.offer.name}
          onCheckAgain={returned.retry}
        />
      )}
      {returned?.status === 'cancelled' && (
        <p className="notice" data-kind="info" role="status">
          Checkout cancelled: nothing was charged.
        </p>
      )}
      {!buyer && (
        <p className="notice" data-kind="info">
          Only a billing admin can change the plan: ask one to upgrade.
        </p>
      )}

      <section aria-labelledby={`${ids}-plans`}>
        <h2 id={`${ids}-plans`} className="section-title">
          Plans
        </h2>
        {!catalog && (
          <p className="muted">{catalogError ? 'Plans are unavailable right now.' : 'Loading plans…'}</p>
        )}
        <ul className="plans">
          {catalog?.plans.map((plan) => {
            const current = plan.id === currentPlanId
            return (
              <li key={plan.id} className="plan" data-current={current || undefined}>
                <h3 className="plan__name">{plan.name}</h3>
                <p className="plan__price">{formatPrice(plan.price)}</p>
                {plan.description && <p className="muted">{plan.description}</p>}
                <ul className="plan__grants">
                  {Object.entries(plan.grants).map(([feature, grant]) => (
                    <li key={feature}>
                      {names.get(feature) ?? feature}
                      {grant.kind === 'metered' &&
                        `: ${grant.limit === null ? 'unlimited' : number.format(grant.limit)}${grant.resetPeriod ? ` / ${grant.resetPeriod}` : ''}`}
                      {grant.kind === 'config' && `: ${grant.value} days`}
                    </li>
                  ))}
                </ul>
                <div className="plan__actions">
                  {current ? (
                    <span className="badge">Your plan</span>
                  ) : plan.salesLed || plan.price === null ? (
                    <button type="button" className="button button--ghost" onClick={() => contactSales(plan)}>
                      Contact sales
                    </button>
                  ) : !buyer ? (
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => requestUpgrade(plan)}
                    >
                      Ask an admin to switch to {plan.name}
                    </button>
                  ) : (monthlyOf(plan.price) ?? 0) < (monthlyOf(currentPlan?.price ?? null) ?? 0) ? (
                    scheduled?.plan?.id === plan.id ? (
                      <span className="badge">From {dateFormat.format(new Date(scheduled.at))}</span>
                    ) : (
                      <button
                        type="button"
                        className="button button--ghost"
                        aria-busy={pending === plan.id || undefined}
                        disabled={pending !== null}
                        // A downgrade keeps what was paid for until the end of the period.
                        onClick={() => void act(plan.id, () => changePlan(plan.id, { at: 'period_end' }))}
                      >
                        Downgrade to {plan.name} at period end
                      </button>
                    )
                  ) : (
                    <button
                      type="button"
                      className="button"
                      aria-busy={pending === plan.id || undefined}
                      disabled={pending !== null}
                      onClick={() =>
                        void buy(
                          plan.id,
                          { type: 'plan', id: plan.id, name: plan.name },
                          { planId: plan.id, addons: [] },
                        )
                      }
                    >
                      Switch to {plan.name}
                    </button>
                  )}
                  {buyer && !current && plan.trialDays > 0 && !snapshot?.trialEndsAt && (
                    <button
                      type="button"
                      className="button button--ghost"
                      disabled={pending !== null}
                      onClick={() => void act(`${plan.id}:trial`, () => changePlan(plan.id, { trial: true }))}
                    >
                      Start {plan.trialDays}-day trial
                    </button>
                  )}
                </div>
              </li>
            )
          })}
        </ul>
      </section>

      <section aria-labelledby={`${ids}-addons`}>
        <h2 id={`${ids}-addons`} className="section-title">
          Add-ons
        </h2>
        <ul className="addons">
          {catalog?.addons.map((addon) => {
            const available = currentPlanId !== undefined && addon.availableFor.includes(currentPlanId)
            const has = owned.includes(addon)
            const others = owned.filter((a) => a !== addon).map((a) => a.id)
            return (
              <li key={addon.id} className="addon">
                <div>
                  <p className="addon__name">{addon.name}</p>
                  <p className="muted">
                    {formatPrice(addon.price)}
                    {!available &&
                      ` · with ${addon.availableFor.map((p) => catalog.plans.find((x) => x.id === p)?.name ?? p).join(', ')}`}
                  </p>
                </div>
                {available && currentPlanId && buyer && (
                  <button
                    type="button"
                    className={has ? 'button button--ghost' : 'button'}
                    disabled={pending !== null}
                    onClick={() =>
                      void (has
                        ? act(addon.id, () => changePlan(currentPlanId, { addons: others }))
                        : buy(
                            addon.id,
                            { type: 'addon', id: addon.id, name: addon.name },
                            { planId: currentPlanId, addons: [...others, addon.id] },
                          ))
                    }
                  >
                    {has ? `Remove ${addon.name}` : `Add ${addon.name}`}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      </section>

      <section className="card card--flush" aria-labelledby={`${ids}-ents`}>
        <h2 id={`${ids}-ents`} className="card__title card__title--padded">
          Your entitlements
        </h2>
        <table className="entitlements">
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Status</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {FEATURES.map((feature: Feature) => {
              const decision = check(feature, { requested: 0 })
              const until = decision.granted ? snapshot?.entitlements[feature]?.expiresAt : null
              return (
                <tr key={feature}>
                  <th scope="row">{names.get(feature) ?? LABELS[feature]}</th>
                  <td>
                    <span
                      className="status-dot"
                      data-granted={decision.granted && !(decision.isFallback && decision.limit === 0)}
                      aria-hidden="true"
                    />
                    {describe(decision, units.get(feature))}
                    {decision.reason === 'soft-limit-exceeded' && ' (over the allowance)'}
                  </td>
                  <td className="muted">
                    {decision.isFallback ? 'fallback' : (decision.source ?? '—')}
                    {until ? ` · until ${shortDate.format(new Date(until))}` : ''}
                    {decision.isStale ? ' · cached' : ''}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </section>
    </>
  )
}
