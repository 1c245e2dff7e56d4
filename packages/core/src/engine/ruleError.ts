// The one error a rule raises. Every backend turns it into the HTTP contract's JSON error
// (`{ "error": { "code", "message" } }`) with `status`; the codes are part of that contract.

/** Machine-readable codes of the rules' refusals. */
export type RuleErrorCode =
  | 'invalid_request'
  | 'not_found'
  | 'unknown_feature'
  | 'not_metered'
  | 'not_entitled'
  | 'unknown_plan'
  | 'unknown_addon'
  | 'addon_not_available'
  | 'trial_not_available'
  | 'trial_already_used'
  | 'limit_exceeded'
  | 'idempotency_key_reused'

/** HTTP status of each code: 4xx only, since a rule refuses what the caller asked for. */
export const RULE_ERROR_STATUS: Readonly<Record<RuleErrorCode, 400 | 404 | 409 | 422>> = {
  invalid_request: 400,
  not_found: 404,
  unknown_feature: 400,
  not_metered: 400,
  not_entitled: 409,
  unknown_plan: 400,
  unknown_addon: 400,
  addon_not_available: 400,
  trial_not_available: 400,
  trial_already_used: 409,
  limit_exceeded: 409,
  idempotency_key_reused: 422,
}

/** A request the rules refuse. The message names the field or the limit, for a developer to read. */
export class RuleError extends Error {
  override readonly name = 'RuleError'
  readonly code: RuleErrorCode
  readonly status: 400 | 404 | 409 | 422

  constructor(code: RuleErrorCode, message: string) {
    super(message)
    this.code = code
    this.status = RULE_ERROR_STATUS[code]
  }

  /** The JSON body of this refusal in the HTTP contract. */
  toBody(): string {
    return JSON.stringify({ error: { code: this.code, message: this.message } })
  }
}
