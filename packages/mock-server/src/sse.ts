import type { MockStore } from './store.js'

/** Default interval of `: heartbeat` comments, which keep proxies from closing idle streams. */
export const DEFAULT_HEARTBEAT_MS = 15_000

/** Most chunks queued for a client that does not read before it is dropped. */
const MAX_QUEUED_CHUNKS = 64

interface Subscriber {
  customerId: string
  /** Version of the last snapshot sent: only larger versions are pushed. */
  lastVersion: number
  send(chunk: string): void
  close(): void
}

const encoder = new TextEncoder()

/**
 * Server-sent events of snapshot updates, per customer. Each connection gets the current snapshot
 * at once, then every snapshot with a larger version; heartbeats in between. A connection is
 * forgotten as soon as its request is aborted or its stream cancelled.
 */
export class SseHub {
  private readonly byCustomer = new Map<string, Set<Subscriber>>()
  private timer: ReturnType<typeof setInterval> | undefined
  private readonly unsubscribe: () => void
  private readonly sizeListeners = new Set<(size: number) => void>()

  constructor(
    private readonly store: MockStore,
    private readonly heartbeatMs: number = DEFAULT_HEARTBEAT_MS,
  ) {
    this.unsubscribe = store.subscribe((ids) => {
      for (const id of ids) this.push(id)
    })
  }

  /** Open connections (all customers). */
  get size(): number {
    let n = 0
    for (const set of this.byCustomer.values()) n += set.size
    return n
  }

  /** Called with the number of open connections whenever one opens or closes. */
  onSizeChange(listener: (size: number) => void): () => void {
    this.sizeListeners.add(listener)
    return () => {
      this.sizeListeners.delete(listener)
    }
  }

  private sizeChanged(): void {
    const size = this.size
    for (const listener of this.sizeListeners) listener(size)
  }

  /** The `text/event-stream` response of one connection. */
  open(customerId: string, signal: AbortSignal): Response {
    let subscriber: Subscriber | undefined
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        let closed = false
        const sub: Subscriber = {
          customerId,
          lastVersion: Number.NEGATIVE_INFINITY,
          send: (chunk) => {
            if (closed) return
            // A client that stopped reading would make the queue grow forever.
            if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHUNKS) {
              sub.close()
              return
            }
            controller.enqueue(encoder.encode(chunk))
          },
          close: () => {
            if (closed) return
            closed = true
            this.remove(sub)
            try {
              controller.close()
            } catch {
              // Already cancelled by the reader.
            }
          },
        }
        subscriber = sub
        let set = this.byCustomer.get(customerId)
        if (!set) {
          set = new Set()
          this.byCustomer.set(customerId, set)
        }
        set.add(sub)
        this.sendSnapshot(sub)
        this.startTimer()
        this.sizeChanged()
      },
      cancel: () => subscriber?.close(),
    })
    if (signal.aborted) subscriber?.close()
    else signal.addEventListener('abort', () => subscriber?.close(), { once: true })
    return new Response(stream, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    })
  }

  /** Sends the customer's snapshot to every connection that has an older version. */
  push(customerId: string): void {
    const set = this.byCustomer.get(customerId)
    if (!set) return
    for (const sub of set) this.sendSnapshot(sub)
  }

  /** Ends every connection (outage switch, server shutdown). */
  closeAll(): void {
    for (const set of [...this.byCustomer.values()]) for (const sub of [...set]) sub.close()
  }

  /** Ends every connection and stops listening to the store. */
  dispose(): void {
    this.closeAll()
    this.unsubscribe()
    this.stopTimer()
  }

  private sendSnapshot(sub: Subscriber): void {
    // A reset to a seed without this customer ends its streams.
    if (!this.store.hasCustomer(sub.customerId)) {
      sub.close()
      return
    }
    const view = this.store.view(sub.customerId)
    if (view.snapshot.version <= sub.lastVersion) return
    sub.lastVersion = view.snapshot.version
    sub.send(`event: snapshot\nid: ${view.snapshot.version}\ndata: ${view.json}\n\n`)
  }

  private remove(sub: Subscriber): void {
    const set = this.byCustomer.get(sub.customerId)
    if (!set) return
    set.delete(sub)
    if (set.size === 0) this.byCustomer.delete(sub.customerId)
    if (this.byCustomer.size === 0) this.stopTimer()
    this.sizeChanged()
  }

  private startTimer(): void {
    if (this.timer !== undefined || this.heartbeatMs <= 0) return
    this.timer = setInterval(() => this.tick(), this.heartbeatMs)
    // Open streams must not keep a test process (or a CLI on its way out) alive.
    if (typeof this.timer === 'object' && 'unref' in this.timer) this.timer.unref()
  }

  private stopTimer(): void {
    if (this.timer === undefined) return
    clearInterval(this.timer)
    this.timer = undefined
  }

  /**
   * Heartbeat; also pushes snapshots that changed by time alone (a trial or promotion ended, a
   * period reset) since nothing else would announce them.
   */
  private tick(): void {
    for (const set of [...this.byCustomer.values()]) {
      for (const sub of [...set]) {
        this.sendSnapshot(sub)
        sub.send(': heartbeat\n\n')
      }
    }
  }
}
