// Public API of @entitle/server. Node hosting lives in `@entitle/server/node`, the embedded store in
// `@entitle/server/pglite`, the PostgreSQL store in `@entitle/server/postgres`.

export type { CreateCustomerInput, EntitlementsAdmin, InstantInput, SeedResult } from './admin.js'
export { type JwtAuthOptions, jwtAuth } from './auth/jwt.js'
export { staticTokens } from './auth/staticTokens.js'
export { type Authenticate, bearerToken } from './auth/types.js'
export { type Cors, createCors } from './http/cors.js'
export {
  ApiError,
  type ApiErrorCode,
  errorResponse,
  finishResponse,
  jsonResponse,
  toApiError,
} from './http/errors.js'
export { DEFAULT_MAX_BODY_BYTES, onlyFields, readJsonObject } from './http/request.js'
export { secretsEqual } from './http/secret.js'
export { DEFAULT_HEARTBEAT_MS, DEFAULT_MAX_STREAMS_PER_CUSTOMER } from './http/sse.js'
export type { StripeOptions } from './http/stripeWebhook.js'
export type { UsageAnswer } from './operations.js'
export {
  checkSeed,
  customersFromSeed,
  isCustomerId,
  type SeedCustomer,
  type SeedData,
  type SeedEnd,
  SeedError,
  type SeededCustomer,
  seedTokens,
} from './seed.js'
export {
  createEntitlementsServer,
  type EntitlementsServer,
  type EntitlementsServerOptions,
  type RequestContext,
} from './server.js'
export { type MemoryStoreOptions, memoryStore } from './store/memory.js'
export type {
  CustomerRecord,
  NewCustomer,
  StateUpdate,
  Store,
  StoreEvent,
  UsageWrite,
  UsageWriteResult,
} from './store/types.js'
export {
  type ParsedStripeEvent,
  parseStripeEvent,
  STRIPE_SUMMARY_EVENT,
  type StripeActiveEntitlement,
  type StripeActiveEntitlementSummary,
} from './stripe/event.js'
export { STRIPE_TOLERANCE_SECONDS, stripeSignatureHeader, verifyStripeSignature } from './stripe/signature.js'
export { type StripeSnapshotOptions, snapshotFromStripeEntitlements } from './stripe/snapshot.js'
