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
  /** Largest response body read, in bytes; a larger one fails with `invalid_response`. Default 1 MiB. */
  maxResponseBytes?: number | undefined
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
  /** Extra attempts after a retryable failure, for this request. Default: the transport's `retries`. */
  retries?: number | undefined
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
  /**
   * The error class and the abortable wait, handed to the lazily loaded modules (live updates) so that
   * they import nothing of the main chunk: a bundler then splits no shared chunk out of it.
   */
  Error: typeof EntitlementsError
  wait: typeof delay
}

export function createTransport(options: TransportOptions): Transport {
  // Destructured once: locals are mangled by minifiers, property reads are not.
  const { getToken, timeoutMs, retryDelayMs, maxRetryDelayMs, now } = options
  const maxResponseBytes = options.maxResponseBytes ?? 1 << 20
  const base = options.baseUrl.replace(/\/+$/, '')
  // Late-bound so a `fetch` replaced after creation (test interceptors, polyfills) is still used.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  async function run<T>(
    request: TransportRequest,
    stream: boolean,
    retries: number,
    finish: (r: Response, text: string) => T,
  ): Promise<T> {
    const outer = request.signal
    let refreshed = false
    for (let retry = 0; ; ) {
      // `Retry-After` of this attempt's answer, when it failed with one.
      let retryAfterMs: number | undefined
      try {
        const headers: Record<string, string> = { accept: stream ? 'text/event-stream' : 'application/json' }
        if (getToken) {
          let token: string
          try {
            token = await getToken({ refresh: refreshed })
          } catch (cause) {
            throw new EntitlementsError('unauthorized', 'getToken() failed', { cause })
          }
          if (token) headers.authorization = `Bearer ${token}`
        }
        if (request.body !== undefined) headers['content-type'] = 'application/json'
        if (request.etag !== undefined) headers['if-none-match'] = request.etag

        if (outer?.aborted) throw aborted()
        const controller = new AbortController()
        const onAbort = () => controller.abort()
        outer?.addEventListener('abort', onAbort)
        let timedOut = false
        const timer = setTimeout(() => {
          timedOut = true
          controller.abort()
        }, timeoutMs)
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
          if (!stream || !response.ok) text = await readText(response, maxResponseBytes)
          else keepLinked = true
        } catch (cause) {
          throw cause instanceof EntitlementsError
            ? cause
            : outer?.aborted
              ? aborted(cause)
              : timedOut
                ? new EntitlementsError('timeout', `No response within ${timeoutMs} ms`, { cause })
                : new EntitlementsError('network', 'Network error', { cause })
        } finally {
          clearTimeout(timer)
          if (!keepLinked) outer?.removeEventListener('abort', onAbort)
        }
        // A fetch that ignored the signal may still deliver: an aborted request's answer is never used.
        if (outer?.aborted) throw aborted()
        if (!response.ok && response.status !== 304) {
          retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now)
          throw httpError(response, text)
        }
        return finish(response, text)
      } catch (error) {
        if (!(error instanceof EntitlementsError)) throw error
        // One fresh token and one more try; a second 401 is an answer, not a glitch.
        if (error.code === 'unauthorized' && error.status === 401 && !refreshed && getToken) {
          refreshed = true
          continue
        }
        if (!error.retryable || retry >= retries) throw error
        const wait =
          retryAfterMs === undefined
            ? Math.random() * Math.min(maxRetryDelayMs, retryDelayMs * 2 ** retry)
            : Math.min(maxRetryDelayMs, retryAfterMs)
        retry++
        await delay(wait, outer)
      }
    }
  }

  return {
    request: (request) =>
      run(request, false, request.retries ?? options.retries, (response, text) => {
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
    Error: EntitlementsError,
    wait: delay,
  }
}

/** The body as text, read no further than `max` bytes (a hostile or broken server must not fill memory). */
async function readText(response: Response, max: number): Promise<string> {
  const tooLarge = () =>
    new EntitlementsError('invalid_response', `response body over ${max} bytes`, { status: response.status })
  if (Number(response.headers.get('content-length')) > max) {
    void response.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  const reader = response.body?.getReader()
  if (!reader) {
    const text = await response.text()
    if (text.length > max) throw tooLarge()
    return text
  }
  const decoder = new TextDecoder()
  let text = ''
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    bytes += value.byteLength
    if (bytes > max) {
      void reader.cancel().catch(() => {})
      throw tooLarge()
    }
    text += decoder.decode(value, { stream: true })
  }
}

function aborted(cause?: unknown): EntitlementsError {
  return new EntitlementsError('aborted', 'Request aborted', { cause })
}

const CODES: Record<number, EntitlementsErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  429: 'rate_limited',
}

function httpError(response: Response, text: string): EntitlementsError {
  const status = response.status
  let code = CODES[status] ?? (status >= 500 ? 'server' : 'bad_request')
  let message = `HTTP ${status}`
  let serverCode: string | undefined
  try {
    // `{ "error": { "code", "message" } }` is the contract, but a proxy may answer with HTML.
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error
    if (typeof error?.message === 'string') message = error.message
    if (typeof error?.code === 'string') serverCode = error.code
    if (serverCode === 'limit_exceeded') code = 'limit_exceeded'
  } catch {}
  return new EntitlementsError(code, message, { status, serverCode })
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
