// The HTTP contract's errors: every error response is `{ "error": { "code", "message" } }`.
import { RuleError, type RuleErrorCode } from '@entitle/core/engine'

/** Machine-readable error codes of the HTTP API: the rules' codes and the transport's own. */
export type ApiErrorCode =
  | RuleErrorCode
  | 'unauthorized'
  | 'forbidden'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'invalid_json'
  | 'invalid_signature'
  | 'timestamp_outside_tolerance'
  | 'stripe_not_configured'
  | 'stripe_summary_incomplete'
  | 'cors_origin_not_allowed'
  | 'too_many_connections'
  | 'customer_exists'
  | 'service_unavailable'
  | 'internal'

/** An error that becomes a JSON error response. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly code: ApiErrorCode
  /** Extra response headers (e.g. `Allow` on a 405, `WWW-Authenticate` on a 401). */
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

  /** A rule's refusal as an HTTP error. */
  static fromRule(error: RuleError): ApiError {
    return new ApiError(error.status, error.code, error.message)
  }
}

/** Any thrown value as an `ApiError`: rules keep their status, anything else is a logged 500. */
export function toApiError(error: unknown, log: (message: string, error: unknown) => void): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof RuleError) return ApiError.fromRule(error)
  log('unexpected error', error)
  return new ApiError(500, 'internal', 'internal error')
}

const JSON_TYPE = 'application/json; charset=utf-8'

// JSON responses are built without a body stream, their text kept beside them: creating a
// ReadableStream per response is the largest single cost of a small request. The Node host writes
// the text itself (`knownBody`); for every other caller `finishResponse` gives the response its body.
const bodies = new WeakMap<Response, string>()
// Requests of a host that writes `knownBody` itself (the Node host): their responses stay light.
const writesKnownBodies = new WeakSet<Request>()

/** The body a JSON response was built with, if it was built here. */
export function knownBody(response: Response): string | undefined {
  return bodies.get(response)
}

/** Marks a request of a host that writes `knownBody(response)` itself (package-internal: the Node host). */
export function hostWritesKnownBody(request: Request): Request {
  writesKnownBodies.add(request)
  return request
}

/**
 * The response as the caller of the handler gets it: with its body as a stream, unless the request
 * came from a host that writes known bodies itself. Idempotent.
 */
export function finishResponse(request: Request, response: Response): Response {
  const body = bodies.get(response)
  if (body === undefined || response.body !== null || writesKnownBodies.has(request)) return response
  const full = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
  bodies.set(full, body)
  return full
}

/** A JSON response from an already serialized body (lets callers reuse cached JSON strings). */
export function rawJsonResponse(body: string, status = 200, headers?: Record<string, string>): Response {
  const response = new Response(null, {
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

/** 405 with the `Allow` header. */
export function methodNotAllowed(allow: string): ApiError {
  return new ApiError(405, 'method_not_allowed', `use ${allow}`, { allow })
}
