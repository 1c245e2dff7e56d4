// Live updates: the server's event stream (SSE over fetch, so the bearer token goes in a header) and
// the other tabs of this browser (BroadcastChannel). Loaded lazily by the client on `start()`, so apps
// that never go live (server rendering, `live: false`) do not pay for it.
import { EntitlementsError } from './errors.js'
import { createSseParser } from './sse.js'
import { delay, type Transport } from './transport.js'

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
  /** First reconnect delay, doubling per failed attempt (full jitter). */
  retryDelayMs: number
  /** Cap of one reconnect delay. */
  maxRetryDelayMs: number
  /**
   * Silence after which the connection is presumed dead (a half-open TCP connection never errors) and
   * reopened. The server's heartbeat comments keep a healthy stream under it. Default 90_000.
   */
  idleTimeoutMs?: number | undefined
}

/** Answers that reconnecting cannot fix: stop instead of hammering the server. */
const FINAL = new Set(['unauthorized', 'forbidden', 'not_found', 'bad_request'])

/** Opens the stream and keeps it open until the returned function is called. */
export function openLiveStream(options: LiveStreamOptions): () => void {
  const stopper = new AbortController()
  const idleTimeoutMs = options.idleTimeoutMs ?? 90_000

  const run = async () => {
    let failures = 0
    let opened = false
    while (!stopper.signal.aborted) {
      const connection = new AbortController()
      const abort = () => connection.abort()
      stopper.signal.addEventListener('abort', abort)
      let idle: ReturnType<typeof setTimeout> | undefined
      let final = false
      const alive = () => {
        clearTimeout(idle)
        idle = setTimeout(abort, idleTimeoutMs)
      }
      try {
        const response = await options.transport.stream({ path: options.path, signal: connection.signal })
        options.onOpen?.(opened)
        opened = true
        alive()
        const parse = createSseParser((event) => {
          if (event.event !== 'snapshot') return
          try {
            options.onSnapshot(JSON.parse(event.data))
          } catch (cause) {
            options.onError?.(
              new EntitlementsError('invalid_response', 'event stream: bad snapshot data', { cause }),
            )
          }
        })
        const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader()
        if (!reader) throw new EntitlementsError('invalid_response', 'event stream: no body')
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          // Backoff restarts only once the stream delivers something, so a server that accepts and
          // immediately closes still gets ever longer pauses.
          failures = 0
          alive()
          parse(value)
        }
      } catch (error) {
        if (stopper.signal.aborted) break
        const e =
          error instanceof EntitlementsError
            ? error
            : new EntitlementsError(
                connection.signal.aborted ? 'timeout' : 'network',
                'event stream failed',
                {
                  cause: error,
                },
              )
        options.onError?.(e)
        final = FINAL.has(e.code)
      } finally {
        clearTimeout(idle)
        stopper.signal.removeEventListener('abort', abort)
      }
      if (stopper.signal.aborted) break
      options.onClose?.(final)
      if (final) break
      const wait = Math.random() * Math.min(options.maxRetryDelayMs, options.retryDelayMs * 2 ** failures++)
      await delay(wait, stopper.signal).catch(() => {})
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
