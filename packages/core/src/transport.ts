// HTTP for the client: one place that knows about timeouts, retries, auth and error codes, so every
// endpoint (snapshot, usage, plan, catalog, event stream) fails the same way. Retries live here, not
// in query-core, because only the transport sees status codes and `Retry-After`.
import { EntitlementsError, type EntitlementsErrorCode } from './errors.js'

/** What `getToken` is told: `refresh: true` after a 401, when a cached token should be renewed. */
export interface TokenContext {
  refresh: boolean
}

export interface TransportOptions {
  baseUrl: string
  getToken?: ((context: TokenContext) => string | Promise<string>) | undefined
  fetch?: typeof fetch | undefined
  /** Per attempt, until the whole body is read (headers only for streams). */
  timeoutMs: number
  /** Extra attempts after a retryable failure. */
  retries: number
  /** First backoff step; doubles per retry. */
  retryDelayMs: number
  /** Cap of one backoff wait, `Retry-After` included. */
  maxRetryDelayMs: number
  /** Clock for HTTP-date `Retry-After` values. */
  now: () => number
}

export interface TransportRequest {
  method?: 'GET' | 'POST' | 'PUT'
  /** Path below the base URL, starting with `/`. */
  path: string
  /** Sent as JSON. */
  body?: unknown
  signal?: AbortSignal | undefined
  /** Sent as `If-None-Match`. */
  etag?: string | undefined
}

export interface TransportResponse {
  /** A 2xx status or 304. */
  status: number
  /** Parsed JSON body; `undefined` when there is none (304, 204). */
  body: unknown
  etag: string | null
}

export interface Transport {
  /** A JSON request with timeout, retries (network errors, 5xx, 429) and one token refresh on 401. */
  request(request: TransportRequest): Promise<TransportResponse>
  /** Opens a streaming response (no retries: the caller reconnects); the timeout covers the headers only. */
  stream(request: TransportRequest): Promise<Response>
}

/** Thrown inside the transport to carry `Retry-After` with the error. */
interface Failure {
  error: EntitlementsError
  retryAfterMs?: number | undefined
}

const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && (value as Failure).error instanceof EntitlementsError

export function createTransport(options: TransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '')
  // Late-bound so a `fetch` replaced after creation (test interceptors, polyfills) is still used.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  async function attempt(request: TransportRequest, refreshToken: boolean, stream: boolean) {
    const headers: Record<string, string> = { accept: stream ? 'text/event-stream' : 'application/json' }
    if (options.getToken) {
      let token: string
      try {
        token = await options.getToken({ refresh: refreshToken })
      } catch (cause) {
        throw {
          error: new EntitlementsError('unauthorized', 'getToken() failed', { cause }),
        } satisfies Failure
      }
      if (token) headers.authorization = `Bearer ${token}`
    }
    if (request.body !== undefined) headers['content-type'] = 'application/json'
    if (request.etag !== undefined) headers['if-none-match'] = request.etag

    const outer = request.signal
    if (outer?.aborted) throw { error: aborted() } satisfies Failure
    const controller = new AbortController()
    const onAbort = () => controller.abort()
    outer?.addEventListener('abort', onAbort)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, options.timeoutMs)
    let response: Response
    let text = ''
    // A stream's body is read after this returns, so the caller's signal must keep reaching it.
    let keepLinked = false
    try {
      response = await doFetch(base + request.path, {
        method: request.method ?? 'GET',
        headers,
        body: request.body === undefined ? null : JSON.stringify(request.body),
        signal: controller.signal,
      })
      // A server that sends headers and then stalls must time out too, so the body is read under the timer.
      if (!stream || !response.ok) text = await response.text()
      else keepLinked = true
    } catch (cause) {
      if (outer?.aborted) throw { error: aborted(cause) } satisfies Failure
      if (timedOut) {
        throw {
          error: new EntitlementsError('timeout', `No response within ${options.timeoutMs} ms`, { cause }),
        } satisfies Failure
      }
      throw { error: new EntitlementsError('network', 'Network error', { cause }) } satisfies Failure
    } finally {
      clearTimeout(timer)
      if (!keepLinked) outer?.removeEventListener('abort', onAbort)
    }
    // A fetch that ignored the signal may still deliver: an aborted request's answer is never used.
    if (outer?.aborted) throw { error: aborted() } satisfies Failure
    if (!response.ok && response.status !== 304) throw httpFailure(response, text, options.now)
    return { response, text }
  }

  async function run<T>(
    request: TransportRequest,
    stream: boolean,
    retries: number,
    finish: (r: Response, text: string) => T,
  ) {
    let refreshed = false
    for (let retry = 0; ; ) {
      try {
        const { response, text } = await attempt(request, refreshed, stream)
        return finish(response, text)
      } catch (thrown) {
        if (!isFailure(thrown)) throw thrown
        const { error } = thrown
        // One fresh token and one more try; a second 401 is an answer, not a glitch.
        if (error.code === 'unauthorized' && error.status === 401 && !refreshed && options.getToken) {
          refreshed = true
          continue
        }
        if (!error.retryable || retry >= retries) throw error
        const backoff = Math.random() * Math.min(options.maxRetryDelayMs, options.retryDelayMs * 2 ** retry)
        const wait =
          thrown.retryAfterMs === undefined ? backoff : Math.min(options.maxRetryDelayMs, thrown.retryAfterMs)
        retry++
        await delay(wait, request.signal)
      }
    }
  }

  return {
    request: (request) =>
      run(request, false, options.retries, (response, text) => {
        let body: unknown
        if (text !== '') {
          try {
            body = JSON.parse(text)
          } catch (cause) {
            throw new EntitlementsError(
              'invalid_response',
              `${request.path}: the response is not valid JSON`,
              {
                status: response.status,
                cause,
              },
            )
          }
        }
        return { status: response.status, body, etag: response.headers.get('etag') }
      }),
    stream: (request) => run(request, true, 0, (response) => response),
  }
}

function aborted(cause?: unknown): EntitlementsError {
  return new EntitlementsError('aborted', 'Request aborted', { cause })
}

const codeOfStatus = (status: number): EntitlementsErrorCode =>
  status === 401
    ? 'unauthorized'
    : status === 403
      ? 'forbidden'
      : status === 404
        ? 'not_found'
        : status === 409
          ? 'conflict'
          : status === 429
            ? 'rate_limited'
            : status >= 500
              ? 'server'
              : 'bad_request'

function httpFailure(response: Response, text: string, now: () => number): Failure {
  let code = codeOfStatus(response.status)
  let message = `HTTP ${response.status}`
  try {
    // `{ "error": { "code", "message" } }` is the contract, but a proxy may answer with HTML.
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error
    if (typeof error?.message === 'string') message = error.message
    if (error?.code === 'limit_exceeded') code = 'limit_exceeded'
  } catch {}
  return {
    error: new EntitlementsError(code, message, { status: response.status }),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now),
  }
}

/** `Retry-After`: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: () => number): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now())
}

/** Resolves after `ms`; rejects with an `aborted` error as soon as `signal` aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted())
    const onAbort = () => {
      clearTimeout(timer)
      reject(aborted())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
