// A controllable fake entitlements backend for the client's fault tests.
//
// One Fetch-API handler with two hosts:
// - `server.fetch`: in-process (pass it as the client's `fetch`). Everything settles through
//   promises, so tests drive time with vitest fake timers and never wait for real I/O.
// - `server.listen()`: a real HTTP server on 127.0.0.1 (port 0), for faults that need sockets:
//   refused connections, answers that never come, connections dropped after the work is done.
//
// By default it IS the real backend: @entitle/server's handler on a memory store (snapshots with
// ETag/304, idempotent usage reports with hard limits, plan changes), serving customers made from
// the snapshots a test sets. Around it, the faults: scripted answers, hangs, dropped connections,
// lost answers, held requests; and event streams the test writes itself (any framing, any data).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEntitlementsServer, type EntitlementsServer, memoryStore } from '@entitle/server'
import {
  computeEntitlements,
  customerFromSnapshot,
  initialVersionMark,
  parseCatalog,
} from '../src/engine/index.js'
import type { Catalog, EntitlementsSnapshot, Feature, MeteredEntitlement, Plan } from '../src/types.js'

/** What to do with one request. */
export type Step =
  | { status?: number; json?: unknown; body?: string; headers?: Record<string, string> }
  /** Never answer (until the client aborts). */
  | 'hang'
  /** Drop the connection without answering: the client sees a network error. */
  | 'close'
  /** Do the normal work (e.g. count the usage), then drop the connection: the answer is lost. */
  | 'lost'
  /** Wait for the test: `await server.held()` gives the request and `release(step)`. */
  | 'hold'
  /** Answer normally. */
  | 'default'

export interface RecordedRequest {
  method: string
  path: string
  headers: Headers
  body: unknown
}

export interface HeldRequest extends RecordedRequest {
  release(step: Step): void
}

export interface SseConnection {
  customerId: string
  request: RecordedRequest
  /** Sends `event: snapshot` with the snapshot as data. */
  snapshot(snapshot: EntitlementsSnapshot): void
  /** Sends raw text (to test the parser with odd framing). */
  raw(text: string): void
  /** Ends the stream (the server closed it). */
  end(): void
  readonly closed: boolean
}

const DROP = Symbol('drop')
type Outcome = Response | typeof DROP

interface Waiter {
  predicate: (request: RecordedRequest) => boolean
  count: number
  resolve: () => void
}

export function createFakeServer() {
  const snapshots = new Map<string, EntitlementsSnapshot>()
  const tokens = new Map<string, string>()
  const scripts: { method: string; path: string | RegExp; step: Step }[] = []
  const heldQueue: HeldRequest[] = []
  const heldWaiters: ((held: HeldRequest) => void)[] = []
  const requests: RecordedRequest[] = []
  const waiters: Waiter[] = []
  const connections: SseConnection[] = []
  const connectionWaiters: ((connection: SseConnection) => void)[] = []
  /** Times each idempotency key changed usage, as answered by the backend (should never exceed 1). */
  const usageCounted = new Map<string, number>()
  /** What GET /v1/catalog answers: whatever the test set, valid or not. */
  let catalog: Catalog = { features: [], plans: [], addons: [] }
  /** The real backend, built on first use from the catalog and the snapshots set (rebuilt when they change). */
  let backendServer: Promise<EntitlementsServer> | undefined

  const json = (status: number, body: unknown, headers?: Record<string, string>) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    })
  const error = (status: number, code: string, message = code) => json(status, { error: { code, message } })

  function authorized(customerId: string, headers: Headers): boolean {
    const token = tokens.get(customerId)
    return token === undefined || headers.get('authorization') === `Bearer ${token}`
  }

  /**
   * The backend's catalog: the test's (when it is valid) plus every feature the snapshots set name, so
   * that a snapshot written by hand is served as it is (its features known, its grants as overrides).
   */
  function backendCatalog(): Catalog {
    let base: Catalog = { features: [], plans: [], addons: [] }
    try {
      base = parseCatalog(catalog)
    } catch {
      // An invalid catalog is the client's test case: served raw on /v1/catalog, not used here.
    }
    const features: Feature[] = [...base.features]
    const known = new Set(features.map((f) => f.id))
    const plans: Plan[] = [...base.plans]
    for (const snapshot of snapshots.values()) {
      for (const [id, entitlement] of Object.entries(snapshot.entitlements)) {
        if (known.has(id)) continue
        known.add(id)
        features.push({ id, name: id, kind: entitlement.kind })
      }
      // The snapshot's plan, when the catalog lacks it: granting what the snapshot has from its plan.
      const plan = snapshot.plan
      if (plan === null || plans.some((p) => p.id === plan.id)) continue
      const grants: Plan['grants'] = {}
      for (const [id, entitlement] of Object.entries(snapshot.entitlements)) {
        if (entitlement.source !== 'plan') continue
        grants[id] =
          entitlement.kind === 'metered'
            ? {
                kind: 'metered',
                limit: entitlement.limit,
                enforcement: entitlement.enforcement,
                resetPeriod: entitlement.resetPeriod,
              }
            : entitlement.kind === 'config'
              ? { kind: 'config', value: entitlement.value }
              : { kind: 'boolean' }
      }
      plans.push({ id: plan.id, name: plan.name, price: null, trialDays: 0, grants })
    }
    return { ...base, features, plans }
  }

  /** Builds the backend with every customer as the snapshots set (or last served) say. */
  async function buildBackend(): Promise<EntitlementsServer> {
    const backendCat = backendCatalog()
    const server = createEntitlementsServer({
      catalog: backendCat,
      store: memoryStore(),
      // The fake's own tokens decide (401 without the right one); otherwise the path's customer.
      authenticate: (request) => {
        const id = decodeURIComponent(
          /^\/v1\/customers\/([^/]+)\//.exec(new URL(request.url).pathname)?.[1] ?? '',
        )
        return authorized(id, request.headers) ? id : null
      },
      // The environment of the snapshots set (a fake server stands for one environment's backend).
      environment: snapshots.values().next().value?.environment ?? 'test',
      heartbeatMs: 0,
    })
    await server.ready
    for (const snapshot of snapshots.values()) {
      const now = Date.now()
      const { state, usage } = customerFromSnapshot(backendCat, snapshot, now)
      const mark = initialVersionMark(now, computeEntitlements(backendCat, state, usage, now))
      await server.store.createCustomer({
        id: snapshot.customerId,
        stripeCustomerId: null,
        state,
        usage,
        mark: { ...mark, version: snapshot.version },
      })
    }
    return server
  }

  async function backend(request: RecordedRequest, raw: Request): Promise<Response> {
    const { method, path } = request
    if (method === 'GET' && path === '/v1/catalog') return json(200, catalog)
    backendServer ??= buildBackend()
    const server = await backendServer
    const response = await server(raw)
    const customerId = /^\/v1\/customers\/([^/]+)\//.exec(path)?.[1]
    if (customerId !== undefined) {
      const id = decodeURIComponent(customerId)
      const current = await server.getSnapshot(id)
      if (current) snapshots.set(id, current)
      const key = (request.body as { idempotencyKey?: unknown } | undefined)?.idempotencyKey
      if (
        method === 'POST' &&
        response.status === 200 &&
        typeof key === 'string' &&
        response.headers.get('idempotent-replayed') !== 'true'
      )
        usageCounted.set(key, (usageCounted.get(key) ?? 0) + 1)
    }
    return response
  }

  function events(customerId: string, request: RecordedRequest, signal: AbortSignal | undefined): Response {
    const encoder = new TextEncoder()
    let controller!: ReadableStreamDefaultController<Uint8Array>
    let closed = false
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c
      },
      cancel() {
        closed = true
      },
    })
    const connection: SseConnection = {
      customerId,
      request,
      snapshot(snapshot) {
        this.raw(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`)
      },
      raw(text) {
        if (!closed) controller.enqueue(encoder.encode(text))
      },
      end() {
        if (closed) return
        closed = true
        controller.close()
      },
      get closed() {
        return closed
      },
    }
    signal?.addEventListener('abort', () => {
      if (closed) return
      closed = true
      controller.error(new DOMException('The operation was aborted.', 'AbortError'))
    })
    connections.push(connection)
    connectionWaiters.shift()?.(connection)
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } })
  }

  function toResponse(step: Exclude<Step, 'hang' | 'close' | 'lost' | 'hold' | 'default'>): Response {
    const body = step.json !== undefined ? JSON.stringify(step.json) : (step.body ?? null)
    return new Response(body, { status: step.status ?? 200, headers: step.headers })
  }

  async function handle(request: Request, signal: AbortSignal | undefined): Promise<Outcome> {
    const url = new URL(request.url)
    const text = await request.clone().text()
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = text
    }
    const recorded: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      headers: request.headers,
      body,
    }
    requests.push(recorded)
    for (const waiter of [...waiters]) {
      if (waiter.predicate(recorded) && --waiter.count === 0) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
    const index = scripts.findIndex(
      (s) =>
        s.method === request.method &&
        (typeof s.path === 'string' ? s.path === url.pathname : s.path.test(url.pathname)),
    )
    let step: Step = 'default'
    if (index >= 0) step = (scripts.splice(index, 1)[0] as { step: Step }).step
    return run(step, recorded, request, signal)
  }

  /** The normal answer: event streams are the test's to write; everything else is the real backend's. */
  function answer(
    recorded: RecordedRequest,
    raw: Request,
    signal: AbortSignal | undefined,
  ): Promise<Response> | Response {
    const stream = /^\/v1\/customers\/([^/]+)\/events$/.exec(recorded.path)
    if (recorded.method === 'GET' && stream) {
      const customerId = decodeURIComponent(stream[1] ?? '')
      if (!authorized(customerId, recorded.headers)) return error(401, 'unauthorized')
      if (!snapshots.has(customerId)) return error(404, 'not_found')
      return events(customerId, recorded, signal)
    }
    return backend(recorded, raw)
  }

  async function run(
    step: Step,
    recorded: RecordedRequest,
    raw: Request,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    if (step === 'default') return answer(recorded, raw, signal)
    if (step === 'close') return DROP
    if (step === 'lost') {
      await answer(recorded, raw, signal)
      return DROP
    }
    if (step === 'hang') return new Promise<never>(() => {})
    if (step === 'hold') {
      return new Promise<Outcome>((resolve) => {
        const held: HeldRequest = {
          ...recorded,
          release: (next) => resolve(run(next, recorded, raw, signal)),
        }
        const waiter = heldWaiters.shift()
        if (waiter) waiter(held)
        else heldQueue.push(held)
      })
    }
    return toResponse(step)
  }

  /** In-process `fetch`: honours abort signals like a real one. */
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal ?? undefined
    const abortError = () => new DOMException('The operation was aborted.', 'AbortError')
    if (signal?.aborted) throw abortError()
    const request = new Request(input, { ...init, signal: null })
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(abortError()), { once: true })
      handle(request, signal).then(
        (outcome) => (outcome === DROP ? reject(new TypeError('fetch failed')) : resolve(outcome)),
        reject,
      )
    })
  }) as typeof globalThis.fetch

  let http: Server | undefined

  return {
    fetch,
    requests,
    usageCounted,
    connections,
    /** Sets (or replaces) a customer: the backend then serves what this snapshot grants. */
    setSnapshot(snapshot: EntitlementsSnapshot) {
      snapshots.set(snapshot.customerId, snapshot)
      backendServer = undefined
    },
    /**
     * The next GET of the customer's snapshot answers exactly `snapshot` (with its ETag): data no real
     * backend would compute (an arbitrary reset instant, a server clock ahead of this one) is a fault
     * like any other. Later requests go to the backend again.
     */
    respondWith(snapshot: EntitlementsSnapshot) {
      scripts.push({
        method: 'GET',
        path: `/v1/customers/${encodeURIComponent(snapshot.customerId)}/entitlements`,
        step: {
          json: snapshot,
          headers: { 'content-type': 'application/json', etag: `W/"${snapshot.version}"` },
        },
      })
    },
    /** The customer's snapshot as the backend last served it (or as set). */
    getSnapshot(customerId: string) {
      return snapshots.get(customerId)
    },
    setCatalog(next: Catalog) {
      catalog = next
      backendServer = undefined
    },
    /** Requires `Authorization: Bearer <token>` for this customer (401 otherwise). */
    setToken(customerId: string, token: string) {
      tokens.set(customerId, token)
    },
    /** Scripts the next requests matching `method path`, one step each, in order. */
    script(method: string, path: string | RegExp, ...steps: Step[]) {
      for (const step of steps) scripts.push({ method, path, step })
    },
    /** The next request scripted with `'hold'`. */
    held(): Promise<HeldRequest> {
      const queued = heldQueue.shift()
      if (queued) return Promise.resolve(queued)
      return new Promise((resolve) => heldWaiters.push(resolve))
    },
    /** Resolves once `count` more requests (matching `predicate`) have arrived. */
    waitForRequests(
      count: number,
      predicate: (request: RecordedRequest) => boolean = () => true,
    ): Promise<void> {
      return new Promise((resolve) => waiters.push({ predicate, count, resolve }))
    },
    /** The next SSE connection. */
    nextConnection(): Promise<SseConnection> {
      return new Promise((resolve) => connectionWaiters.push(resolve))
    },
    count(method: string, path: string | RegExp) {
      return requests.filter(
        (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
      ).length
    },
    /** Starts the real HTTP host on 127.0.0.1; resolves with its base URL. */
    async listen(): Promise<string> {
      http = createServer((req, res) => {
        const chunks: Buffer[] = []
        const aborter = new AbortController()
        res.on('close', () => aborter.abort())
        req.on('data', (chunk: Buffer) => chunks.push(chunk))
        req.on('end', async () => {
          const headers = new Headers()
          for (const [name, value] of Object.entries(req.headers)) {
            if (typeof value === 'string') headers.set(name, value)
          }
          const body = chunks.length > 0 ? Buffer.concat(chunks) : null
          const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
            method: req.method ?? 'GET',
            headers,
            body,
          })
          const outcome = await handle(request, aborter.signal)
          if (outcome === DROP) {
            req.socket.destroy()
            return
          }
          res.writeHead(outcome.status, Object.fromEntries(outcome.headers))
          if (!outcome.body) return void res.end()
          res.flushHeaders()
          const reader = outcome.body.getReader()
          try {
            for (;;) {
              const { done, value } = await reader.read()
              if (done) break
              res.write(value)
            }
          } catch {}
          res.end()
        })
      })
      await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve))
      return `http://127.0.0.1:${(http.address() as AddressInfo).port}`
    },
    async close() {
      for (const connection of connections) connection.end()
      if (!http) return
      http.closeAllConnections()
      await new Promise<void>((resolve) => http?.close(() => resolve()))
    },
  }
}

export type FakeServer = ReturnType<typeof createFakeServer>

/** A base URL whose port nothing listens on: bind port 0, read the port, release it. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** A small valid snapshot; override any field. */
export function snapshotOf(
  customerId: string,
  version: number,
  entitlements: EntitlementsSnapshot['entitlements'] = {},
): EntitlementsSnapshot {
  return {
    customerId,
    environment: 'test',
    version,
    generatedAt: '2026-01-01T00:00:00.000Z',
    plan: { id: 'basic', name: 'Basic' },
    addons: [],
    trialEndsAt: null,
    subscription: { status: 'active', currentPeriodEnd: null, graceEndsAt: null, scheduledChange: null },
    entitlements,
  }
}

export const seats = (usage: number, limit: number | null = 5): MeteredEntitlement => ({
  kind: 'metered',
  usage,
  limit,
  enforcement: 'hard',
  resetPeriod: null,
  resetsAt: null,
  source: 'plan',
  expiresAt: null,
})
