'use client'
import type { Catalog, EntitlementsError } from '@entitle/core'
import { useEffect, useState } from 'react'
import { useEntitlementsContext } from './context.js'

export interface UseCatalogResult {
  /** The catalog (features, plans, add-ons), once loaded. */
  catalog: Catalog | undefined
  /** No catalog yet and no error. */
  isLoading: boolean
  /** Why loading failed (`EntitlementsError` from the client), if it did. */
  error: EntitlementsError | Error | null
}

/**
 * The public catalog, loaded through `client.loadCatalog()` after mount (the client caches it, so
 * every consumer shares one request). What a paywall needs to offer the plans that unlock a feature.
 */
export function useCatalog(): UseCatalogResult {
  const { client } = useEntitlementsContext('useCatalog')
  const [result, setResult] = useState<{
    catalog: Catalog | undefined
    error: Error | null
    client: unknown
  }>(() => ({
    catalog: client.getCatalog(),
    error: null,
    client,
  }))
  // A new client (e.g. the provider got another one) starts over from its own cache.
  const current = result.client === client ? result : { catalog: client.getCatalog(), error: null, client }

  const loaded = current.catalog !== undefined
  useEffect(() => {
    if (loaded) return
    let active = true
    client.loadCatalog().then(
      (catalog) => active && setResult({ catalog, error: null, client }),
      (error: unknown) =>
        active &&
        setResult({
          catalog: undefined,
          error: error instanceof Error ? error : new Error(String(error)),
          client,
        }),
    )
    return () => {
      active = false
    }
  }, [client, loaded])

  return {
    catalog: current.catalog,
    isLoading: current.catalog === undefined && current.error === null,
    error: current.error as EntitlementsError | Error | null,
  }
}
