import { createEntitlementsClient } from '../src/client.js'
import type {
  EntitlementsClient,
  EntitlementsClientOptions,
  EntitlementsClientState,
  StorageLike,
} from '../src/clientTypes.js'
import type { FakeServer } from './fakeServer.js'

export const BASE_URL = 'http://entitle.test'

/**
 * The instant the fake server's snapshots say they were generated (`snapshotOf`): tests run their fake
 * clock from it, so the client's clock-skew correction (server `generatedAt` minus the local clock) is 0.
 */
export const SERVER_NOW = Date.parse('2026-01-01T00:00:00.000Z')

/** A client on the in-process fake server: no persistence, no live updates, short backoff. */
export function clientFor(server: FakeServer, overrides: Partial<EntitlementsClientOptions<string>> = {}) {
  return createEntitlementsClient({
    baseUrl: BASE_URL,
    customerId: 'acme',
    environment: 'test',
    fetch: server.fetch,
    persist: false,
    live: false,
    retryDelayMs: 100,
    maxRetryDelayMs: 1000,
    ...overrides,
  })
}

/** Resolves with the first state (now or after a notification) that satisfies `predicate`. */
export function stateWhere(
  client: EntitlementsClient<string>,
  predicate: (state: EntitlementsClientState) => boolean,
): Promise<EntitlementsClientState> {
  return new Promise((resolve) => {
    if (predicate(client.getState())) return resolve(client.getState())
    const unsubscribe = client.subscribe(() => {
      const state = client.getState()
      if (!predicate(state)) return
      unsubscribe()
      resolve(state)
    })
  })
}

/** An in-memory Storage, with hooks to make it throw. */
export class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>()
  failWrites: Error | undefined
  failReads: Error | undefined
  getItem(key: string): string | null {
    if (this.failReads) throw this.failReads
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw this.failWrites
    this.items.set(key, value)
  }
  removeItem(key: string): void {
    if (this.failReads) throw this.failReads
    this.items.delete(key)
  }
}
