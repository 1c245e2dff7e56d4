'use client'
// Every string the components show, and the Intl formatting behind them.
//
// Two ways to localise, which combine (the closest wins):
//   <EntitlementsMessagesProvider locale="de-DE" messages={{ upgrade: 'Jetzt upgraden' }}> … </…>
//   <UsageMeter feature="seats" locale="de-DE" messages={{ usage: ({ usage, limit, unit }) => … }} />
// Numbers, prices and relative times go through Intl with that locale (default: the runtime's).
import type { Price } from '@entitle/core'
import { createContext, type ReactNode, useContext, useMemo } from 'react'
import type { BillingMessages } from './billingMessages.js'

/** Why a paywall or banner is shown, as the components explain it. */
export type UpsellReason =
  | 'not-entitled'
  | 'limit-exceeded'
  | 'soft-limit-exceeded'
  | 'trial-ended'
  | 'expired'
  | 'unknown-feature'
  /** The check was decided by a fallback: the service could not be reached. */
  | 'unavailable'
  /** Granted after all (e.g. a standalone paywall after an upgrade). */
  | 'entitled'

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
  /** Paywall heading. */
  paywallTitle: (reason: UpsellReason, feature: string) => string
  /** Paywall explanation; `usage` ("3 of 3 seats", from `usage`) is set for metered features. */
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
  limitBanner: (state: 'warning' | 'over-soft-limit' | 'exceeded', feature: string, usage: string) => string
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
  paywallTitle: (reason, feature) =>
    reason === 'limit-exceeded'
      ? `You have reached your ${feature} limit`
      : reason === 'soft-limit-exceeded'
        ? `You are over your ${feature} limit`
        : reason === 'trial-ended'
          ? `Your trial of ${feature} has ended`
          : reason === 'expired'
            ? `Your access to ${feature} has expired`
            : reason === 'unknown-feature'
              ? `${feature} is not available`
              : reason === 'unavailable'
                ? `${feature} is unavailable right now`
                : reason === 'entitled'
                  ? `${feature} is included in your plan`
                  : `${feature} is not included in your plan`,
  paywallDescription: (reason, feature, usage) => {
    const used = usage ? ` You have used ${usage}.` : ''
    if (reason === 'limit-exceeded') return `Upgrade to get more.${used}`
    if (reason === 'soft-limit-exceeded')
      return `It still works for now; upgrade to stay within your plan.${used}`
    if (reason === 'trial-ended') return `Choose a plan to keep using ${feature}.`
    if (reason === 'expired') return `Renew or upgrade to use ${feature} again.`
    if (reason === 'unknown-feature') return 'This feature does not exist in the catalog.'
    if (reason === 'unavailable') return 'We could not check your plan. Try again in a moment.'
    if (reason === 'entitled') return 'These plans include it too.'
    return `Upgrade to unlock ${feature}.`
  },
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
  limitBanner: (state, feature, usage) =>
    state === 'exceeded'
      ? `You have reached your ${feature} limit (${usage}). Upgrade to add more.`
      : state === 'over-soft-limit'
        ? `You are over your ${feature} limit (${usage}). Upgrade to avoid interruptions.`
        : `You have used ${usage}. Upgrade before you run out.`,
  trialEnds: (relative) => `Your trial ends ${relative}.`,
  trialEnded: 'Your trial has ended.',
  withAddons: (plan, addons) => [plan, ...addons].join(' + '),
  contactSales: 'Contact sales',
  askAdmin: (name, isAddon) => `Ask an admin to ${isAddon ? 'add' : 'upgrade to'} ${name}`,
  billingAdminsOnly: 'Only a billing admin can change the plan.',
  upgradeRequested: (name) => `Your admins have been asked to upgrade to ${name}.`,
  redirecting: 'Opening checkout…',
  confirming: (name) => `Confirming your upgrade to ${name}…`,
  confirmTimeout: (name) =>
    `Your upgrade to ${name} is not confirmed yet. Payments can take a minute; nothing is lost.`,
  checkAgain: 'Check again',
  checkoutCancelled: 'Checkout cancelled: nothing was charged.',
  pastDue: (date, plan) => `Your last payment failed. Update your payment method by ${date} to keep ${plan}.`,
  unpaid: (plan) => `Your payment is overdue: ${plan} is paused until you update your payment method.`,
  scheduledChange: (date, from, to) => `Your plan changes from ${from} to ${to} on ${date}.`,
  subscriptionEnds: (date, plan) => `Your ${plan} subscription ends on ${date}.`,
  updatePayment: 'Update payment method',
  keepPlan: (plan) => `Keep ${plan}`,
}

export interface MessagesContextValue {
  locale: string | undefined
  messages: EntitlementsMessages
}

// The billing strings join in `useFormatter(…, defaultBillingMessages)`, where they are used.
const MessagesContext = createContext<MessagesContextValue>({
  locale: undefined,
  messages: defaultMessages as EntitlementsMessages,
})

export interface EntitlementsMessagesProviderProps {
  /** BCP 47 locale for numbers, prices, plurals and relative times. Default: inherited, else the runtime's. */
  locale?: string
  /** Strings to override for every component below. Default: inherited, else English. */
  messages?: Partial<EntitlementsMessages>
  children?: ReactNode
}

/** Sets the locale and strings of every Entitle component below it (nested providers merge). */
export function EntitlementsMessagesProvider({
  locale,
  messages,
  children,
}: EntitlementsMessagesProviderProps) {
  const parent = useContext(MessagesContext)
  const value = useMemo(() => merge(parent, locale, messages), [parent, locale, messages])
  return <MessagesContext.Provider value={value}>{children}</MessagesContext.Provider>
}

function merge(
  base: MessagesContextValue,
  locale: string | undefined,
  messages: Partial<EntitlementsMessages> | undefined,
): MessagesContextValue {
  if (locale === undefined && messages === undefined) return base
  return {
    locale: locale ?? base.locale,
    messages: messages ? { ...base.messages, ...messages } : base.messages,
  }
}

/** The props every component takes for localisation. */
export interface LocalizedProps {
  /** BCP 47 locale for numbers, prices, plurals and dates. Default: from `EntitlementsMessagesProvider`, else the runtime's. */
  locale?: string
  /** Strings to override for this component. Default: from `EntitlementsMessagesProvider`, else English. */
  messages?: Partial<EntitlementsMessages>
}

/**
 * The component's formatter: the provider's locale and messages with the component's overrides on
 * top. `defaults`: strings of the component's own that `defaultMessages` does not carry (the billing
 * components' `defaultBillingMessages`), under everything set through providers or props.
 */
export function useFormatter(
  { locale, messages }: LocalizedProps,
  defaults?: Partial<EntitlementsMessages>,
): Formatter {
  const ctx = useContext(MessagesContext)
  return useMemo(() => {
    const merged = merge(ctx, locale, messages)
    return new Formatter(defaults ? { ...merged, messages: { ...defaults, ...merged.messages } } : merged)
  }, [ctx, locale, messages, defaults])
}

type IntlFormat = Intl.NumberFormat | Intl.PluralRules | Intl.RelativeTimeFormat | Intl.DateTimeFormat
const cache = new Map<string, IntlFormat>()
function cached<T extends IntlFormat>(key: string, make: () => T): T {
  let hit = cache.get(key) as T | undefined
  if (!hit) {
    hit = make()
    cache.set(key, hit)
  }
  return hit
}

const DAY = 86_400_000

/** Locale-aware formatting plus the message table, as one object the components read. */
export class Formatter {
  readonly locale: string | undefined
  readonly t: EntitlementsMessages

  constructor({ locale, messages }: MessagesContextValue) {
    this.locale = locale
    this.t = messages
  }

  number(n: number): string {
    return cached(`n${this.locale}`, () => new Intl.NumberFormat(this.locale)).format(n)
  }

  plural(count: number): Intl.LDMLPluralRule {
    return cached(`p${this.locale}`, () => new Intl.PluralRules(this.locale)).select(count)
  }

  /** A catalog unit pluralised for `count` with Intl.PluralRules. */
  unit(unit: string | undefined, count: number): string {
    return unit ? this.t.unit(unit, this.plural(count), count) : ''
  }

  /** "Start 14-day free trial". */
  trial(days: number, planName: string): string {
    return this.t.startTrial(this.number(days), this.plural(days), planName)
  }

  /** `null` = no price ("contact us"); 0 is "free". Amounts are minor units; the currency's own decimals apply (JPY has none). */
  price(price: Price | null): string {
    if (!price) return this.t.contactUs
    if (price.amount === 0) return this.t.free
    let amount: string
    try {
      const fmt = cached(
        `c${this.locale}${price.currency}`,
        () => new Intl.NumberFormat(this.locale, { style: 'currency', currency: price.currency }),
      ) as Intl.NumberFormat
      const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2
      amount = fmt.format(price.amount / 10 ** digits)
    } catch {
      // A currency Intl does not know (or a bad locale): never a crash in render; the plain amount.
      amount = `${this.number(price.amount / 100)} ${String(price.currency)}`
    }
    return this.t.price(amount, price.interval)
  }

  /** "Dec 8, 2026" (the date in UTC, as billing periods are). */
  date(iso: string): string {
    try {
      return cached(
        `d${this.locale}`,
        () => new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeZone: 'UTC' }),
      ).format(Date.parse(iso))
    } catch {
      // An instant Intl cannot format (or a bad locale): never a crash in render; the text as sent.
      return iso
    }
  }

  /**
   * Several prices paid together (a plan and its add-ons): "$68.00 / month", "$360.00 / year + $19.00 /
   * month"; "Contact us" when any is `null`, "Free" when all are 0.
   */
  total(prices: readonly (Price | null)[]): string {
    if (prices.includes(null)) return this.t.contactUs
    const sums = new Map<string, Price>()
    for (const p of prices as Price[]) {
      const key = p.currency + p.interval
      const sum = sums.get(key)
      sums.set(key, sum ? { ...sum, amount: sum.amount + p.amount } : p)
    }
    const parts = [...sums.values()].filter((p) => p.amount > 0).map((p) => this.price(p))
    return parts.length === 0 ? this.t.free : parts.join(' + ')
  }

  /** "in 4 days", "tomorrow", "in 3 hours", "2 days ago". */
  relative(iso: string, now: number): string {
    const diff = Date.parse(iso) - now
    const rtf = cached(
      `r${this.locale}`,
      () => new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto' }),
    ) as Intl.RelativeTimeFormat
    const abs = Math.abs(diff)
    if (abs >= DAY) return rtf.format(Math.round(diff / DAY), 'day')
    if (abs >= DAY / 24) return rtf.format(Math.round(diff / (DAY / 24)), 'hour')
    return rtf.format(Math.round(diff / 60_000), 'minute')
  }

  /** The strings of a metered usage: "3 of 5 seats" parts. */
  usage(usage: number, limit: number | null, unit: string | undefined): UsageArgs {
    return {
      usage: this.number(usage),
      limit: limit === null ? '' : this.number(limit),
      unit: this.unit(unit, limit ?? usage),
    }
  }
}
