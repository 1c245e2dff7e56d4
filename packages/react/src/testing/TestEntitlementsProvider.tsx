'use client'
import {
  type Catalog,
  createEntitlementsClient,
  type EntitlementEvent,
  type EntitlementsClient,
  type EntitlementsClientOptions,
  type EntitlementsSnapshot,
  type FailMode,
  type FallbackGrant,
} from '@entitle/core'
import { type ReactNode, useState } from 'react'
import { EntitlementsProvider, type EntitlementsProviderProps } from '../EntitlementsProvider.js'
import { logpilotCatalog } from './logpilotCatalog.js'
import { type ScenarioName, scenarios } from './snapshots.js'
import { createTestFetch, type TestFetch, type TestNetwork } from './testFetch.js'

export interface TestClientOptions {
  /** The customer's entitlements. Wins over `scenario`'s snapshot. Default: the scenario's, else `'granted-all'`'s. */
  snapshot?: EntitlementsSnapshot
  /** A named scenario on the LogPilot catalog (see `scenarios`). Default: `'granted-all'` unless `snapshot` is given. */
  scenario?: ScenarioName
  /** Default `logpilotCatalog`. */
  catalog?: Catalog
  /** The clock: a fixed instant (ms) or a function. Default `Date.now`. */
  now?: number | (() => number)
  /** Receives every analytics event (`check_denied`, `paywall_viewed`…). Default: none. */
  onEvent?: (event: EntitlementEvent) => void
  /** Client fallbacks (what `outage` and `loading` decide with). Default: none. */
  fallback?: Partial<Record<string, FallbackGrant>>
  /** Default `'open'`, as in production. */
  failMode?: FailMode
  /** Override the scenario's network: `'ok'`, `'down'` (fails like an unreachable server) or `'hang'`. */
  network?: TestNetwork
  /** Plans whose free trial the customer already had (starting one again: 409 `trial_already_used`). Default none. */
  trialsUsed?: readonly string[]
  /** The client's `checkoutReturn` (how the way back from a hosted checkout is recognised). Default: none. */
  checkoutReturn?: EntitlementsClientOptions['checkoutReturn']
  /** The client's `checkoutTimeoutMs`. Default: the client's (30 s). */
  checkoutTimeoutMs?: number
}

export interface TestClient {
  /** A real `createEntitlementsClient` client: no persistence, no live updates, no retries. */
  client: EntitlementsClient
  /** Its fake backend: requests made, current snapshot, switch the network. */
  server: TestFetch
}

/**
 * A real entitlements client wired to an in-memory backend (`createTestFetch`): nothing leaves the
 * process, nothing is persisted. The `'outage'` scenario fails every request like a down server;
 * `'loading'` never answers.
 */
export function createTestClient(options: TestClientOptions = {}): TestClient {
  const now = typeof options.now === 'number' ? constant(options.now) : (options.now ?? Date.now)
  const scenario = scenarios[options.scenario ?? 'granted-all'](now())
  const catalog = options.catalog ?? logpilotCatalog
  const snapshot = options.snapshot ?? scenario.snapshot
  const server = createTestFetch({
    snapshot: snapshot ?? scenarios['granted-all'](now()).snapshot,
    catalog,
    network:
      options.network ??
      (options.snapshot !== undefined && options.scenario === undefined ? 'ok' : scenario.network),
    now,
    ...(options.trialsUsed === undefined ? {} : { trialsUsed: options.trialsUsed }),
  })
  const client = createEntitlementsClient({
    baseUrl: 'http://entitle.test',
    customerId: snapshot?.customerId ?? 'test-customer',
    fetch: server.fetch,
    environment: snapshot?.environment ?? 'test',
    persist: false,
    live: false,
    retries: 0,
    now,
    ...(snapshot === undefined ? {} : { initialSnapshot: snapshot }),
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
    ...(options.fallback === undefined ? {} : { fallback: options.fallback }),
    ...(options.failMode === undefined ? {} : { failMode: options.failMode }),
    ...(options.checkoutReturn === undefined ? {} : { checkoutReturn: options.checkoutReturn }),
    ...(options.checkoutTimeoutMs === undefined ? {} : { checkoutTimeoutMs: options.checkoutTimeoutMs }),
  })
  return { client, server }
}

function constant(ms: number): () => number {
  return () => ms
}

export interface TestEntitlementsProviderProps
  extends TestClientOptions,
    Pick<EntitlementsProviderProps, 'resolveFlag' | 'hasPermission' | 'canManageBilling'> {
  /**
   * Your app's business helpers: the same `helpers` (`defineHelpers(…)`) you give
   * `<EntitlementsProvider>`. Without them, a component calling `useEntitlements().canInviteMembers(…)`
   * fails with an error that says to pass them. Default: none.
   */
  helpers?: EntitlementsProviderProps['helpers']
  /** Use this client instead of creating one (e.g. from `createTestClient`, to drive its server). */
  client?: EntitlementsClient
  children?: ReactNode
}

/**
 * `<EntitlementsProvider>` for tests and stories, with no network: test your gated UI in one line.
 *
 * ```tsx
 * import { helpers } from './entitlements' // your defineHelpers(…), as given to <EntitlementsProvider>
 *
 * render(
 *   <TestEntitlementsProvider scenario="over-hard-limit" helpers={helpers}>
 *     <InviteButton />
 *   </TestEntitlementsProvider>,
 * )
 * ```
 *
 * The options are read once, on mount (change the `key` to start over). The first render already
 * shows the scenario's data: no loading flash, no request needed.
 */
export function TestEntitlementsProvider({
  client: given,
  helpers,
  resolveFlag,
  hasPermission,
  canManageBilling,
  children,
  ...options
}: TestEntitlementsProviderProps) {
  const [client] = useState(() => given ?? createTestClient(options).client)
  return (
    <EntitlementsProvider
      client={client}
      {...(helpers === undefined ? {} : { helpers })}
      {...(resolveFlag === undefined ? {} : { resolveFlag })}
      {...(hasPermission === undefined ? {} : { hasPermission })}
      {...(canManageBilling === undefined ? {} : { canManageBilling })}
    >
      {children}
    </EntitlementsProvider>
  )
}
