/**
 * Machine-readable error codes of the mock server's HTTP API. Every error response is
 * `{ "error": { "code": ApiErrorCode, "message": string } }`.
 */
export type ApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'invalid_json'
  | 'invalid_request'
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
  | 'invalid_signature'
  | 'timestamp_outside_tolerance'
  | 'stripe_not_configured'
  | 'cors_origin_not_allowed'
  | 'service_unavailable'
  | 'persistence_failed'
  | 'internal'

/** An error that becomes a JSON error response. Thrown by the store and the handler alike. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly code: ApiErrorCode
  /** Extra response headers (e.g. `Allow` on a 405). */
  readonly headers: Record<string, string> | undefined

  constructor(status: number, code: ApiErrorCode, message: string, headers?: Record<string, string>) {
    super(message)
    this.status = status
    this.code = code
    this.headers = headers
  }

  /** The JSON body of this error. */
  toBody(): string {
    return JSON.stringify({ error: { code: this.code, message: this.message } })
  }
}

const JSON_TYPE = 'application/json; charset=utf-8'

// Bodies of the responses built here, so the Node host can write the string without reading the
// Response's stream back (a measurable share of a small request's cost).
const bodies = new WeakMap<Response, string>()

/** The body a JSON response was built with, if it was built here. */
export function knownBody(response: Response): string | undefined {
  return bodies.get(response)
}

/** A JSON response from an already serialized body (lets callers reuse cached JSON strings). */
export function rawJsonResponse(body: string, status = 200, headers?: Record<string, string>): Response {
  const response = new Response(body, {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers },
  })
  bodies.set(response, body)
  return response
}

/** A JSON response. */
export function jsonResponse(value: unknown, status = 200, headers?: Record<string, string>): Response {
  return rawJsonResponse(JSON.stringify(value), status, headers)
}

/** The JSON error response of an `ApiError`. */
export function errorResponse(error: ApiError): Response {
  return rawJsonResponse(error.toBody(), error.status, error.headers)
}
