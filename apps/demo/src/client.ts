// The entitlements client of the demo: one per page load, created outside React, on the app's one
// react-query QueryClient (the demo controls keep their own data in it too).
import { createEntitlementsClient } from '@entitle/core'
import { QueryClient } from '@tanstack/react-query'
import type { Feature } from './entitlements'

/** Where the mock entitlements server runs (scripts/demo.mjs sets it). */
export const ENTITLE_URL = import.meta.env.VITE_ENTITLE_URL ?? 'http://127.0.0.1:4010'

/** The sample customers of the mock server's seed; each one's bearer token is `demo-<id>`. */
export const CUSTOMERS = [
  { id: 'acme', name: 'Acme Corp', story: 'At the seat limit, close to the API allowance' },
  { id: 'globex', name: 'Globex', story: 'Over the API allowance; AI assistant on a promotion' },
  { id: 'initech', name: 'Initech', story: 'On a trial that ends in 2 days' },
  { id: 'umbrella', name: 'Umbrella', story: 'Unlimited seats and calls' },
] as const
export type CustomerId = (typeof CUSTOMERS)[number]['id']

const CUSTOMER_KEY = 'logpilot:customer'

function isCustomer(id: string | null): id is CustomerId {
  return CUSTOMERS.some((c) => c.id === id)
}

/** `?customer=globex` wins (handy for links), then the last choice, then acme. */
function initialCustomer(): CustomerId {
  const fromUrl = new URLSearchParams(window.location.search).get('customer')
  if (isCustomer(fromUrl)) return fromUrl
  try {
    const stored = localStorage.getItem(CUSTOMER_KEY)
    if (isCustomer(stored)) return stored
  } catch {
    // Storage can be unavailable (privacy settings); the default customer will do.
  }
  return 'acme'
}

let customerId: CustomerId = initialCustomer()

/** The app's one cache: Entitle's snapshot and catalog (`['entitle', …]`) and the demo's own queries. */
export const queryClient = new QueryClient()

export const entitlementsClient = createEntitlementsClient<Feature>({
  baseUrl: ENTITLE_URL,
  customerId,
  // In a real app: your session's access token. The mock server's tokens are `demo-<customer id>`.
  getToken: () => `demo-${customerId}`,
  // What the mock server's snapshots say (a snapshot of another environment is refused).
  environment: 'development',
  queryClient,
  // With no data at all (first visit while the service is down), every feature fails open except
  // what these say: a hard-limited seat is never handed out blindly, and retention stays at the minimum.
  fallback: {
    seats: { kind: 'metered', limit: 0, enforcement: 'hard' },
    'retention-days': { kind: 'config', value: 3 },
  },
  failMode: 'open',
  // Coming back from the (mock) hosted checkout: `?checkout=success` / `?checkout=cancel` (checkout.ts).
  // The client waits this long for the webhook's entitlement before offering "Check again".
  checkoutReturn: 'checkout',
  checkoutTimeoutMs: 8_000,
  // The demo gives up quickly, so the outage switch shows its effect within seconds.
  timeoutMs: 2_500,
  retries: 1,
  retryDelayMs: 250,
  maxRetryDelayMs: 1_000,
})

export function currentCustomer(): CustomerId {
  return customerId
}

/** Switches the whole app to another customer: their cached snapshot (if any) shows at once. */
export function switchCustomer(id: CustomerId): void {
  customerId = id
  try {
    localStorage.setItem(CUSTOMER_KEY, id)
  } catch {
    // Not remembered across reloads; the switch itself still works.
  }
  const url = new URL(window.location.href)
  if (url.searchParams.has('customer')) {
    url.searchParams.set('customer', id)
    window.history.replaceState(null, '', url)
  }
  entitlementsClient.setCustomer(id)
}
