// The catalog source alone: initialCatalog validated and shown, storage restored (stale) on demand,
// a load validated, shown and stored.
import { describe, expect, it, vi } from 'vitest'
import { createMemoryCache } from '../src/cache.js'
import { createCatalogSource } from '../src/catalogSource.js'
import { createPersister } from '../src/persist.js'
import { logPilotCatalog } from '../src/sample/logpilot.js'
import { createTransport } from '../src/transport.js'
import type { Catalog } from '../src/types.js'
import { MemoryStorage } from './helpers.js'

const catalog = logPilotCatalog as unknown as Catalog
function source(
  initialCatalog?: unknown,
  fetch: typeof globalThis.fetch = async () => Response.json(catalog),
) {
  const storage = new MemoryStorage()
  const cache = createMemoryCache()
  const transport = createTransport({
    baseUrl: 'http://x',
    fetch,
    timeoutMs: 1000,
    retries: 0,
    retryDelayMs: 1,
    maxRetryDelayMs: 1,
    now: Date.now,
  })
  const s = createCatalogSource({
    environment: 'test',
    cache,
    persister: createPersister(storage),
    transport,
    queryDefaults: { staleTime: 1000 },
    staleTime: 1000,
    initialCatalog: initialCatalog as Catalog | undefined,
  })
  return { s, storage, cache }
}

describe('createCatalogSource', () => {
  it('shows a valid initialCatalog at once; ignores a bad one with a development warning', () => {
    expect(source(catalog).s.shown()).toBe(catalog)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(source({ features: 'none' }).s.shown()).toBeUndefined()
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('initialCatalog ignored'))
    warn.mockRestore()
  })

  it('restores the stored copy (stale) only when asked and when nothing is shown; a load replaces and stores it', async () => {
    const { s, storage } = source()
    storage.setItem(s.key, JSON.stringify({ ...catalog, plans: [] }))
    expect(s.shown()).toBeUndefined()
    s.restore()
    expect(s.shown()?.plans).toEqual([])
    expect(s.restored()).toBe(true)
    await expect(s.load()).resolves.toEqual(catalog)
    expect(s.restored()).toBe(false)
    expect(JSON.parse(storage.items.get(s.key) ?? 'null')).toEqual(catalog)
  })
})
