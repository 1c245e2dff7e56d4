// Public API of @entitle/mock-server. Node-only pieces live in `@entitle/mock-server/node`,
// MSW handlers in `@entitle/mock-server/msw`.

export {
  type CombinedGrant,
  type Contribution,
  combine,
  computeEntitlements,
  SOURCE_RANK,
} from './compute.js'
export { ApiError, type ApiErrorCode } from './errors.js'
export {
  createHandler,
  type HandlerOptions,
  type MockControl,
  type MockHandler,
  type OutageState,
  type RequestContext,
} from './handler.js'
export type { IdempotencyOptions } from './idempotency.js'
export { nextPeriodStart, periodStart } from './periods.js'
export { DEFAULT_MAX_BODY_BYTES } from './request.js'
export {
  checkSeed,
  defaultSeed,
  logPilotCatalog,
  type SeedCustomer,
  type SeedData,
  type SeedEnd,
  SeedError,
  stateFromSeed,
} from './seed.js'
export { DEFAULT_HEARTBEAT_MS } from './sse.js'
export type { CustomerRecord, PersistedState, ServerState, StatePersistence } from './state.js'
export { type CustomerView, MockStore, type StoreOptions } from './store.js'
export {
  parseStripeEvent,
  STRIPE_SUMMARY_EVENT,
  STRIPE_TOLERANCE_SECONDS,
  type StripeActiveEntitlement,
  type StripeActiveEntitlementSummary,
  type StripeSnapshotOptions,
  snapshotFromStripeEntitlements,
  stripeSignatureHeader,
  verifyStripeSignature,
} from './stripe.js'
