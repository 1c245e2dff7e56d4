// `@entitle/core/engine`: the rules every Entitle backend runs on, and the pure parts of the client
// (types, validation, evaluate, plansThatUnlock), in one entry with no query-core, no React and no
// `node:` imports: it runs in Node, browsers and edge runtimes. `@entitle/server`, the mock server
// and `@entitle/react/testing` compute with it; nothing else holds a copy of these rules.

export { type EvaluateOptions, evaluate, type FeatureInfo, featureInfoFromCatalog } from '../evaluate.js'
export { nextPeriodStart, periodStart } from '../periods.js'
export { type Offer, plansThatUnlock, type UnlockOptions } from '../plansThatUnlock.js'
export type * from '../types.js'
export { parseCatalog, parseGrant, parseSnapshot } from '../validate.js'
export { type CatalogIndex, grantOf, indexCatalog, isSoldWith } from './catalogIndex.js'
export { type CombinedGrant, type Contribution, combineGrants, latestExpiry, SOURCE_RANK } from './combine.js'
export {
  type ComputedEntitlements,
  computeEntitlements,
  currentUsage,
  stripeGrantFor,
  toEntitlement,
} from './computeEntitlements.js'
export { customerFromSnapshot } from './customerFromSnapshot.js'
export {
  type BillingState,
  type CustomerState,
  type CustomerUsage,
  emptyCustomerState,
  type OverrideGrant,
  type StripeEventMark,
  setOwn,
  type TimedGrant,
  type UsageRecord,
  usageRecordOf,
} from './customerState.js'
export {
  clearOverride,
  endPromotions,
  grantPromotion,
  type OverrideInput,
  type PromotionInput,
  setOverride,
} from './grants.js'
export { checkIdempotencyKey, checkReplay, IDEMPOTENCY_TTL_MS, usageFingerprint } from './idempotency.js'
export {
  currentPeriodEnd,
  effectiveState,
  isUnpaid,
  markPastDue,
  planGrantsFor,
  resolvePastDue,
  subscriptionInfo,
  withTerms,
} from './lifecycle.js'
export { RULE_ERROR_STATUS, RuleError, type RuleErrorCode } from './ruleError.js'
export {
  applyStripeSummary,
  isLaterEvent,
  type StripeSummary,
  type StripeSummaryResult,
} from './stripeSummary.js'
export { changeSubscription, type SubscriptionChange } from './subscription.js'
export {
  applyUsage,
  planUsage,
  type UsageOutcome,
  type UsagePlan,
  type UsageRequest,
  type UsageResponse,
  usageRecordAfter,
  usageResponse,
  usedInPeriod,
} from './usage.js'
export {
  buildSnapshot,
  initialVersionMark,
  isVersionCurrent,
  nextVersionMark,
  snapshotInstant,
  type VersionMark,
} from './versioning.js'
