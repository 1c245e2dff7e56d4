// A `fetch` that never touches the network: `@entitle/server`'s own handler on a memory store, so the
// test backend answers the HTTP contract by the same rules as production (limits, idempotency,
// ETags, errors), or fails like an unreachable server, or never answers.
import {
  type Catalog,
  computeEntitlements,
  customerFromSnapshot,
  type EntitlementsSnapshot,
  initialVersionMark,
} from '@entitle/core/engine'
import { createEntitlementsServer, type EntitlementsServer, memoryStore } from '@entitle/server'

/** How the fake network behaves. */
export type TestNetwork = 'ok' | 'down' | 'hang'

export interface TestFetchOptions {
  /** The customer's snapshot the backend starts from. `undefined`: no customer (entitlements answer 404). */
  snapshot: EntitlementsSnapshot | undefined
  catalog: Catalog
  /** Default `'ok'`. */
  network?: TestNetwork
  /** The backend's clock (ms): trials, expiries, periods. Default `Date.now`. */
  now?: () => number
  /** Plans whose free trial the customer already had: starting one again answers 409 `trial_already_used`. Default none. */
  trialsUsed?: readonly string[]
}

export interface TestFetch {
  fetch: typeof fetch
  /** Every request made, in order (`'GET /v1/catalog'`…). */
  requests: string[]
  /** The backend's current snapshot (after usage reports and plan changes), as of the last answer. */
  readonly snapshot: EntitlementsSnapshot | undefined
  /** The server underneath (`server.admin.*` to change the customer as a backend would). */
  readonly server: EntitlementsServer
  /** Switch the network: e.g. `'down'` mid-test to simulate an outage. */
  setNetwork(network: TestNetwork): void
  /** Replace the customer with one that has this snapshot's entitlements (the client sees it on its next fetch). */
  setSnapshot(snapshot: EntitlementsSnapshot): Promise<void>
}

/** A fake entitlements backend as a `fetch` function. */
export function createTestFetch(options: TestFetchOptions): TestFetch {
  let network: TestNetwork = options.network ?? 'ok'
  const now = options.now ?? Date.now
  const requests: string[] = []
  let customerId = options.snapshot?.customerId ?? 'test-customer'
  const server = createEntitlementsServer({
    catalog: options.catalog,
    store: memoryStore(),
    // Every request is the test's customer: no tokens to set up.
    authenticate: () => customerId,
    clock: now,
    environment: options.snapshot?.environment ?? 'test',
    heartbeatMs: 0,
  })
  let mirror: EntitlementsSnapshot | undefined = options.snapshot

  const install = async (snapshot: EntitlementsSnapshot): Promise<void> => {
    await server.admin.deleteCustomer(snapshot.customerId)
    const at = now()
    const { state, usage } = customerFromSnapshot(options.catalog, snapshot, at)
    const trialsUsed = [...new Set([...state.trialsUsed, ...(options.trialsUsed ?? [])])]
    const full = { ...state, trialsUsed }
    const mark = initialVersionMark(at, computeEntitlements(options.catalog, full, usage, at))
    await server.store.createCustomer({
      id: snapshot.customerId,
      stripeCustomerId: null,
      state: full,
      usage,
      // The backend goes on from the test's version: its first change is the next one.
      mark: { ...mark, version: snapshot.version },
    })
    customerId = snapshot.customerId
  }
  const installed =
    options.snapshot === undefined
      ? server.ready
      : server.ready.then(() => install(options.snapshot as EntitlementsSnapshot))

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    requests.push(`${request.method} ${url.pathname}`)
    const signal = init?.signal ?? null
    if (network === 'down')
      throw new TypeError('fetch failed (TestEntitlementsProvider: the network is down)')
    if (network === 'hang') {
      return new Promise<Response>((_, reject) => {
        const abort = () =>
          reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'))
        if (signal?.aborted) abort()
        else signal?.addEventListener('abort', abort, { once: true })
      })
    }
    await installed
    const response = await server(request)
    mirror = (await server.getSnapshot(customerId)) ?? mirror
    return response
  }

  return {
    fetch: fakeFetch as typeof fetch,
    requests,
    server,
    get snapshot() {
      return mirror
    },
    setNetwork(next) {
      network = next
    },
    async setSnapshot(next) {
      await installed
      await install(next)
      mirror = await server.getSnapshot(next.customerId)
    },
  }
}
