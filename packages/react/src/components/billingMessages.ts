// The strings of the billing components (PricingTable, CustomerPortal and its sections), apart from
// `defaultMessages` so that an app without these components does not download them. They are part of
// `EntitlementsMessages`: override them like any other (`EntitlementsMessagesProvider`, `messages`).

/** The billing components' strings (part of `EntitlementsMessages`). */
export interface BillingMessages {
  /** Heading of a pricing table. Default: "Plans". */
  pricingTitle: string
  /** Legend of the monthly / yearly switch. Default: "Billing period". */
  billingPeriod: string
  /** A billing interval of the switch. Default: "Monthly", "Yearly". */
  billingInterval: (interval: 'month' | 'year') => string
  /** The yearly saving against the monthly price; `percent` is formatted ("17%"). Default: "Save 17%". */
  savePercent: (percent: string) => string
  /** A boolean feature a plan includes. Default: "Included". */
  included: string
  /** A meter that resets every period. Default: "1,000 calls / month". */
  perPeriod: (allowance: string, period: 'day' | 'week' | 'month' | 'year') => string
  /** A config value with its unit (pluralised), e.g. "14 days"; `unit` is empty when the catalog has none. */
  configValue: (value: string, unit: string) => string
  /** Button of a plan cheaper than the current one. Default: "Switch to Basic". */
  switchTo: (planName: string) => string
  /** Badge of the plan a scheduled change goes to; `date` is formatted. Default: "From Dec 1, 2026". */
  startsOn: (date: string) => string
  /** Badge of the plan (or add-on) that unlocks the feature asked about. Default: "Unlocks AI assistant". */
  unlocks: (feature: string) => string
  /** The feature matrix's scrollable region. Default: "Compare plans". */
  comparePlans: string
  /** The pricing table's corner header (the features column). Default: "Feature". */
  featureHeader: string
  /** Heading of the add-ons. Default: "Add-ons". */
  addonsTitle: string
  /** The plans an add-on is sold with. Default: "With Premium". */
  availableWith: (planNames: string) => string
  /** An add-on the customer has. Default: "Added". */
  owned: string
  /** After an add-on was removed. Default: "+5 seats removed." */
  addonRemoved: (addonName: string) => string
  /** Removes an owned add-on. Default: "Remove +5 seats". */
  removeAddon: (addonName: string) => string
  /** The add-ons with a plan. Default: "with +5 seats, AI assistant". */
  withAddonsList: (addonNames: string) => string
  /** Button of the customer portal to the plans. Default: "Change plan". */
  changePlan: string
  /** Heading of the customer portal. Default: "Your subscription". */
  portalTitle: string
  /** Where a subscription stands (`snapshot.subscription.status`). Default: "Active", "Trial", "Payment overdue", "Unpaid", "No plan". */
  subscriptionStatus: (status: 'active' | 'trialing' | 'past_due' | 'unpaid' | 'none') => string
  /** `date` is formatted. Default: "Renews on Dec 1, 2026". */
  renewsOn: (date: string) => string
  /** Default: "Trial until Dec 1, 2026". */
  trialUntil: (date: string) => string
  /** Heading of the usage section. Default: "Usage". */
  usageTitle: string
  /** No metered feature in the snapshot. Default: "Nothing here is metered." */
  noMeters: string
  /** Heading of the owned add-ons. Default: "Your add-ons". */
  ownedAddonsTitle: string
  /** No add-on owned. Default: "No add-ons yet." */
  noAddons: string
  /** Heading of the entitlements' sources. Default: "What your plan includes". */
  sourcesTitle: string
  /** Where an entitlement comes from. Default: "Plan", "Add-on", "Trial", "Promotion", "Override". */
  grantSource: (source: 'plan' | 'addon' | 'trial' | 'promotion' | 'override') => string
  /** An entitlement's end; `date` is formatted. Default: "Until Dec 1, 2026". */
  until: (date: string) => string
  /** An entitlement without an end. Default: "No end date". */
  noEnd: string
  /** Column headers of the sources table. Default: "Feature", "What you have", "From", "Ends". */
  sourcesColumns: { feature: string; value: string; source: string; ends: string }
}

/** The billing components' default (English) strings. */
export const defaultBillingMessages: BillingMessages = {
  pricingTitle: 'Plans',
  billingPeriod: 'Billing period',
  billingInterval: (interval) => (interval === 'year' ? 'Yearly' : 'Monthly'),
  savePercent: (percent) => `Save ${percent}`,
  included: 'Included',
  perPeriod: (allowance, period) => `${allowance} / ${period}`,
  configValue: (value, unit) => `${value} ${unit}`.trim(),
  switchTo: (name) => `Switch to ${name}`,
  startsOn: (date) => `From ${date}`,
  unlocks: (feature) => `Unlocks ${feature}`,
  comparePlans: 'Compare plans',
  featureHeader: 'Feature',
  addonsTitle: 'Add-ons',
  availableWith: (plans) => `With ${plans}`,
  owned: 'Added',
  addonRemoved: (name) => `${name} removed.`,
  removeAddon: (name) => `Remove ${name}`,
  withAddonsList: (names) => `with ${names}`,
  changePlan: 'Change plan',
  portalTitle: 'Your subscription',
  subscriptionStatus: (status) =>
    ({ active: 'Active', trialing: 'Trial', past_due: 'Payment overdue', unpaid: 'Unpaid', none: 'No plan' })[
      status
    ],
  renewsOn: (date) => `Renews on ${date}`,
  trialUntil: (date) => `Trial until ${date}`,
  usageTitle: 'Usage',
  noMeters: 'Nothing here is metered.',
  ownedAddonsTitle: 'Your add-ons',
  noAddons: 'No add-ons yet.',
  sourcesTitle: 'What your plan includes',
  grantSource: (source) =>
    ({ plan: 'Plan', addon: 'Add-on', trial: 'Trial', promotion: 'Promotion', override: 'Override' })[source],
  until: (date) => `Until ${date}`,
  noEnd: 'No end date',
  sourcesColumns: { feature: 'Feature', value: 'What you have', source: 'From', ends: 'Ends' },
}
