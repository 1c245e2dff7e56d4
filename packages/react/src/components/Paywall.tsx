'use client'
import type { FeatureKey, Offer, PlanOffer } from '@entitle/core'
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react'
import type { UpsellContext } from '../useUpgradeFlow.js'
import type { LocalizedProps } from './i18n.js'
import { PaywallBadge } from './paywall/PaywallBadge.js'
import { PaywallConfirmation } from './paywall/PaywallConfirmation.js'
import { PaywallContactSalesButton } from './paywall/PaywallContactSalesButton.js'
import { PaywallDescription } from './paywall/PaywallDescription.js'
import { PaywallError } from './paywall/PaywallError.js'
import { PaywallGrants } from './paywall/PaywallGrants.js'
import { PaywallHeader } from './paywall/PaywallHeader.js'
import { PaywallMessage } from './paywall/PaywallMessage.js'
import { PaywallCurrentPlan, PaywallOffer } from './paywall/PaywallOffer.js'
import { PaywallOfferDescription } from './paywall/PaywallOfferDescription.js'
import { PaywallOfferName } from './paywall/PaywallOfferName.js'
import { PaywallOffers } from './paywall/PaywallOffers.js'
import { PaywallPrice } from './paywall/PaywallPrice.js'
import { PaywallStatus } from './paywall/PaywallStatus.js'
import { PaywallTitle } from './paywall/PaywallTitle.js'
import { PaywallTrialButton } from './paywall/PaywallTrialButton.js'
import { PaywallUpgradeButton } from './paywall/PaywallUpgradeButton.js'
import { PaywallContext } from './paywall/paywallContext.js'
import { type PaywallRenderProps, usePaywallModel } from './paywall/usePaywallModel.js'
import { type AsChildProps, Slot } from './primitives/Slot.js'
import { cx } from './shared.js'

export type { PaywallItem, PaywallOfferView } from './paywall/offerViews.js'
export type { PaywallRenderProps, PaywallStatus } from './paywall/usePaywallModel.js'

export interface PaywallProps
  extends Omit<HTMLAttributes<HTMLElement>, 'children'>,
    LocalizedProps,
    AsChildProps {
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
  /**
   * The parts to render (`Paywall.Title`, `.Offers`, `.Message`…, your own markup). Default: title,
   * description, message, confirmation, offers, error and status, as below. A function is the
   * headless form: it renders only what it returns (no element of its own; the parts still work
   * inside it).
   */
  children?: ReactNode | ((paywall: PaywallRenderProps) => ReactNode)
}

const defaultParts = (
  <>
    <PaywallTitle />
    <PaywallDescription />
    <PaywallMessage />
    <PaywallConfirmation />
    <PaywallOffers />
    <PaywallError />
    <PaywallStatus />
  </>
)

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
 * (plan names, descriptions) is rendered as text. `data-state` is its `PaywallStatus`,
 * `data-reason` its `UpsellReason`.
 *
 * Made of parts: `<Paywall.Root feature>` (this component) with `.Title`, `.Description`,
 * `.Message`, `.Confirmation`, `.Offers` (each `.Offer` with `.Badge`, `.OfferName`, `.Price`,
 * `.Grants`, `.OfferDescription`, `.UpgradeButton`, `.ContactSalesButton`, `.TrialButton`), `.Error`
 * and `.Status` as children (the default), or your own markup around them; each takes `asChild`.
 */
const PaywallRoot = forwardRef<HTMLElement, PaywallProps>(function Paywall(props, ref) {
  // The model reads its options from the props; the element gets the others.
  const {
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
    showTrials,
    headingLevel,
    titleId,
    locale,
    messages,
    asChild,
    children,
    className,
    ...rest
  } = props
  const model = usePaywallModel(feature, props)
  const { status } = model
  const Comp = asChild ? Slot : 'section'
  return (
    <PaywallContext.Provider value={model}>
      {typeof children === 'function' ? (
        children(model)
      ) : (
        <Comp
          ref={ref}
          className={cx('entitle-paywall', className)}
          data-state={status}
          data-reason={model.reason}
          aria-labelledby={model.titleId}
          aria-busy={model.blocked || status === 'loading' || undefined}
          {...rest}
        >
          {children ?? defaultParts}
        </Comp>
      )}
    </PaywallContext.Provider>
  )
})

export const Paywall = Object.assign(PaywallRoot, {
  Root: PaywallRoot,
  Header: PaywallHeader,
  Title: PaywallTitle,
  Description: PaywallDescription,
  Message: PaywallMessage,
  Confirmation: PaywallConfirmation,
  Offers: PaywallOffers,
  Offer: PaywallOffer,
  CurrentPlan: PaywallCurrentPlan,
  Badge: PaywallBadge,
  OfferName: PaywallOfferName,
  Price: PaywallPrice,
  Grants: PaywallGrants,
  OfferDescription: PaywallOfferDescription,
  UpgradeButton: PaywallUpgradeButton,
  ContactSalesButton: PaywallContactSalesButton,
  TrialButton: PaywallTrialButton,
  Error: PaywallError,
  Status: PaywallStatus,
})
