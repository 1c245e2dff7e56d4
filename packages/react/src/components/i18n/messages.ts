// Every string the components show: the message table's shape (`EntitlementsMessages`) and its
// English defaults. Strings that depend on a reason or a state are tables keyed by it (`Record<…>`),
// so a reason without text does not compile.
import type { Price } from '@entitle/core'
import type { BillingMessages } from '../billingMessages.js'
import type { LimitBannerState, UpsellReason } from '../states.js'
import { upgradeStatusMessages } from './upgradeStatusMessages.js'

export type { UpsellReason } from '../states.js'

const titles: Record<UpsellReason, (feature: string) => string> = {
  'not-entitled': (feature) => `${feature} is not included in your plan`,
  'limit-exceeded': (feature) => `You have reached your ${feature} limit`,
  'soft-limit-exceeded': (feature) => `You are over your ${feature} limit`,
  'trial-ended': (feature) => `Your trial of ${feature} has ended`,
  expired: (feature) => `Your access to ${feature} has expired`,
  'unknown-feature': (feature) => `${feature} is not available`,
  unavailable: (feature) => `${feature} is unavailable right now`,
  entitled: (feature) => `${feature} is included in your plan`,
}

/** `used` is " You have used 3 of 3 seats." for metered features, else empty. */
const descriptions: Record<UpsellReason, (feature: string, used: string) => string> = {
  'not-entitled': (feature) => `Upgrade to unlock ${feature}.`,
  'limit-exceeded': (_, used) => `Upgrade to get more.${used}`,
  'soft-limit-exceeded': (_, used) => `It still works for now; upgrade to stay within your plan.${used}`,
  'trial-ended': (feature) => `Choose a plan to keep using ${feature}.`,
  expired: (feature) => `Renew or upgrade to use ${feature} again.`,
  'unknown-feature': () => 'This feature does not exist in the catalog.',
  unavailable: () => 'We could not check your plan. Try again in a moment.',
  entitled: () => 'These plans include it too.',
}

const limitBanners: Record<LimitBannerState, (feature: string, usage: string) => string> = {
  warning: (_, usage) => `You have used ${usage}. Upgrade before you run out.`,
  'over-soft-limit': (feature, usage) =>
    `You are over your ${feature} limit (${usage}). Upgrade to avoid interruptions.`,
  exceeded: (feature, usage) => `You have reached your ${feature} limit (${usage}). Upgrade to add more.`,
}

export interface UsageArgs {
  /** Formatted usage, e.g. "3" or "52,300". */
  usage: string
  /** Formatted limit. */
  limit: string
  /** The unit, already pluralised for the number it follows (`limit`, or `usage` when unlimited). */
  unit: string
}

/**
 * Every string of the components. Functions receive values already formatted for the locale.
 * Override any subset through `EntitlementsMessagesProvider` or a component's `messages` prop.
 */
export interface EntitlementsMessages extends BillingMessages {
  /** Pluralises a catalog unit ("seat") for a count. Default: English, adds "s" unless the plural category is `one`. */
  unit: (unit: string, category: Intl.LDMLPluralRule, count: number) => string
  /** Default: "3 of 5 seats". */
  usage: (args: UsageArgs) => string
  /** Usage of an unlimited meter. Default: "3 seats used". */
  usageUnlimited: (args: Omit<UsageArgs, 'limit'>) => string
  /** `relative` is Intl.RelativeTimeFormat output ("in 4 days"). Default: "Resets in 4 days". */
  resets: (relative: string) => string
  /** Status line of a meter near its limit. Default: "Almost at the limit". */
  meterWarning: string
  /** Default: "Limit reached". */
  meterAtLimit: string
  /** Past a hard limit (e.g. after a downgrade). Default: "Over the limit". */
  meterOverLimit: string
  /** Past a soft limit: over the allowance, still working. Default: "Over your allowance, still working". */
  meterOverSoftLimit: string
  /** Default: "Unlimited". */
  meterUnlimited: string
  /** Default: "Not included in your plan". */
  meterNotEntitled: string
  /** A meter granted by a fallback, without numbers (service unavailable). Default: "Usage is unavailable right now". */
  meterUnavailable: string
  /** Default: "Loading…". */
  loading: string
  /** Shown when a decision was made by a fallback or on stale data. Default: "Usage may be out of date". */
  stale: string
  /** Paywall heading, per reason. Default: "You have reached your Seats limit", "AI assistant is not included in your plan"… */
  paywallTitle: (reason: UpsellReason, feature: string) => string
  /**
   * Paywall explanation, per reason; `usage` ("3 of 3 seats", from `usage`) is set for metered
   * features. Default: "Upgrade to get more. You have used 3 of 3 seats.", "Upgrade to unlock AI assistant."…
   */
  paywallDescription: (reason: UpsellReason, feature: string, usage?: string) => string
  /** Button of a plan offer. Default: "Upgrade to Premium". */
  upgradeTo: (planName: string) => string
  /** Button of an add-on offer. Default: "Add +5 seats". */
  addAddon: (addonName: string) => string
  /** Default: "$49.00 / month", "$25.00 once". */
  price: (amount: string, interval: Price['interval']) => string
  /** A plan without a price. Default: "Contact us". */
  contactUs: string
  /** A price of 0. Default: "Free". */
  free: string
  /** Badge on the customer's current plan. Default: "Current plan". */
  currentPlan: string
  /** Badge on the cheapest offer. Default: "Lowest price". */
  cheapest: string
  /** What an offer grants for a metered feature. Default: "10 seats", "Unlimited seats". */
  grants: (limit: string | null, unit: string) => string
  /** What an offer grants for a boolean or config feature. Default: "Includes AI assistant". */
  includes: (feature: string) => string
  /** The current plan lacks the feature. Default: "Not included". */
  notIncluded: string
  /** The catalog could not be loaded. Default: "Plans cannot be loaded right now. Try again in a moment." */
  plansUnavailable: string
  /** Default: "Upgrading…". */
  pending: string
  /**
   * Secondary button of a plan with a free trial. `days` is formatted; `category` is its Intl.PluralRules
   * category (for languages that inflect). Default: "Start 14-day free trial".
   */
  startTrial: (days: string, category: Intl.LDMLPluralRule, planName: string) => string
  /** Default: "Starting trial…". */
  trialPending: string
  /** `message` comes from the error. Default: "The trial could not be started: {message}". */
  trialFailed: (message: string) => string
  /** The server refused a second trial of a plan (`trial_already_used`). Default: "You have already used your free trial of {plan}." */
  trialAlreadyUsed: (planName: string) => string
  /** `message` comes from the error. Default: "The upgrade did not go through: {message}". */
  upgradeFailed: (message: string) => string
  /** Default: "Done: you now have {feature}." */
  upgraded: (feature: string) => string
  /** No plan or add-on unlocks the feature. Default: "No plan includes {feature}; contact us." */
  noOffers: (feature: string) => string
  /** Default: "Loading plans…". */
  loadingPlans: string
  /** Accessible name of the dialog's close button. Default: "Close". */
  close: string
  /** Call to action of the banners. Default: "Upgrade". */
  upgrade: string
  /** LimitBanner text. `state` is its data-state (the meter's limit state); `usage` ("3 of 3 seats") comes from `usage`. */
  limitBanner: (state: LimitBannerState, feature: string, usage: string) => string
  /** TrialBanner while the trial runs; `relative` is "in 2 days". Default: "Your trial ends in 2 days." */
  trialEnds: (relative: string) => string
  /** Default: "Your trial has ended." */
  trialEnded: string
  /** An offer of a plan with the add-ons it needs. Default: "Premium + AI assistant". */
  withAddons: (planName: string, addonNames: readonly string[]) => string
  /** Button of a sales-led offer (no price, or `salesLed`). Default: "Contact sales". */
  contactSales: string
  /**
   * Button of an offer for a member who may not manage billing (`canManageBilling`). Default:
   * "Ask an admin to upgrade to Premium", "Ask an admin to add +5 seats".
   */
  askAdmin: (offerName: string, isAddon: boolean) => string
  /** Above the offers, for a member who may not manage billing. Default: "Only a billing admin can change the plan." */
  billingAdminsOnly: string
  /** After `onRequestUpgrade` resolved. Default: "Your admins have been asked to upgrade to Premium." */
  upgradeRequested: (offerName: string) => string
  /** The chosen button while the paywall goes to a hosted checkout. Default: "Opening checkout…". */
  redirecting: string
  /** While the entitlement is on its way (after a checkout, or an in-app upgrade). Default: "Confirming your upgrade to Premium…". */
  confirming: (offerName: string) => string
  /** It did not arrive within the time given. Default: "Your upgrade to Premium is not confirmed yet. Payments can take a minute; nothing is lost." */
  confirmTimeout: (offerName: string) => string
  /** Waits for the confirmation again. Default: "Check again". */
  checkAgain: string
  /** Back from a cancelled checkout. Default: "Checkout cancelled: nothing was charged." */
  checkoutCancelled: string
  /** `date` is formatted ("Dec 8, 2026"). Default: "Your last payment failed. Update your payment method by Dec 8, 2026 to keep Premium." */
  pastDue: (date: string, planName: string) => string
  /** After the grace period. Default: "Your payment is overdue: Premium is paused until you update your payment method." */
  unpaid: (planName: string) => string
  /** A change scheduled for the end of the period. Default: "Your plan changes from Premium to Basic on Dec 1, 2026." */
  scheduledChange: (date: string, fromPlan: string, toPlan: string) => string
  /** A cancellation scheduled for the end of the period. Default: "Your Premium subscription ends on Dec 1, 2026." */
  subscriptionEnds: (date: string, planName: string) => string
  /** Default: "Update payment method". */
  updatePayment: string
  /** Cancels a scheduled change. Default: "Keep Premium". */
  keepPlan: (planName: string) => string
}

/**
 * The default (English) strings of the components in `@entitle/react`'s first load. The billing
 * components' (`PricingTable`, `CustomerPortal`) are `defaultBillingMessages`, shipped with them.
 */
export const defaultMessages: Omit<EntitlementsMessages, keyof BillingMessages> = {
  unit: (unit, category) => (category === 'one' || unit === '' ? unit : `${unit}s`),
  usage: ({ usage, limit, unit }) => `${usage} of ${limit} ${unit}`.trim(),
  usageUnlimited: ({ usage, unit }) => `${usage} ${unit} used`.replace('  ', ' '),
  resets: (relative) => `Resets ${relative}`,
  meterWarning: 'Almost at the limit',
  meterAtLimit: 'Limit reached',
  meterOverLimit: 'Over the limit',
  meterOverSoftLimit: 'Over your allowance, still working',
  meterUnlimited: 'Unlimited',
  meterNotEntitled: 'Not included in your plan',
  meterUnavailable: 'Usage is unavailable right now',
  loading: 'Loading…',
  stale: 'Usage may be out of date',
  paywallTitle: (reason, feature) => titles[reason](feature),
  paywallDescription: (reason, feature, usage) =>
    descriptions[reason](feature, usage ? ` You have used ${usage}.` : ''),
  upgradeTo: (name) => `Upgrade to ${name}`,
  addAddon: (name) => `Add ${name}`,
  price: (amount, interval) => (interval === 'one_time' ? `${amount} once` : `${amount} / ${interval}`),
  contactUs: 'Contact us',
  free: 'Free',
  currentPlan: 'Current plan',
  cheapest: 'Lowest price',
  grants: (limit, unit) => (limit === null ? `Unlimited ${unit}` : `${limit} ${unit}`),
  includes: (feature) => `Includes ${feature}`,
  notIncluded: 'Not included',
  plansUnavailable: 'Plans cannot be loaded right now. Try again in a moment.',
  pending: 'Upgrading…',
  startTrial: (days) => `Start ${days}-day free trial`,
  trialPending: 'Starting trial…',
  trialFailed: (message) => `The trial could not be started: ${message}`,
  trialAlreadyUsed: (name) => `You have already used your free trial of ${name}.`,
  upgradeFailed: (message) => `The upgrade did not go through: ${message}`,
  upgraded: (feature) => `Done: you now have ${feature}.`,
  noOffers: (feature) => `No plan includes ${feature}; contact us.`,
  loadingPlans: 'Loading plans…',
  close: 'Close',
  upgrade: 'Upgrade',
  limitBanner: (state, feature, usage) => limitBanners[state](feature, usage),
  trialEnds: (relative) => `Your trial ends ${relative}.`,
  trialEnded: 'Your trial has ended.',
  withAddons: (plan, addons) => [plan, ...addons].join(' + '),
  contactSales: 'Contact sales',
  askAdmin: (name, isAddon) => `Ask an admin to ${isAddon ? 'add' : 'upgrade to'} ${name}`,
  billingAdminsOnly: 'Only a billing admin can change the plan.',
  upgradeRequested: (name) => `Your admins have been asked to upgrade to ${name}.`,
  redirecting: 'Opening checkout…',
  ...upgradeStatusMessages,
  checkoutCancelled: 'Checkout cancelled: nothing was charged.',
  pastDue: (date, plan) => `Your last payment failed. Update your payment method by ${date} to keep ${plan}.`,
  unpaid: (plan) => `Your payment is overdue: ${plan} is paused until you update your payment method.`,
  scheduledChange: (date, from, to) => `Your plan changes from ${from} to ${to} on ${date}.`,
  subscriptionEnds: (date, plan) => `Your ${plan} subscription ends on ${date}.`,
  updatePayment: 'Update payment method',
  keepPlan: (plan) => `Keep ${plan}`,
}
