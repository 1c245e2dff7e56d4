// Server-sent events of snapshot updates, per customer. Each connection gets the current snapshot
// at once, then every snapshot with a larger version; heartbeats in between. Changes from any
// process on the same database arrive through the store's notices.

import { unrefTimer } from '../timers.js'
import type { CustomerViews } from '../views.js'
import { ApiError } from './errors.js'

/** Default interval of `: heartbeat` comments, which keep proxies from closing idle streams. */
export const DEFAULT_HEARTBEAT_MS = 15_000

/** Default most open streams per customer. */
export const DEFAULT_MAX_STREAMS_PER_CUSTOMER = 10

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

export interface SseHubOptions {
  views: CustomerViews
  clock: () => number
  heartbeatMs: number
  maxStreamsPerCustomer: number
  log: (message: string, error: unknown) => void
}

/** The open event streams of one server instance. */
export class SseHub {
  private readonly byCustomer = new Map<string, Set<Subscriber>>()
  private timer: ReturnType<typeof setInterval> | undefined
  private readonly unsubscribe: () => void
  private readonly sizeListeners = new Set<(size: number) => void>()

  constructor(private readonly options: SseHubOptions) {
    // Through the views, not the store: a notice reaches streams once the cache has taken it in.
    this.unsubscribe = options.views.subscribe((customerId) => {
      if (customerId === null) void this.sync()
      else if (this.byCustomer.has(customerId)) void this.push(customerId)
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

  /** The `text/event-stream` response of one connection (429 past the per-customer cap). */
  open(customerId: string, signal: AbortSignal): Response {
    const open = this.byCustomer.get(customerId)?.size ?? 0
    if (open >= this.options.maxStreamsPerCustomer) {
      throw new ApiError(
        429,
        'too_many_connections',
        `customer "${customerId}" already has ${open} open event streams (at most ${this.options.maxStreamsPerCustomer}); close one, or share one stream between tabs`,
        { 'retry-after': '30' },
      )
    }
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
        void this.sendSnapshot(sub)
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
  async push(customerId: string): Promise<void> {
    const set = this.byCustomer.get(customerId)
    if (!set) return
    await Promise.all([...set].map((sub) => this.sendSnapshot(sub)))
  }

  /**
   * Recomputes every streamed customer's snapshot and pushes those that changed by time alone (a
   * trial or a promotion ended, a period reset), since no write announces those.
   */
  async sync(): Promise<void> {
    await Promise.all([...this.byCustomer.keys()].map((id) => this.push(id)))
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

  private sizeChanged(): void {
    const size = this.size
    for (const listener of this.sizeListeners) listener(size)
  }

  private async sendSnapshot(sub: Subscriber): Promise<void> {
    try {
      const view = await this.options.views.view(sub.customerId)
      // A customer deleted (or a reset to a seed without it) ends its streams.
      if (view === undefined) {
        sub.close()
        return
      }
      const version = view.record.mark.version
      if (version <= sub.lastVersion) return
      sub.lastVersion = version
      sub.send(`event: snapshot\nid: ${version}\ndata: ${view.json(this.options.clock())}\n\n`)
    } catch (error) {
      // The store is unreachable: the stream stays open and the next notice or heartbeat tries again.
      this.options.log('could not read a snapshot for an event stream', error)
    }
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
    if (this.timer !== undefined || this.options.heartbeatMs <= 0) return
    this.timer = setInterval(() => void this.tick(), this.options.heartbeatMs)
    // Open streams must not keep a test process (or a CLI on its way out) alive.
    unrefTimer(this.timer)
  }

  private stopTimer(): void {
    if (this.timer === undefined) return
    clearInterval(this.timer)
    this.timer = undefined
  }

  private async tick(): Promise<void> {
    await this.sync()
    for (const set of [...this.byCustomer.values()]) for (const sub of [...set]) sub.send(': heartbeat\n\n')
  }
}
