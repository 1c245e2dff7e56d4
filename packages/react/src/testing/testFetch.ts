// A `fetch` that never touches the network: answers the entitlements HTTP contract (DESIGN.md) from
// memory, or fails like an unreachable server, or never answers. Hand it to `createEntitlementsClient`.
import type { Catalog, EntitlementsSnapshot } from '@entitle/core'
import { createTestSnapshot } from './snapshots.js'

/** How the fake network behaves. */
export type TestNetwork = 'ok' | 'down' | 'hang'

export interface TestFetchOptions {
  /** The customer's snapshot the fake backend answers with. `undefined`: 404 for entitlements. */
  snapshot: EntitlementsSnapshot | undefined
  catalog: Catalog
  /** Default `'ok'`. */
  network?: TestNetwork
  /** Clock (ms) for plan changes. Default `Date.now`. */
  now?: () => number
  /** Plans whose free trial the customer already had: starting one again answers 409 `trial_already_used`. Default none. */
  trialsUsed?: readonly string[]
}

export interface TestFetch {
  fetch: typeof fetch
  /** Every request made, in order (`'GET /v1/catalog'`…). */
  requests: string[]
  /** The fake backend's current snapshot (after usage reports and plan changes). */
  readonly snapshot: EntitlementsSnapshot | undefined
  /** Switch the network: e.g. `'down'` mid-test to simulate an outage. */
  setNetwork(network: TestNetwork): void
  /** Replace the backend's snapshot (the client sees it on its next fetch). */
  setSnapshot(snapshot: EntitlementsSnapshot): void
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 304 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
const problem = (status: number, code: string, message: string) => json(status, { error: { code, message } })

/** A fake entitlements backend as a `fetch` function. */
export function createTestFetch(options: TestFetchOptions): TestFetch {
  let snapshot = options.snapshot
  let network: TestNetwork = options.network ?? 'ok'
  const now = options.now ?? Date.now
  const requests: string[] = []
  const trialsUsed = new Set(options.trialsUsed)
  const seenKeys = new Map<string, { body: string; response: { status: number; body: unknown } }>()

  function handle(method: string, path: string, body: string, headers: Headers): Response {
    if (method === 'GET' && path === '/v1/catalog') return json(200, options.catalog)
    const m = /^\/v1\/customers\/([^/]+)\/(entitlements|usage|subscription|events)$/.exec(path)
    if (!m) return problem(404, 'not_found', `no route ${method} ${path}`)
    const customerId = decodeURIComponent(m[1] ?? '')
    if (!snapshot || snapshot.customerId !== customerId)
      return problem(404, 'not_found', `no customer ${customerId}`)
    const current = snapshot
    const etag = `"v${current.version}"`

    if (m[2] === 'entitlements' && method === 'GET') {
      if (headers.get('if-none-match') === etag) return json(304, null, { etag })
      return json(200, current, { etag })
    }
    if (m[2] === 'usage' && method === 'POST') {
      const req = JSON.parse(body) as { feature?: unknown; amount?: unknown; idempotencyKey?: unknown }
      const key = typeof req.idempotencyKey === 'string' ? req.idempotencyKey : undefined
      const seen = key === undefined ? undefined : seenKeys.get(key)
      if (seen) {
        return seen.body === body
          ? json(seen.response.status, seen.response.body)
          : problem(422, 'idempotency_key_reused', 'idempotency key reused with another body')
      }
      const answer = (status: number, response: unknown) => {
        if (key !== undefined) seenKeys.set(key, { body, response: { status, body: response } })
        return json(status, response)
      }
      const feature = String(req.feature)
      const amount = Number(req.amount)
      const ent = current.entitlements[feature]
      if (ent?.kind !== 'metered') return problem(404, 'not_found', `${feature} is not a metered entitlement`)
      if (!Number.isInteger(amount) || amount === 0)
        return problem(400, 'bad_request', 'amount must be a non-zero integer')
      const usage = Math.max(0, ent.usage + amount)
      if (amount > 0 && ent.enforcement === 'hard' && ent.limit !== null && usage > ent.limit) {
        return answer(409, {
          error: { code: 'limit_exceeded', message: `${feature}: ${ent.usage} of ${ent.limit} used` },
        })
      }
      const entitlement = { ...ent, usage }
      snapshot = {
        ...current,
        version: current.version + 1,
        entitlements: { ...current.entitlements, [feature]: entitlement },
      }
      return answer(200, { entitlement, version: snapshot.version })
    }
    if (m[2] === 'subscription' && method === 'PUT') {
      const req = JSON.parse(body) as { planId?: unknown; addons?: unknown; trial?: unknown }
      const planId = String(req.planId)
      const plan = options.catalog.plans.find((p) => p.id === planId)
      if (!plan) return problem(404, 'not_found', `no plan ${planId}`)
      // As the mock server: an explicit list replaces the add-ons; omitted keeps the owned ones that
      // are sold with the new plan.
      const sold = (id: string) =>
        options.catalog.addons.find((a) => a.id === id)?.availableFor.includes(planId)
      const addons = Array.isArray(req.addons)
        ? req.addons.map(String)
        : (current.addons ?? []).map((a) => a.id).filter(sold)
      const unsold = addons.find((id) => !sold(id))
      if (unsold !== undefined) {
        return options.catalog.addons.some((a) => a.id === unsold)
          ? problem(400, 'addon_not_available', `addons: "${unsold}" is not available for plan "${planId}"`)
          : problem(400, 'unknown_addon', `addons: unknown add-on "${unsold}"`)
      }
      const trial = req.trial === true
      if (trial && plan.trialDays <= 0) return problem(400, 'trial_not_available', `${planId} has no trial`)
      if (trial && trialsUsed.has(planId))
        return problem(409, 'trial_already_used', `the ${planId} trial was used before`)
      if (trial) trialsUsed.add(planId)
      const usage: Record<string, number> = {}
      for (const [feature, ent] of Object.entries(current.entitlements)) {
        if (ent.kind === 'metered') usage[feature] = ent.usage
      }
      const at = now()
      snapshot = createTestSnapshot({
        catalog: options.catalog,
        plan: planId,
        addons,
        usage,
        trialEndsAt: trial ? new Date(at + plan.trialDays * 86_400_000).toISOString() : null,
        customerId,
        environment: current.environment,
        version: current.version + 1,
        now: at,
      })
      return json(200, snapshot)
    }
    return problem(404, 'not_found', `no route ${method} ${path}`)
  }

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
    const body = request.method === 'GET' ? '' : await request.text()
    return handle(request.method, url.pathname, body, request.headers)
  }

  return {
    fetch: fakeFetch as typeof fetch,
    requests,
    get snapshot() {
      return snapshot
    },
    setNetwork(next) {
      network = next
    },
    setSnapshot(next) {
      snapshot = next
    },
  }
}
