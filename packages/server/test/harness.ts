// An @entitle/server on a store, called directly (no network): the LogPilot catalog, a few
// customers, a controllable clock.
import type { Authenticate, EntitlementsServerOptions, SeedData, Store } from '../src/index.js'
import { createEntitlementsServer, memoryStore, seedTokens, staticTokens } from '../src/index.js'
import { catalog, NOW } from './fixtures.js'

export const seed: SeedData = {
  customers: [
    { id: 'acme', planId: 'basic', usage: { seats: 3, 'api-calls': 950 } },
    { id: 'globex', planId: 'premium', usage: { seats: 7 } },
  ],
}

export const ADMIN_SECRET = 'admin-secret-for-tests'

export async function harness(
  options: Partial<EntitlementsServerOptions> & { store?: Store; authenticate?: Authenticate } = {},
) {
  const clock = { now: NOW }
  const server = createEntitlementsServer({
    catalog,
    store: options.store ?? memoryStore(),
    authenticate: options.authenticate ?? staticTokens(seedTokens(seed)),
    clock: () => clock.now,
    ...options,
  })
  await server.admin.seed(seed)
  const call = async (
    method: string,
    path: string,
    init: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers }
    if (init.token) headers.authorization = `Bearer ${init.token}`
    const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body))
    const response = await server(new Request(`http://entitle.test${path}`, { method, headers, body }))
    const text = await response.text()
    let json: Record<string, unknown> & { error?: { code: string; message: string } } = {}
    try {
      json = text ? JSON.parse(text) : {}
    } catch {}
    return { status: response.status, headers: response.headers, json, text }
  }
  return { server, clock, call }
}
