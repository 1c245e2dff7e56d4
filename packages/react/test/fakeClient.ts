// A hand-written, controllable EntitlementsClient (the LaunchDarkly mock-client pattern): tests
// drive state changes synchronously (`setSnapshot`, `setUsage`, `fail`) and settle async calls when
// they choose (`usage.resolve()` / `usage.reject()`), so nothing depends on timing.
import {
  type Catalog,
  type ConfigValue,
  type Decision,
  type EntitlementEvent,
  type EntitlementsClient,
  type EntitlementsClientState,
  EntitlementsError,
  type EntitlementsSnapshot,
  evaluate,
  type UsageResult,
} from '@entitle/core'
import { QueryClient } from '@tanstack/query-core'

interface Deferred<T> {
  promise: Promise<T>
  resolve(value: T): void
  reject(error: unknown): void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

export interface FakeClient extends EntitlementsClient<string> {
  events: EntitlementEvent[]
  starts: number
  stops: number
  checks: number
  listenerCount(): number
  setSnapshot(snapshot: EntitlementsSnapshot | undefined): void
  /** Change one metered feature's usage (a new snapshot object, other entitlements shared). */
  setUsage(feature: string, usage: number): void
  fail(error: EntitlementsError): void
  /** Pending usage reports, in call order. */
  usageCalls: {
    feature: string
    amount: number
    idempotencyKey: string | undefined
    deferred: Deferred<UsageResult>
  }[]
  catalogLoad: Deferred<Catalog> | undefined
}

export function createFakeClient(
  options: { snapshot?: EntitlementsSnapshot; now?: number } = {},
): FakeClient {
  const listeners = new Set<() => void>()
  let catalog: Catalog | undefined
  let state: EntitlementsClientState = {
    customerId: options.snapshot?.customerId ?? 'acme',
    snapshot: options.snapshot,
    status: options.snapshot ? 'success' : 'loading',
    error: null,
    isStale: false,
    pendingUsage: 0,
  }
  const now = options.now ?? Date.parse('2026-11-21T10:00:00.000Z')
  const emit = (next: Partial<EntitlementsClientState>) => {
    state = { ...state, ...next }
    for (const l of [...listeners]) l()
  }

  const client: FakeClient = {
    queryClient: new QueryClient(),
    events: [],
    starts: 0,
    stops: 0,
    checks: 0,
    usageCalls: [],
    catalogLoad: undefined,
    listenerCount: () => listeners.size,
    check(feature, opts): Decision {
      client.checks++
      return evaluate(state.snapshot, feature, { ...opts, now, isStale: state.isStale })
    },
    value<T extends ConfigValue>(feature: string, fallback: T): T {
      const d = client.check(feature)
      return d.granted && d.value !== undefined ? (d.value as T) : fallback
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getCatalog: () => catalog,
    loadCatalog() {
      if (catalog) return Promise.resolve(catalog)
      if (!client.catalogLoad) {
        const d = deferred<Catalog>()
        d.promise.then(
          (c) => {
            catalog = c
            emit({ catalog: c })
          },
          () => {},
        )
        client.catalogLoad = d
      }
      return client.catalogLoad.promise
    },
    refresh: () =>
      state.snapshot
        ? Promise.resolve(state.snapshot)
        : Promise.reject(new EntitlementsError('network', 'down')),
    setCustomer(customerId) {
      emit({ customerId, snapshot: undefined, status: 'loading' })
    },
    reportUsage(feature, amount, opts) {
      const d = deferred<UsageResult>()
      client.usageCalls.push({ feature, amount, idempotencyKey: opts?.idempotencyKey, deferred: d })
      const before = state.snapshot?.entitlements[feature]
      if (before?.kind === 'metered') client.setUsage(feature, before.usage + amount)
      d.promise.catch(() => {
        if (before?.kind === 'metered') client.setUsage(feature, before.usage)
      })
      return d.promise
    },
    changePlan: () => Promise.reject(new EntitlementsError('server', 'not in the fake')),
    waitFor: () => Promise.reject(new EntitlementsError('server', 'not in the fake')),
    checkFresh: (feature, opts) => Promise.resolve(client.check(feature, opts)),
    track(event) {
      client.events.push(event)
    },
    entitlementsQueryOptions: () => ({
      queryKey: ['entitle', 'fake'],
      queryFn: () => Promise.reject(new Error('fake')),
    }),
    catalogQueryOptions: () => ({
      queryKey: ['entitle', 'catalog'],
      queryFn: () => Promise.reject(new Error('fake')),
    }),
    start() {
      client.starts++
    },
    stop() {
      client.stops++
    },
    setSnapshot(snapshot) {
      emit({ snapshot, status: snapshot ? 'success' : 'loading' })
    },
    setUsage(feature, usage) {
      const snap = state.snapshot
      const ent = snap?.entitlements[feature]
      if (!snap || ent?.kind !== 'metered') throw new Error(`no metered ${feature}`)
      emit({
        snapshot: {
          ...snap,
          version: snap.version + 1,
          entitlements: { ...snap.entitlements, [feature]: { ...ent, usage } },
        },
      })
    },
    fail(error) {
      emit({ status: 'error', error, isStale: state.snapshot !== undefined })
    },
  }
  return client
}

/** A snapshot with `count` hard-limited metered features `f0…f{count-1}`, each 0 of 10. */
/** A catalog with metered features `f0`…: the ones `manyFeaturesSnapshot` grants (a real backend knows them). */
export function manyFeaturesCatalog(count: number): Catalog {
  const ids = Array.from({ length: count }, (_, i) => `f${i}`)
  return {
    features: ids.map((id) => ({ id, name: id, kind: 'metered' as const })),
    plans: [
      {
        id: 'basic',
        name: 'Basic',
        price: null,
        trialDays: 0,
        grants: Object.fromEntries(
          ids.map((id) => [
            id,
            { kind: 'metered' as const, limit: 10, enforcement: 'hard' as const, resetPeriod: null },
          ]),
        ),
      },
    ],
    addons: [],
  }
}

export function manyFeaturesSnapshot(count: number): EntitlementsSnapshot {
  const entitlements: EntitlementsSnapshot['entitlements'] = {}
  for (let i = 0; i < count; i++) {
    entitlements[`f${i}`] = {
      kind: 'metered',
      usage: 0,
      limit: 10,
      enforcement: 'hard',
      resetPeriod: null,
      resetsAt: null,
      source: 'plan',
      expiresAt: null,
    }
  }
  return {
    customerId: 'acme',
    environment: 'test',
    version: 1,
    generatedAt: '2026-11-21T10:00:00.000Z',
    plan: { id: 'basic', name: 'Basic' },
    trialEndsAt: null,
    entitlements,
  }
}
