// Live updates: the server's event stream (SSE over fetch, so the bearer token goes in a header), one
// per browser (tabShare.ts), shared with the other tabs (BroadcastChannel). Loaded lazily by the
// client on `start()`, so apps that never go live (server rendering, `live: false`) do not pay for it.
//
// A hostile network must not turn this into a reconnect storm: every reconnect waits at least
// `MIN_RECONNECT_MS`; the backoff grows per failure (equal jitter: at least half the step) and starts
// over only once a stream stayed healthy for `HEALTHY_AFTER_MS` (a proxy that answers 200 and closes
// never resets it); an answer that is not `text/event-stream` is a failure; a line or event larger
// than the size cap ends the connection.
// Types only from the main chunk: the error class and the wait come with the transport.
import type { EntitlementsError } from './errors.js'
import { createSseParser } from './sse.js'
import type { Transport } from './transport.js'

/** No two connection attempts closer than this. */
export const MIN_RECONNECT_MS = 1000
/** A stream open this long counts as healthy: the next drop starts the backoff over. */
export const HEALTHY_AFTER_MS = 30_000

export interface LiveStreamOptions {
  transport: Transport
  /** The event stream's path, e.g. `/v1/customers/acme/events`. */
  path: string
  /** The `data` of each `snapshot` event, JSON-parsed (unchecked: the caller validates). */
  onSnapshot: (json: unknown) => void
  /** Each time the stream opens; `reconnected` after a drop (events may have been missed meanwhile). */
  onOpen?: ((reconnected: boolean) => void) | undefined
  /** Each failure; the stream reconnects unless the error is an auth or not-found answer. */
  onError?: ((error: EntitlementsError) => void) | undefined
  /** Each time a connection ends (dropped, failed, not by stop()); `final`: no reconnect follows. */
  onClose?: ((final: boolean) => void) | undefined
  /** First backoff step, doubling per failed attempt. */
  retryDelayMs: number
  /** Cap of one reconnect delay. */
  maxRetryDelayMs: number
  /**
   * Silence after which the connection is presumed dead (a half-open TCP connection never errors) and
   * reopened. The server's heartbeat comments keep a healthy stream under it. Default 90_000.
   */
  idleTimeoutMs?: number | undefined
  /** Largest line or event, in characters; beyond it the connection is dropped. Default 1 MiB. */
  maxEventBytes?: number | undefined
}

/** HTTP answers that reconnecting cannot fix: stop instead of hammering the server. */
const FINAL = new Set([400, 401, 403, 404])

/** The wait before reconnect attempt `failures` (0-based): capped doubling, equal jitter, a floor. */
export function reconnectDelay(failures: number, retryDelayMs: number, maxRetryDelayMs: number): number {
  const step = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** failures)
  return Math.max(MIN_RECONNECT_MS, step / 2 + (Math.random() * step) / 2)
}

/** Opens the stream and keeps it open until the returned function is called. */
export function openLiveStream(options: LiveStreamOptions): () => void {
  const stopper = new AbortController()
  const idleTimeoutMs = options.idleTimeoutMs ?? 90_000
  const { Error: Failure, wait } = options.transport

  const run = async () => {
    let failures = 0
    let opened = false
    while (!stopper.signal.aborted) {
      const connection = new AbortController()
      const abort = () => connection.abort()
      stopper.signal.addEventListener('abort', abort)
      let idle: ReturnType<typeof setTimeout> | undefined
      let final = false
      let openedAt: number | undefined
      const alive = () => {
        clearTimeout(idle)
        idle = setTimeout(abort, idleTimeoutMs)
      }
      try {
        const response = await options.transport.stream({ path: options.path, signal: connection.signal })
        const type = response.headers.get('content-type') ?? ''
        if (!/^\s*text\/event-stream/i.test(type)) {
          void response.body?.cancel().catch(() => {})
          throw new Failure('invalid_response', `event stream: answered "${type}", not text/event-stream`)
        }
        const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader()
        if (!reader) throw new Failure('invalid_response', 'event stream: no body')
        openedAt = Date.now()
        options.onOpen?.(opened)
        opened = true
        alive()
        const parse = createSseParser(
          (event) => {
            if (event.event !== 'snapshot') return
            try {
              options.onSnapshot(JSON.parse(event.data))
            } catch (cause) {
              options.onError?.(new Failure('invalid_response', 'event stream: bad snapshot data', { cause }))
            }
          },
          options.maxEventBytes ?? 1 << 20,
        )
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          alive()
          parse(value)
        }
      } catch (error) {
        if (stopper.signal.aborted) break
        const e =
          error instanceof Failure
            ? error
            : new Failure(connection.signal.aborted ? 'timeout' : 'network', 'event stream failed', {
                cause: error,
              })
        options.onError?.(e)
        // Only the server's answer is final; a token that could not be had (getToken threw) is retried.
        final = e.status !== undefined && FINAL.has(e.status)
      } finally {
        clearTimeout(idle)
        // Whatever ended it (a bad line, a parse error), the connection is closed, never left open.
        connection.abort()
        stopper.signal.removeEventListener('abort', abort)
      }
      if (stopper.signal.aborted) break
      options.onClose?.(final)
      if (final) break
      if (openedAt !== undefined && Date.now() - openedAt >= HEALTHY_AFTER_MS) failures = 0
      await wait(
        reconnectDelay(failures++, options.retryDelayMs, options.maxRetryDelayMs),
        stopper.signal,
      ).catch(() => {})
    }
  }
  void run()
  return () => stopper.abort()
}

export interface TabChannel {
  post(message: unknown): void
  close(): void
}

/** A BroadcastChannel to the other tabs (of the same origin) on `name`, where the platform has one. */
export function openTabChannel(name: string, onMessage: (message: unknown) => void): TabChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined
  const channel = new BroadcastChannel(name)
  channel.onmessage = (event: MessageEvent) => onMessage(event.data)
  return {
    post(message) {
      try {
        channel.postMessage(message)
      } catch {}
    },
    close: () => channel.close(),
  }
}
