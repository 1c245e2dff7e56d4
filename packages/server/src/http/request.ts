import { ApiError } from './errors.js'

/** Default request body limit: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

const tooLarge = (max: number): ApiError =>
  new ApiError(413, 'payload_too_large', `request body exceeds ${max} bytes`, { connection: 'close' })

// Bodies a host has already read (the Node host buffers them anyway). Handing the bytes over
// beside the Request spares a ReadableStream per request, the largest cost of a small POST.
const bufferedBodies = new WeakMap<Request, Uint8Array>()

/** Attaches an already-read body to a body-less `Request` (package-internal, used by the Node host). */
export function attachBody(request: Request, body: Uint8Array): Request {
  bufferedBodies.set(request, body)
  return request
}

/**
 * Reads a request body as text, stopping as soon as it grows past `maxBytes` (so an oversized
 * body is refused without being buffered whole).
 */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes)
  const buffered = bufferedBodies.get(request)
  if (buffered) {
    if (buffered.byteLength > maxBytes) throw tooLarge(maxBytes)
    return decode(buffered)
  }
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const c of chunks) {
    bytes.set(c, offset)
    offset += c.byteLength
  }
  return decode(bytes)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new ApiError(400, 'invalid_json', 'request body is not valid UTF-8')
  }
}

/** Parses JSON text; malformed JSON is a 400 `invalid_json`. */
export function parseJson(text: string): unknown {
  if (text.trim() === '')
    throw new ApiError(400, 'invalid_json', 'request body is empty; expected a JSON object')
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ApiError(
      400,
      'invalid_json',
      `request body is not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`,
    )
  }
}

/** Reads a JSON object body. */
export async function readJsonObject(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  const value = parseJson(await readText(request, maxBytes))
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, 'invalid_request', 'request body must be a JSON object')
  }
  return value as Record<string, unknown>
}

const invalid = (field: string, message: string): ApiError =>
  new ApiError(400, 'invalid_request', `${field}: ${message}`)

/** A required non-empty string field (at most `maxLength` characters). */
export function stringField(body: Record<string, unknown>, field: string, maxLength = 200): string {
  const value = body[field]
  if (value === undefined) throw invalid(field, 'is required')
  if (typeof value !== 'string') throw invalid(field, `must be a string, got ${describe(value)}`)
  if (value === '') throw invalid(field, 'must not be empty')
  if (value.length > maxLength) throw invalid(field, `must be at most ${maxLength} characters`)
  return value
}

/** An optional non-empty string field. */
export function optionalStringField(
  body: Record<string, unknown>,
  field: string,
  maxLength = 200,
): string | undefined {
  return body[field] === undefined ? undefined : stringField(body, field, maxLength)
}

/** A required non-zero safe integer (JSON has no NaN or Infinity; strings and fractions are refused). */
export function nonZeroIntegerField(body: Record<string, unknown>, field: string): number {
  const value = body[field]
  if (value === undefined) throw invalid(field, 'is required')
  if (typeof value !== 'number') throw invalid(field, `must be an integer, got ${describe(value)}`)
  if (!Number.isFinite(value)) throw invalid(field, 'must be a finite integer')
  if (!Number.isInteger(value)) throw invalid(field, `must be an integer, got ${value}`)
  if (!Number.isSafeInteger(value)) throw invalid(field, 'is too large')
  if (value === 0) throw invalid(field, 'must not be 0 (positive consumes, negative releases)')
  return value
}

/** An optional boolean field. */
export function optionalBooleanField(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field]
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') throw invalid(field, `must be a boolean, got ${describe(value)}`)
  return value
}

/** An optional array of non-empty strings, without duplicates. */
export function optionalStringArrayField(body: Record<string, unknown>, field: string): string[] | undefined {
  const value = body[field]
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw invalid(field, `must be an array of strings, got ${describe(value)}`)
  const seen = new Set<string>()
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'string' || item === '')
      throw invalid(`${field}[${i}]`, `must be a non-empty string, got ${describe(item)}`)
    if (seen.has(item)) throw invalid(`${field}[${i}]`, `duplicate "${item}"`)
    seen.add(item)
  })
  return [...seen]
}

/** Refuses properties the endpoint does not know (a typo should not be silently ignored). */
export function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw invalid(key, `unknown field (expected ${allowed.join(', ')})`)
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

/**
 * An optional end instant: an ISO-8601 string, or `null` for "never". Resolves epoch ms, `null`,
 * or `undefined` when absent.
 */
export function optionalInstantField(
  body: Record<string, unknown>,
  field: string,
): number | null | undefined {
  const value = body[field]
  if (value === undefined || value === null) return value
  if (typeof value !== 'string')
    throw invalid(field, `must be an ISO-8601 instant or null, got ${describe(value)}`)
  const instant = Date.parse(value)
  if (Number.isNaN(instant)) throw invalid(field, `must be an ISO-8601 instant, got ${describe(value)}`)
  return instant
}
