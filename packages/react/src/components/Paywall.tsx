'use client'
import {
  type Decision,
  type FeatureKey,
  type Grant,
  type Offer,
  type PlanOffer,
  plansThatUnlock,
} from '@entitle/core'
import {
  forwardRef,
  type HTMLAttributes,
  type ReactNode,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react'
import { useCatalog } from '../useCatalog.js'
import { useEntitlement } from '../useEntitlement.js'
import { useEntitlements } from '../useEntitlements.js'
import { useTrack } from '../useTrack.js'
import { type LocalizedProps, type UpsellReason, useFormatter } from './i18n.js'
import { Icon } from './icons.js'
import { cx, upsellReasonOf, useFeature } from './shared.js'
import { useNow } from './useNow.js'

/**
 * `loading`: no decision or catalog yet; `idle`: offers shown; `pending`: `onUpgrade` (or a trial
 * start) runs; `error`: it failed; `success`: it resolved.
 */
export type PaywallStatus = 'loading' | 'idle' | 'pending' | 'error' | 'success'

/** One offer as the paywall shows it. */
export interface PaywallOfferView {
  /** What `plansThatUnlock` returned; passed to `onUpgrade`. */
  offer: Offer
  /** "Upgrade to Premium" / "Add +5 seats". */
  action: string
  /** "$49.00 / month", or "Contact us". */
  price: string
  /** What the customer would have for this feature: "10 seats", "Unlimited seats", "Includes AI assistant". */
  grants: string
  /** The cheapest offer (highlighted). */
  isCheapest: boolean
  /**
   * "Start 14-day free trial" for a plan with `trialDays > 0`; `null` when no trial is offered
   * (add-ons, the current plan, `showTrials={false}`, or while a trial is running).
   */
  trial: string | null
}

export interface PaywallRenderProps {
  decision: Decision
  reason: UpsellReason
  status: PaywallStatus
  title: string
  description: string
  offers: PaywallOfferView[]
  /** The current plan's name, when known. */
  currentPlan: string | undefined
  /** The offer being upgraded to (pending), or the last one tried. */
  selected: Offer | null
  /** Whether `selected` was a trial start rather than an upgrade. */
  selectedTrial: boolean
  /** The error's own message after a failed upgrade or trial start. */
  error: string | null
  /** The sentence the paywall shows for that error ("You have already used your free trial of Enterprise."). */
  errorText: string | null
  /** Starts an upgrade (tracks it, calls `onUpgrade`, updates `status`). */
  upgrade: (offer: Offer) => Promise<void>
  /** Starts the plan's free trial (tracks it, calls `onStartTrial`, updates `status`). */
  startTrial: (offer: PlanOffer) => Promise<void>
}

export interface PaywallProps extends Omit<HTMLAttributes<HTMLElement>, 'children'>, LocalizedProps {
  /** The blocked feature. */
  feature: FeatureKey
  /** Units the user asked for (metered features): offers must allow `usage + requested`. Default: 1 for metered features. */
  requested?: number
  /**
   * Performs the upgrade for the chosen offer, typically by calling `useEntitlements().changePlan(…)`,
   * which updates the snapshot so every `<Gate>` opens without a reload. While its promise is
   * pending the paywall shows a pending state; a rejection shows its message.
   * Default: `changePlan(offer.id)` for a plan, and for an add-on `changePlan(offer.planId, { addons })`
   * with the add-ons already owned plus this one, on the nearest provider.
   */
  onUpgrade?: (offer: Offer) => Promise<unknown>
  /** Called after `onUpgrade` (or a trial start) resolved. Default: none. */
  onUpgraded?: (offer: Offer) => void
  /**
   * Starts the free trial of a plan offered with `trialDays > 0` (the secondary "Start 14-day free
   * trial" button). Pending and error states as for `onUpgrade`. Default:
   * `changePlan(offer.id, { trial: true })` of the nearest provider.
   */
  onStartTrial?: (offer: PlanOffer) => Promise<unknown>
  /** Offer free trials of plans that have one (never while a trial is running). Default `true`. */
  showTrials?: boolean
  /** Heading level of the title (`h2` by default); offers use the next level. Default `2`. */
  headingLevel?: 2 | 3 | 4 | 5
  /** The title's id (e.g. for a dialog's `aria-labelledby`). Default: generated. */
  titleId?: string
  /** Render-prop form, for headless use: renders only what it returns. */
  children?: (paywall: PaywallRenderProps) => ReactNode
}

type Upgrade = {
  status: 'idle' | 'pending' | 'error' | 'success'
  offer: Offer | null
  trial: boolean
  error: string | null
  /** The server refused the trial: this plan's trial was used before. */
  used: boolean
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
// The server answers `409 trial_already_used` (kept by the client as `serverCode`); an app's own
// `onStartTrial` may reject with that code directly.
const usedTrial = (error: unknown) => {
  const e = error as { code?: unknown; serverCode?: unknown } | null
  return e?.serverCode === 'trial_already_used' || e?.code === 'trial_already_used'
}

/**
 * Explains what is blocked and why, and offers the plans and add-ons that unlock it (from the
 * catalog through `plansThatUnlock`, cheapest first and highlighted, the current plan marked).
 * Plans with a free trial also get a "Start 14-day free trial" button (`showTrials`, `onStartTrial`).
 * Reports `paywall_viewed`, `upgrade_clicked`, `upgrade_completed` and `upgrade_failed` (a trial start
 * too, with the plan's id) to the client's `onEvent`. Text from the server (plan names, descriptions)
 * is rendered as text.
 */
export const Paywall = forwardRef<HTMLElement, PaywallProps>(function Paywall(
  {
    feature,
    requested,
    onUpgrade,
    onUpgraded,
    onStartTrial,
    showTrials = true,
    headingLevel = 2,
    titleId,
    locale,
    messages,
    children,
    className,
    ...rest
  },
  ref,
) {
  const decision = useEntitlement(feature, requested === undefined ? undefined : { requested })
  const { snapshot, changePlan } = useEntitlements()
  const { catalog, error: catalogError } = useCatalog()
  const info = useFeature(feature)
  const track = useTrack()
  const f = useFormatter({ locale, messages })
  const { t } = f
  const generatedId = useId()
  const headingId = titleId ?? generatedId
  const [upgrade, setUpgrade] = useState<Upgrade>({
    status: 'idle',
    offer: null,
    trial: false,
    error: null,
    used: false,
  })
  const busy = useRef(false)

  // On the server and while hydrating, the snapshot's own instant: the same on both sides.
  const now = useNow() ?? (snapshot ? Date.parse(snapshot.generatedAt) : 0)
  const trialEndsAt = snapshot?.trialEndsAt
  const reason = upsellReasonOf(decision, trialEndsAt, now)
  const trialRunning = trialEndsAt != null && Date.parse(trialEndsAt) > now
  const currentPlanId = snapshot?.plan?.id
  // Owned add-ons (an optional wire field: older backends omit it) are never offered again and are
  // kept when another add-on is bought.
  const ownedAddons = snapshot?.addons
  const owned = useMemo(() => (ownedAddons ?? []).map((a) => a.id), [ownedAddons])
  const loading = decision.reason === 'loading' || (catalog === undefined && catalogError === null)
  const status: PaywallStatus = loading && upgrade.status === 'idle' ? 'loading' : upgrade.status

  const offers = useMemo<Offer[]>(
    () =>
      catalog
        ? plansThatUnlock(catalog, feature, {
            ...(requested === undefined ? {} : { requested }),
            ...(decision.usage === undefined ? {} : { usage: decision.usage }),
            currentPlanId: currentPlanId ?? null,
            currentAddons: owned,
          })
        : [],
    [catalog, feature, requested, decision.usage, currentPlanId, owned],
  )

  // One `paywall_viewed` per feature and reason the user actually sees.
  const viewed = useRef('')
  useEffect(() => {
    const key = `${feature}\u0000${decision.reason}`
    if (decision.reason === 'loading' || decision.granted || viewed.current === key) return
    viewed.current = key
    track({ type: 'paywall_viewed', feature, reason: decision.reason })
  }, [feature, decision.reason, decision.granted, track])

  const run = async (offer: Offer, trial = false) => {
    if (busy.current) return
    busy.current = true
    const event = { feature, reason: decision.reason, planId: offer.id, ...(trial ? { trial } : {}) }
    const done = (status: Upgrade['status'], error: unknown = null) =>
      setUpgrade({
        status,
        offer,
        trial,
        error: error === null ? null : messageOf(error),
        used: trial && usedTrial(error),
      })
    track({ type: 'upgrade_clicked', ...event })
    done('pending')
    try {
      await (trial
        ? onStartTrial
          ? onStartTrial(offer as PlanOffer)
          : changePlan(offer.id, { trial: true })
        : onUpgrade
          ? onUpgrade(offer)
          : offer.type === 'addon'
            ? changePlan(offer.planId, { addons: [...owned.filter((id) => id !== offer.id), offer.id] })
            : changePlan(offer.id))
      track({ type: 'upgrade_completed', ...event })
      done('success')
      onUpgraded?.(offer)
    } catch (error) {
      track({ type: 'upgrade_failed', ...event, error: messageOf(error) })
      done('error', error)
    } finally {
      busy.current = false
    }
  }
  const startTrial = (offer: PlanOffer) => run(offer, true)

  const name = info?.name ?? feature
  const usageText =
    decision.usage !== undefined && typeof decision.limit === 'number'
      ? t.usage(f.usage(decision.usage, decision.limit, info?.unit))
      : undefined
  const title = t.paywallTitle(reason, name)
  const description = t.paywallDescription(reason, name, usageText)
  const cheapest = offers.find((o) => !o.isCurrent && o.monthlyTotal !== null)
  const grantText = (grant: Grant | undefined) =>
    grant === undefined
      ? t.notIncluded
      : grant.kind === 'metered'
        ? t.grants(grant.limit === null ? null : f.number(grant.limit), f.unit(info?.unit, grant.limit ?? 2))
        : t.includes(name)
  const views = offers.map<PaywallOfferView>((offer) => ({
    offer,
    action: offer.type === 'addon' ? t.addAddon(offer.name) : t.upgradeTo(offer.name),
    price: f.price(offer.price),
    grants: grantText(offer.grant),
    isCheapest: offer === cheapest,
    trial:
      showTrials && !trialRunning && offer.type === 'plan' && !offer.isCurrent && offer.trialDays > 0
        ? f.trial(offer.trialDays, offer.name)
        : null,
  }))
  const errorText =
    upgrade.error === null
      ? null
      : upgrade.used
        ? t.trialAlreadyUsed(upgrade.offer?.name ?? '')
        : upgrade.trial
          ? t.trialFailed(upgrade.error)
          : t.upgradeFailed(upgrade.error)
  const currentPlan = snapshot?.plan?.name
  const current = catalog?.plans.find((p) => p.id === currentPlanId)

  if (children)
    return children({
      decision,
      reason,
      status,
      title,
      description,
      offers: views,
      currentPlan,
      selected: upgrade.offer,
      selectedTrial: upgrade.trial,
      error: upgrade.error,
      errorText,
      upgrade: run,
      startTrial,
    })

  const H = `h${headingLevel}` as 'h2'
  const H2 = `h${headingLevel + 1}` as 'h3'
  const pending = status === 'pending'
  const button = (
    busyHere: boolean,
    busyText: string,
    text: string,
    variant: 'secondary' | 'quiet' | undefined,
    onClick: () => unknown,
  ) => (
    <button
      type="button"
      className="entitle-button"
      data-variant={variant}
      // aria-disabled (not disabled) keeps keyboard focus on the button while it works.
      aria-disabled={pending || undefined}
      aria-busy={busyHere || undefined}
      onClick={() => void onClick()}
    >
      {busyHere && <span className="entitle-spinner" aria-hidden="true" />}
      {busyHere ? busyText : text}
    </button>
  )
  return (
    <section
      ref={ref}
      className={cx('entitle-paywall', className)}
      data-state={status}
      data-reason={reason}
      aria-labelledby={headingId}
      aria-busy={pending || status === 'loading' || undefined}
      {...rest}
    >
      <H className="entitle-paywall__title" id={headingId}>
        <Icon
          name={reason === 'limit-exceeded' ? 'blocked' : reason === 'soft-limit-exceeded' ? 'over' : 'lock'}
        />
        <span>{title}</span>
      </H>
      <p className="entitle-paywall__description">{description}</p>
      {status === 'loading' ? (
        <p className="entitle-paywall__message">
          <span className="entitle-spinner" aria-hidden="true" />
          {t.loadingPlans}
        </p>
      ) : status === 'success' ? null : catalog === undefined ? (
        <p className="entitle-paywall__message">
          <Icon name="clock" />
          {t.plansUnavailable}
        </p>
      ) : views.length === 0 ? (
        <p className="entitle-paywall__message">{t.noOffers(name)}</p>
      ) : (
        <ul className="entitle-paywall__offers">
          {currentPlan && !views.some((v) => v.offer.type === 'plan' && v.offer.isCurrent) && (
            <li className="entitle-paywall__offer" data-current="">
              <span className="entitle-paywall__badges">
                <span className="entitle-badge" data-kind="current">
                  {t.currentPlan}
                </span>
              </span>
              <H2 className="entitle-paywall__offer-name">{currentPlan}</H2>
              {current && (
                <>
                  <p className="entitle-paywall__price">{f.price(current.price)}</p>
                  <p className="entitle-paywall__offer-detail">
                    {grantText(Object.hasOwn(current.grants, feature) ? current.grants[feature] : undefined)}
                  </p>
                </>
              )}
            </li>
          )}
          {views.map((view) => {
            const mine = pending && upgrade.offer === view.offer
            const { offer } = view
            return (
              <li
                key={`${view.offer.type}:${view.offer.id}`}
                className="entitle-paywall__offer"
                data-kind={view.offer.type}
                data-current={view.offer.isCurrent ? '' : undefined}
                data-highlighted={view.isCheapest ? '' : undefined}
              >
                {(view.isCheapest || view.offer.isCurrent) && (
                  <span className="entitle-paywall__badges">
                    {view.offer.isCurrent ? (
                      <span className="entitle-badge" data-kind="current">
                        {t.currentPlan}
                      </span>
                    ) : (
                      <span className="entitle-badge" data-kind="cheapest">
                        <Icon name="check" />
                        {t.cheapest}
                      </span>
                    )}
                  </span>
                )}
                <H2 className="entitle-paywall__offer-name">{view.offer.name}</H2>
                <p className="entitle-paywall__price">{view.price}</p>
                {view.grants && <p className="entitle-paywall__offer-detail">{view.grants}</p>}
                {view.offer.description && (
                  <p className="entitle-paywall__offer-detail">{view.offer.description}</p>
                )}
                {!offer.isCurrent && (
                  <div className="entitle-paywall__actions">
                    {button(
                      mine && !upgrade.trial,
                      t.pending,
                      view.action,
                      view.isCheapest ? undefined : 'secondary',
                      () => run(offer),
                    )}
                    {view.trial !== null &&
                      offer.type === 'plan' &&
                      button(mine && upgrade.trial, t.trialPending, view.trial, 'quiet', () =>
                        startTrial(offer),
                      )}
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {status === 'error' && errorText !== null && (
        <p className="entitle-paywall__message" data-kind="error" role="alert">
          <Icon name="warning" />
          {errorText}
        </p>
      )}
      {/* Always present (empty until success) so assistive technology announces the change. */}
      <p className="entitle-paywall__message" data-kind="success" role="status">
        {status === 'success' && (
          <>
            <Icon name="check" />
            {t.upgraded(name)}
          </>
        )}
      </p>
    </section>
  )
})
