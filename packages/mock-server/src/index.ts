// Public API of @entitle/mock-server: @entitle/server configured for development. Node-only pieces
// live in `@entitle/mock-server/node`, MSW handlers in `@entitle/mock-server/msw`.

export { nextPeriodStart, periodStart } from '@entitle/core/engine'
// The seed format, the Stripe helpers and errors are the server's; re-exported under their names.
export {
  ApiError,
  type ApiErrorCode,
  checkSeed,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_BODY_BYTES,
  parseStripeEvent,
  type RequestContext,
  type SeedCustomer,
  type SeedData,
  type SeedEnd,
  SeedError,
  STRIPE_SUMMARY_EVENT,
  STRIPE_TOLERANCE_SECONDS,
  type StripeActiveEntitlement,
  type StripeActiveEntitlementSummary,
  type StripeSnapshotOptions,
  snapshotFromStripeEntitlements,
  stripeSignatureHeader,
  verifyStripeSignature,
} from '@entitle/server'
export {
  type CheckoutControl,
  type CheckoutSession,
  DEFAULT_CHECKOUT_DELAY_MS,
  DEFAULT_CHECKOUT_TTL_MS,
} from './checkout.js'
export {
  createHandler,
  type HandlerOptions,
  type MockControl,
  type MockHandler,
  type OutageState,
} from './handler.js'
export { defaultSeed, logPilotCatalog } from './seed.js'
