// A controllable fake entitlements backend for the client's fault tests.
//
// One Fetch-API handler with two hosts:
// - `server.fetch`: in-process (pass it as the client's `fetch`). Everything settles through
//   promises, so tests drive time with vitest fake timers and never wait for real I/O.
// - `server.listen()`: a real HTTP server on 127.0.0.1 (port 0), for faults that need sockets:
//   refused connections, answers that never come, connections dropped after the work is done.
//
// By default it behaves like the real backend (snapshots with ETag/304, idempotent usage reports,
// plan changes, catalog, SSE). Tests override single requests with scripted steps.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Catalog, EntitlementsSnapshot, MeteredEntitlement } from '../src/types.js'

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
  /** Idempotency key → the first answer, as the real backend keeps it. */
  const usageAnswers = new Map<string, { body: string; status: number; json: unknown }>()
  /** Times each idempotency key changed usage (should never exceed 1). */
  const usageCounted = new Map<string, number>()
  let catalog: Catalog = { features: [], plans: [], addons: [] }

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

  function backend(request: RecordedRequest, signal: AbortSignal | undefined): Response {
    const { method, path, headers } = request
    if (method === 'GET' && path === '/v1/catalog') return json(200, catalog)
    const match = /^\/v1\/customers\/([^/]+)\/(entitlements|usage|subscription|events)$/.exec(path)
    if (!match) return error(404, 'not_found')
    const customerId = decodeURIComponent(match[1] ?? '')
    if (!authorized(customerId, headers)) return error(401, 'unauthorized')
    const snapshot = snapshots.get(customerId)
    if (!snapshot) return error(404, 'not_found')
    switch (`${method} ${match[2]}`) {
      case 'GET entitlements': {
        const etag = `"v${snapshot.version}"`
        if (headers.get('if-none-match') === etag)
          return new Response(null, { status: 304, headers: { etag } })
        return json(200, snapshot, { etag })
      }
      case 'POST usage':
        return usage(customerId, snapshot, request.body)
      case 'PUT subscription': {
        const body = request.body as { planId: string }
        const next = {
          ...snapshot,
          version: snapshot.version + 1,
          plan: { id: body.planId, name: body.planId },
        }
        snapshots.set(customerId, next)
        return json(200, next)
      }
      case 'GET events':
        return events(customerId, request, signal)
    }
    return error(405, 'method_not_allowed')
  }

  function usage(customerId: string, snapshot: EntitlementsSnapshot, body: unknown): Response {
    const { feature, amount, idempotencyKey } = body as {
      feature: string
      amount: number
      idempotencyKey: string
    }
    const raw = JSON.stringify({ feature, amount })
    const previous = usageAnswers.get(idempotencyKey)
    if (previous) {
      if (previous.body !== raw) return error(422, 'idempotency_key_reused')
      return json(previous.status, previous.json)
    }
    const entitlement = snapshot.entitlements[feature]
    let status = 200
    let answer: unknown
    if (entitlement?.kind !== 'metered') {
      status = 403
      answer = { error: { code: 'not_entitled', message: `${feature} is not metered here` } }
    } else if (
      entitlement.limit !== null &&
      entitlement.enforcement === 'hard' &&
      entitlement.usage + amount > entitlement.limit
    ) {
      status = 409
      answer = {
        error: { code: 'limit_exceeded', message: `${feature}: limit ${entitlement.limit} reached` },
      }
    } else {
      const next: MeteredEntitlement = { ...entitlement, usage: entitlement.usage + amount }
      const version = snapshot.version + 1
      snapshots.set(customerId, {
        ...snapshot,
        version,
        entitlements: { ...snapshot.entitlements, [feature]: next },
      })
      usageCounted.set(idempotencyKey, (usageCounted.get(idempotencyKey) ?? 0) + 1)
      answer = { entitlement: next, version }
    }
    usageAnswers.set(idempotencyKey, { body: raw, status, json: answer })
    return json(status, answer)
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
    const text = await request.text()
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
    return run(step, recorded, signal)
  }

  async function run(
    step: Step,
    recorded: RecordedRequest,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    if (step === 'default') return backend(recorded, signal)
    if (step === 'close') return DROP
    if (step === 'lost') {
      backend(recorded, signal)
      return DROP
    }
    if (step === 'hang') return new Promise<never>(() => {})
    if (step === 'hold') {
      return new Promise<Outcome>((resolve) => {
        const held: HeldRequest = { ...recorded, release: (next) => resolve(run(next, recorded, signal)) }
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
    /** Sets (or replaces) a customer's snapshot; the default backend serves it. */
    setSnapshot(snapshot: EntitlementsSnapshot) {
      snapshots.set(snapshot.customerId, snapshot)
    },
    getSnapshot(customerId: string) {
      return snapshots.get(customerId)
    },
    setCatalog(next: Catalog) {
      catalog = next
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
    trialEndsAt: null,
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
