'use client'
import {
  type Decision,
  type FeatureKey,
  type Grant,
  type Offer,
  type PlanOffer,
  plansThatUnlock,
} from '@entitle/core'
import { forwardRef, type HTMLAttributes, type ReactNode, useEffect, useId, useMemo, useRef } from 'react'
import { useCatalog } from '../useCatalog.js'
import { useEntitlement } from '../useEntitlement.js'
import { useEntitlements } from '../useEntitlements.js'
import { useTrack } from '../useTrack.js'
import { type UpgradeFlowStatus, type UpsellContext, useUpgradeFlow } from '../useUpgradeFlow.js'
import { type LocalizedProps, type UpsellReason, useFormatter } from './i18n.js'
import { Icon } from './icons.js'
import { cx, upsellReasonOf, useFeature } from './shared.js'
import { UpgradeStatus } from './UpgradeStatus.js'
import { useNow } from './useNow.js'

/**
 * `loading`: no decision or catalog yet; `idle`: offers shown; then the upgrade flow's states (see
 * `UpgradeFlowStatus`): `pending`, `redirecting` (to a hosted checkout), `confirming`, `timeout`,
 * `error`, `success`, `requested` (an admin was asked), `cancelled` (back from a cancelled checkout).
 */
export type PaywallStatus = 'loading' | UpgradeFlowStatus

/** One offer as the paywall shows it. */
export interface PaywallOfferView {
  /** What `plansThatUnlock` returned; passed to `onUpgrade`. */
  offer: Offer
  /** Its name: "Premium", or "Premium + AI assistant" for a plan with the add-ons it needs. */
  name: string
  /**
   * The button: "Upgrade to Premium" / "Add +5 seats"; "Contact sales" for a sales-led offer; "Ask an
   * admin to upgrade to Premium" for a member who may not manage billing.
   */
  action: string
  /** What the action does: buy it, contact sales, or ask an admin. */
  kind: 'upgrade' | 'contact-sales' | 'ask-admin'
  /** "$49.00 / month" (the total for a plan with add-ons), or "Contact us". */
  price: string
  /** What the customer would have for this feature: "10 seats", "Unlimited seats", "Includes AI assistant". */
  grants: string
  /** The cheapest offer in the customer's currency (highlighted). */
  isCheapest: boolean
  /**
   * "Start 14-day free trial" for a plan with `trialDays > 0`; `null` when no trial is offered
   * (add-ons, the current plan, sales-led plans, members who may not buy, `showTrials={false}`, or
   * while a trial is running).
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
  /** The name of the offer the flow is about (also on the way back from a checkout). */
  selectedName: string | null
  /** Whether `selected` was a trial start rather than an upgrade. */
  selectedTrial: boolean
  /** The error's own message after a failed upgrade or trial start. */
  error: string | null
  /** The sentence the paywall shows for that error ("You have already used your free trial of Enterprise."). */
  errorText: string | null
  /** Whether the user may buy (`canManageBilling`); if not, offers are "Ask an admin". */
  canManageBilling: boolean
  /** Starts an upgrade (tracks it, calls `onUpgrade`, follows a redirect, confirms the entitlement). */
  upgrade: (offer: Offer) => Promise<void>
  /** Starts the plan's free trial (tracks it, calls `onStartTrial`, updates `status`). */
  startTrial: (offer: PlanOffer) => Promise<void>
  /** "Contact sales" on a sales-led offer (tracks it, calls `onContactSales`). */
  contactSales: (offer: Offer) => void
  /** "Ask an admin" (tracks it, calls `onRequestUpgrade`). */
  requestUpgrade: (offer: Offer) => Promise<void>
  /** After a `timeout`: waits for the entitlement again. */
  checkAgain: () => void
}

export interface PaywallProps extends Omit<HTMLAttributes<HTMLElement>, 'children'>, LocalizedProps {
  /** The blocked feature. */
  feature: FeatureKey
  /** Units the user asked for (metered features): offers must allow `usage + requested`. Default: 1 for metered features. */
  requested?: number
  /**
   * Performs the upgrade for the chosen offer. May resolve (the change is made in-app: the paywall
   * refreshes the client and shows "Confirming…" until the entitlement arrives, then every `<Gate>`
   * opens without a reload), resolve `{ redirectUrl }` (a hosted checkout such as Stripe Checkout: the
   * paywall remembers the purchase and navigates there; on the way back, the client's
   * `checkoutReturn` recognises the return and the paywall and Gate confirm it), or reject (its
   * message is shown; the offers can be tried again). A second click while one runs does nothing.
   * Default: `changePlan(offer.change.planId, { addons: offer.change.addons })` on the nearest
   * provider (for an add-on: the add-ons already owned plus this one).
   */
  onUpgrade?: (offer: Offer) => Promise<unknown>
  /** Called once the entitlement arrived after an in-app upgrade (or a trial start). Default: none. */
  onUpgraded?: (offer: Offer) => void
  /**
   * Starts the free trial of a plan offered with `trialDays > 0` (the secondary "Start 14-day free
   * trial" button). Pending and error states as for `onUpgrade`. Default:
   * `changePlan(offer.id, { trial: true })` of the nearest provider.
   */
  onStartTrial?: (offer: PlanOffer) => Promise<unknown>
  /**
   * "Contact sales" on a sales-led offer (no price, or `salesLed` in the catalog): e.g. open your
   * sales form. The paywall never changes the subscription for such an offer. Default: none, and the
   * button is a link to the offer's `contactUrl` when the catalog gives one.
   */
  onContactSales?: (offer: Offer, context: UpsellContext) => unknown
  /**
   * For a member who may not manage billing (the provider's `canManageBilling`): "Ask an admin to
   * upgrade" asks your admins (an e-mail, a notification). May return a promise (pending state).
   * Default: none (the request is only reported as `upgrade_requested`).
   */
  onRequestUpgrade?: (offer: Offer, context: UpsellContext) => unknown
  /** How long to wait for the entitlement after an in-app upgrade before "Check again", ms. Default 30_000. */
  confirmTimeoutMs?: number
  /** Where the paywall is shown; `PaywallDialog` sets `'dialog'` (reopened on the way back from a checkout). Default `'inline'`. */
  surface?: 'inline' | 'dialog'
  /** How to go to a hosted checkout (`{ redirectUrl }`). Default: `window.location.assign(url)`. */
  navigate?: (url: string) => void
  /** Offer free trials of plans that have one (never while a trial is running). Default `true`. */
  showTrials?: boolean
  /** Heading level of the title (`h2` by default); offers use the next level. Default `2`. */
  headingLevel?: 2 | 3 | 4 | 5
  /** The title's id (e.g. for a dialog's `aria-labelledby`). Default: generated. */
  titleId?: string
  /** Render-prop form, for headless use: renders only what it returns. */
  children?: (paywall: PaywallRenderProps) => ReactNode
}

/**
 * Explains what is blocked and why, and offers what unlocks it (from the catalog through
 * `plansThatUnlock`: plans alone or with the add-ons they need, add-ons on the current plan; cheapest
 * in the customer's currency first and highlighted, the current plan marked). Plans with a free
 * trial also get a "Start 14-day free trial" button (`showTrials`, `onStartTrial`); sales-led offers
 * get "Contact sales" (`onContactSales`); a member who may not manage billing gets "Ask an admin to
 * upgrade" (`onRequestUpgrade`) and no way to buy. An upgrade may go to a hosted checkout and back
 * (`onUpgrade` resolving `{ redirectUrl }`): the paywall shows "Confirming your upgrade…" until the
 * entitlement arrives, "Check again" after a timeout. Reports `paywall_viewed`, `upgrade_clicked`,
 * `upgrade_completed`, `upgrade_failed` (a trial start too, with the plan's id),
 * `contact_sales_clicked` and `upgrade_requested` to the client's `onEvent`. Text from the server
 * (plan names, descriptions) is rendered as text.
 */
export const Paywall = forwardRef<HTMLElement, PaywallProps>(function Paywall(
  {
    feature,
    requested,
    onUpgrade,
    onUpgraded,
    onStartTrial,
    onContactSales,
    onRequestUpgrade,
    confirmTimeoutMs,
    surface,
    navigate,
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
  const { snapshot } = useEntitlements()
  const { catalog, error: catalogError } = useCatalog()
  const info = useFeature(feature)
  const track = useTrack()
  const f = useFormatter({ locale, messages })
  const { t } = f
  const generatedId = useId()
  const headingId = titleId ?? generatedId
  const currentPlanId = snapshot?.plan?.id
  /** "Premium + AI assistant" for a plan with the add-ons it needs; on the current plan, the add-ons. */
  const nameOf = (offer: Offer): string => {
    const added = offer.type === 'plan' ? offer.addons : []
    if (added.length === 0) return offer.name
    const names = added.map((a) => a.name)
    return offer.id === currentPlanId
      ? t.withAddons(names[0] ?? '', names.slice(1))
      : t.withAddons(offer.name, names)
  }
  const flow = useUpgradeFlow({
    describe: nameOf,
    feature,
    requested,
    reason: decision.reason,
    onUpgrade,
    onStartTrial,
    onContactSales,
    onRequestUpgrade,
    onUpgraded,
    confirmTimeoutMs,
    surface,
    navigate,
  })

  // On the server and while hydrating, the snapshot's own instant: the same on both sides.
  const now = useNow() ?? (snapshot ? Date.parse(snapshot.generatedAt) : 0)
  const trialEndsAt = snapshot?.trialEndsAt
  const reason = upsellReasonOf(decision, trialEndsAt, now)
  const trialRunning = trialEndsAt != null && Date.parse(trialEndsAt) > now
  // Owned add-ons (an optional wire field: older backends omit it) are never offered again and are
  // kept when another add-on is bought.
  const ownedAddons = snapshot?.addons
  const owned = useMemo(() => (ownedAddons ?? []).map((a) => a.id), [ownedAddons])
  const loading = decision.reason === 'loading' || (catalog === undefined && catalogError === null)
  const status: PaywallStatus = loading && flow.status === 'idle' ? 'loading' : flow.status

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

  const name = info?.name ?? feature
  const usageText =
    decision.usage !== undefined && typeof decision.limit === 'number'
      ? t.usage(f.usage(decision.usage, decision.limit, info?.unit))
      : undefined
  const title = t.paywallTitle(reason, name)
  const description = t.paywallDescription(reason, name, usageText)
  const buyer = flow.canManageBilling
  const cheapest = offers.find((o) => !o.isCurrent && o.comparable && !o.salesLed)
  const grantText = (grant: Grant | undefined) =>
    grant === undefined
      ? t.notIncluded
      : grant.kind === 'metered'
        ? t.grants(grant.limit === null ? null : f.number(grant.limit), f.unit(info?.unit, grant.limit ?? 2))
        : t.includes(name)
  const views = offers.map<PaywallOfferView>((offer) => {
    const added = offer.type === 'plan' ? offer.addons : []
    const onCurrent = offer.type === 'addon' || (offer.id === currentPlanId && added.length > 0)
    const offerName = nameOf(offer)
    const kind = !buyer ? 'ask-admin' : offer.salesLed ? 'contact-sales' : 'upgrade'
    return {
      offer,
      name: offerName,
      kind,
      action:
        kind === 'ask-admin'
          ? t.askAdmin(offerName, onCurrent)
          : kind === 'contact-sales'
            ? t.contactSales
            : onCurrent
              ? t.addAddon(offerName)
              : t.upgradeTo(offerName),
      price: added.length === 0 ? f.price(offer.price) : f.total([offer.price, ...added.map((a) => a.price)]),
      grants: grantText(offer.grant),
      isCheapest: offer === cheapest,
      trial:
        buyer &&
        showTrials &&
        !trialRunning &&
        !offer.salesLed &&
        offer.type === 'plan' &&
        !offer.isCurrent &&
        offer.trialDays > 0
          ? f.trial(offer.trialDays, offer.name)
          : null,
    }
  })
  const selectedName = flow.offerName
  const errorText =
    flow.error === null
      ? null
      : flow.usedTrial
        ? t.trialAlreadyUsed(flow.offer?.name ?? '')
        : flow.action === 'trial'
          ? t.trialFailed(flow.error)
          : t.upgradeFailed(flow.error)
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
      selected: flow.offer,
      selectedName,
      selectedTrial: flow.action === 'trial',
      error: flow.error,
      errorText,
      canManageBilling: buyer,
      upgrade: flow.upgrade,
      startTrial: flow.startTrial,
      contactSales: flow.contactSales,
      requestUpgrade: flow.requestUpgrade,
      checkAgain: flow.checkAgain,
    })

  const H = `h${headingLevel}` as 'h2'
  const H2 = `h${headingLevel + 1}` as 'h3'
  // Every button waits while something runs, or while the page leaves for a checkout.
  const blocked = status === 'pending' || status === 'redirecting'
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
      aria-disabled={blocked || undefined}
      aria-busy={busyHere || undefined}
      onClick={() => void onClick()}
    >
      {busyHere && <span className="entitle-spinner" aria-hidden="true" />}
      {busyHere ? busyText : text}
    </button>
  )
  const actionOf = (view: PaywallOfferView) => {
    const { offer } = view
    const variant = view.isCheapest ? undefined : 'secondary'
    const mine = blocked && flow.offer === offer
    if (view.kind === 'ask-admin')
      return button(mine, t.pending, view.action, variant, () => flow.requestUpgrade(offer))
    if (view.kind === 'contact-sales')
      return onContactSales === undefined && offer.contactUrl !== undefined ? (
        <a
          className="entitle-button"
          data-variant="secondary"
          href={offer.contactUrl}
          onClick={() => flow.contactSales(offer)}
        >
          {view.action}
        </a>
      ) : (
        button(false, '', view.action, 'secondary', () => flow.contactSales(offer))
      )
    return button(
      mine && flow.action === 'upgrade',
      status === 'redirecting' ? t.redirecting : t.pending,
      view.action,
      variant,
      () => flow.upgrade(offer),
    )
  }
  const waiting = status === 'confirming' || status === 'timeout'
  const politeText =
    status === 'success'
      ? t.upgraded(name)
      : status === 'requested'
        ? t.upgradeRequested(selectedName ?? '')
        : status === 'cancelled'
          ? t.checkoutCancelled
          : null
  return (
    <section
      ref={ref}
      className={cx('entitle-paywall', className)}
      data-state={status}
      data-reason={reason}
      aria-labelledby={headingId}
      aria-busy={blocked || status === 'loading' || undefined}
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
      ) : waiting ? (
        <UpgradeStatus
          status={status}
          offerName={selectedName ?? ''}
          onCheckAgain={flow.checkAgain}
          locale={f.locale}
          messages={t}
        />
      ) : status === 'success' ? null : catalog === undefined ? (
        <p className="entitle-paywall__message">
          <Icon name="clock" />
          {t.plansUnavailable}
        </p>
      ) : views.length === 0 ? (
        <p className="entitle-paywall__message">{t.noOffers(name)}</p>
      ) : (
        <>
          {!buyer && (
            <p className="entitle-paywall__message" data-kind="info">
              <Icon name="lock" />
              {t.billingAdminsOnly}
            </p>
          )}
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
                      {grantText(
                        Object.hasOwn(current.grants, feature) ? current.grants[feature] : undefined,
                      )}
                    </p>
                  </>
                )}
              </li>
            )}
            {views.map((view) => {
              const { offer } = view
              const mine = blocked && flow.offer === offer
              return (
                <li
                  key={`${offer.type}:${offer.id}:${view.name}`}
                  className="entitle-paywall__offer"
                  data-kind={offer.type}
                  data-sales-led={offer.salesLed ? '' : undefined}
                  data-current={offer.isCurrent ? '' : undefined}
                  data-highlighted={view.isCheapest ? '' : undefined}
                >
                  {(view.isCheapest || offer.isCurrent) && (
                    <span className="entitle-paywall__badges">
                      {offer.isCurrent ? (
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
                  <H2 className="entitle-paywall__offer-name">{view.name}</H2>
                  <p className="entitle-paywall__price">{view.price}</p>
                  {view.grants && <p className="entitle-paywall__offer-detail">{view.grants}</p>}
                  {offer.description && <p className="entitle-paywall__offer-detail">{offer.description}</p>}
                  {!offer.isCurrent && (
                    <div className="entitle-paywall__actions">
                      {actionOf(view)}
                      {view.trial !== null &&
                        offer.type === 'plan' &&
                        button(mine && flow.action === 'trial', t.trialPending, view.trial, 'quiet', () =>
                          flow.startTrial(offer),
                        )}
                    </div>
                  )}
                </li>
              )
            })}
          </ul>
        </>
      )}
      {status === 'error' && errorText !== null && (
        <p className="entitle-paywall__message" data-kind="error" role="alert">
          <Icon name="warning" />
          {errorText}
        </p>
      )}
      {/* Always present (empty until there is news) so assistive technology announces the change. */}
      <p
        className="entitle-paywall__message"
        data-kind={status === 'cancelled' ? 'info' : 'success'}
        role="status"
      >
        {politeText !== null && (
          <>
            <Icon name={status === 'cancelled' ? 'close' : 'check'} />
            {politeText}
          </>
        )}
      </p>
    </section>
  )
})
