// Public API of @entitle/core. Keep this list explicit: it is the package's contract.

export {
  type CatalogDefinition,
  type CatalogFeatures,
  type CatalogValue,
  type CatalogValues,
  defineCatalog,
  type GrantsDefinition,
} from './catalog.js'
// rememberCheckout and PENDING_CHECKOUT_KEY are `@entitle/core/checkout`: a paywall loads them only
// on its way to a hosted checkout.
export type { CheckoutReturnMatcher, PendingCheckout } from './checkout.js'
export { createEntitlementsClient } from './client.js'
export type {
  ChangePlanOptions,
  CheckFreshOptions,
  CheckoutState,
  ClearPersistedOptions,
  ConfigValues,
  EntitlementsClient,
  EntitlementsClientOptions,
  EntitlementsClientState,
  EntitlementsQueryOptions,
  LiveStatus,
  ReportUsageOptions,
  StorageLike,
  UsageResult,
} from './clientTypes.js'
export type { DevOverride, DevOverrides } from './devOverrides.js'
export { EntitlementsError, type EntitlementsErrorCode } from './errors.js'
export {
  type EvaluateOptions,
  effectiveUsage,
  evaluate,
  type FeatureInfo,
  featureInfoFromCatalog,
} from './evaluate.js'
export { offerTaken, type TakenOffer } from './offerTaken.js'
export { nextPeriodStart, periodStart } from './periods.js'
export {
  type AddonOffer,
  type Offer,
  type OfferAddon,
  type OfferChange,
  type OfferCost,
  type PlanOffer,
  plansThatUnlock,
  type UnlockOptions,
} from './plansThatUnlock.js'
export type {
  Addon,
  BooleanEntitlement,
  Catalog,
  CheckOptions,
  ConfigEntitlement,
  ConfigValue,
  Decision,
  DecisionReason,
  Enforcement,
  Entitlement,
  EntitlementEvent,
  EntitlementsSnapshot,
  FailMode,
  FallbackGrant,
  Feature,
  FeatureIdsOf,
  FeatureKey,
  FeatureKind,
  Grant,
  GrantSource,
  MeteredEntitlement,
  Plan,
  Price,
  Register,
  ResetPeriod,
  SalesTerms,
  SubscriptionInfo,
  SubscriptionStatus,
} from './types.js'
export { parseCatalog, parseMeteredEntitlement, parseSnapshot, parseUsageResult } from './validate.js'
export type { WaitCondition, WaitForOptions } from './waitFor.js'
