'use client'
import type { Catalog, EntitlementsError } from '@entitle/core'
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { useEntitlementsContext } from './context.js'

export interface UseCatalogResult {
  /** The catalog (features, plans, add-ons), once loaded. */
  catalog: Catalog | undefined
  /** No catalog yet and no error. */
  isLoading: boolean
  /** Why loading failed (`EntitlementsError` from the client), if it did. Cleared when a catalog arrives. */
  error: EntitlementsError | Error | null
}

/**
 * The public catalog, read from the client's cache and loaded with `client.loadCatalog()` after mount
 * when it is not there yet (one request for every consumer). What a paywall needs to offer the
 * plans that unlock a feature.
 */
export function useCatalog(): UseCatalogResult {
  const { client } = useEntitlementsContext('useCatalog')
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client])
  const getCatalog = useCallback(() => client.getCatalog(), [client])
  const catalog = useSyncExternalStore(subscribe, getCatalog, getCatalog)
  const [failure, setFailure] = useState<{ client: unknown; error: Error } | null>(null)
  const error = catalog === undefined && failure?.client === client ? failure.error : null

  useEffect(() => {
    if (catalog !== undefined) return
    let active = true
    client.loadCatalog().then(
      () => {},
      (e: unknown) => {
        if (active) setFailure({ client, error: e instanceof Error ? e : new Error(String(e)) })
      },
    )
    return () => {
      active = false
    }
  }, [client, catalog])

  return useMemo(
    () => ({
      catalog,
      isLoading: catalog === undefined && error === null,
      error: error as EntitlementsError | Error | null,
    }),
    [catalog, error],
  )
}
