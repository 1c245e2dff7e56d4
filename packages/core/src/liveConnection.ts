// The client's side of live updates: loads the live chunk (tabShare.ts + live.ts) on `start()`, opens
// the (shared) stream for the current customer, follows its status, and drops the callbacks of a
// connection closed meanwhile (stop, customer switch).
import type { LiveStatus } from './clientTypes.js'
import { customerPath } from './customerRecords.js'
import type { Customer } from './customers.js'
import type { LiveShare } from './tabShare.js'
import type { Transport } from './transport.js'

export interface LiveConnectionOptions {
  /** The `live` option. */
  enabled: boolean
  transport: Transport
  environment: string
  retryDelayMs: number
  maxRetryDelayMs: number
  maxEventBytes: number
  /** A snapshot (JSON, unchecked) for `c` from the stream or another tab. */
  receive(c: Customer, json: unknown, from: 'live' | 'tab'): void
  /** The stream opened after a gap: refetch. */
  gap(): void
  /** The status changed asynchronously (the caller updates the state). */
  changed(): void
}

export interface LiveConnection {
  status(): LiveStatus
  /** Started: load the live chunk if needed, then connect to `current()`. The caller updates. */
  start(current: () => Customer): void
  /** Stopped: close, and stay closed. The caller updates. */
  stop(): void
  /** Opens `c`'s stream, if started and not open yet ('connecting' until the chunk is loaded). The caller updates. */
  connect(c: Customer): void
  /** Closes the stream (a customer switch follows). The caller updates. */
  disconnect(): void
  /** Tells the other tabs. */
  post(message: unknown): void
}

export function createLiveConnection(o: LiveConnectionOptions): LiveConnection {
  const { enabled, changed } = o
  let module: typeof import('./tabShare.js') | undefined
  let share: LiveShare | undefined
  let status: LiveStatus = 'off'
  let started = false

  function connect(c: Customer) {
    if (!enabled || !started || share) return
    status = 'connecting'
    if (!module) return
    const s: LiveShare = module.connectLive({
      transport: o.transport,
      path: customerPath(c.id, 'events'),
      name: `entitle:${o.environment}:${c.id}`,
      retryDelayMs: o.retryDelayMs,
      maxRetryDelayMs: o.maxRetryDelayMs,
      maxEventBytes: o.maxEventBytes,
      onSnapshot: (json, from) => {
        if (share === s) o.receive(c, json, from)
      },
      onStatus: (next) => {
        if (share !== s) return
        status = next
        changed()
      },
      onGap: () => {
        if (share === s) o.gap()
      },
    })
    share = s
  }

  function disconnect() {
    status = 'off'
    share?.close()
    share = undefined
  }

  return {
    status: () => status,
    post: (message) => share?.post(message),
    connect,
    disconnect,
    start(current) {
      started = true
      if (!enabled) return
      status = 'connecting'
      if (module) return connect(current())
      import('./tabShare.js').then(
        (loaded) => {
          module = loaded
          connect(current())
          changed()
        },
        () => {
          if (!started || share) return
          status = 'off'
          changed()
        },
      )
    },
    stop() {
      started = false
      disconnect()
    },
  }
}
