// Idempotency of usage reports: one key, one report. A replay with the same key and the same
// request gets the first answer again and counts nothing; the same key with another request is
// refused (422), since the client has mixed up two reports.
import { RuleError } from './ruleError.js'
import type { UsageRequest } from './usage.js'

/** How long a backend remembers a key: 24 h. A client must not replay an older report. */
export const IDEMPOTENCY_TTL_MS = 86_400_000

/** The identity of a request that a replay under the same key must match. */
export function usageFingerprint(request: UsageRequest): string {
  return JSON.stringify([request.feature, request.amount])
}

const KEY_SYNTAX = /^[A-Za-z0-9._:~+=@/-]{1,255}$/

/**
 * Checks an idempotency key: 1 to 255 characters of `A-Z a-z 0-9 . _ : ~ + = @ / -` (UUIDs, ULIDs and
 * prefixed ids fit). Anything else is a 400 rather than a key that a log or a header mangles.
 */
export function checkIdempotencyKey(key: string, field = 'idempotencyKey'): string {
  if (!KEY_SYNTAX.test(key)) {
    throw new RuleError(
      'invalid_request',
      `${field}: must be 1-255 characters of letters, digits and . _ : ~ + = @ / - (got ${key.length} characters)`,
    )
  }
  return key
}

/** A replay's answer: the stored one when the request matches, else the 422 refusal (thrown). */
export function checkReplay(storedFingerprint: string, request: UsageRequest, key: string): void {
  if (storedFingerprint !== usageFingerprint(request)) {
    throw new RuleError(
      'idempotency_key_reused',
      `idempotencyKey "${key}" was already used for a different request (feature or amount differ)`,
    )
  }
}
