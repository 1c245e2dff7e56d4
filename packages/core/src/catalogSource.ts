// The catalog as the client shows it: the server's (`loadCatalog`, one request for every caller),
// `initialCatalog` (what the server rendered with), or the copy in storage (stale, refreshed on start).
import type { EntitlementsCache } from './cache.js'
import { hashOf } from './cache.js'
import type { EntitlementsQueryOptions } from './clientTypes.js'
import { devWarn } from './dev.js'
import type { Persister } from './persist.js'
import type { Transport } from './transport.js'
import type { Catalog } from './types.js'
import { parseCatalog } from './validate.js'

// Module-scoped on purpose (see dev.ts): core builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

export interface CatalogSourceOptions {
  environment: string
  cache: EntitlementsCache
  persister: Persister
  transport: Transport
  /** Query-core settings of the client's queries (staleTime, gcTime…). */
  queryDefaults: Omit<EntitlementsQueryOptions<Catalog>, 'queryKey' | 'queryFn'>
  staleTime: number
  initialCatalog: Catalog | undefined
}

export interface CatalogSource {
  options: EntitlementsQueryOptions<Catalog>
  hash: string
  /** Storage key of the catalog: `entitle:v1:<environment>#catalog`. */
  key: string
  shown(): Catalog | undefined
  /** Shows the stored copy (stale) when there is no catalog yet. */
  restore(): void
  /** The shown catalog came from storage and the server has not answered since. */
  restored(): boolean
  /** The catalog, fetched unless fresh; rejects with the raw error. */
  load(): Promise<Catalog>
}

export function createCatalogSource(o: CatalogSourceOptions): CatalogSource {
  // `#` never occurs in an encoded customer id, so this cannot collide with a customer's key.
  const key = `entitle:v1:${encodeURIComponent(o.environment)}#catalog`
  let restored = false
  const options: EntitlementsQueryOptions<Catalog> = {
    queryKey: ['entitle', o.environment, 'catalog'],
    queryFn: async ({ signal }) => {
      const catalog = parseCatalog((await o.transport.request({ path: '/v1/catalog', signal })).body)
      restored = false
      o.persister.write(key, catalog)
      return catalog
    },
    ...o.queryDefaults,
  }
  const hash = hashOf(options.queryKey)
  const shown = () => o.cache.read<Catalog>(hash)?.data
  if (o.initialCatalog !== undefined && shown() === undefined) {
    try {
      o.cache.write(options, parseCatalog(o.initialCatalog), Date.now())
    } catch (error) {
      try {
        if (process.env.NODE_ENV !== 'production')
          devWarn(`initialCatalog ignored: ${(error as Error).message}`)
      } catch {}
    }
  }
  return {
    options,
    hash,
    key,
    shown,
    restored: () => restored,
    restore() {
      if (shown() !== undefined) return
      const stored = o.persister.read(key, parseCatalog)
      if (!stored) return
      // Stale from the start (updatedAt 0): shown at once, refreshed by the next `load()`.
      o.cache.write(options, stored, 0)
      restored = true
    },
    load: () => o.cache.fetch(options, o.staleTime),
  }
}
