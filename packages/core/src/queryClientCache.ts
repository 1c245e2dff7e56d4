// The client's cache on the app's own TanStack `QueryClient` (`createEntitlementsClient({ queryClient })`):
// what react-query's `useQuery(client.entitlementsQueryOptions())` and `invalidateQueries` see is what
// the client shows. Only the instance's methods are used, never an import of query-core, so the
// client's bundle has no query-core of its own: the app's copy is the one that runs.
import type { QueryClient } from '@tanstack/query-core'
import type { CacheEntry, EntitlementsCache } from './cache.js'
import { EntitlementsError } from './errors.js'

export function queryClientCache(queryClient: QueryClient): EntitlementsCache {
  const cache = queryClient.getQueryCache()
  return {
    read: (hash) => cache.get(hash)?.state as CacheEntry<never> | undefined,
    write(query, data, updatedAt) {
      // Built with the query's own options first, so its gcTime and staleTime apply.
      const built = cache.build(queryClient, queryClient.defaultQueryOptions(query as never))
      if (updatedAt === undefined && built.state.data !== undefined) built.setState({ data })
      else queryClient.setQueryData(query.queryKey, data as never, { updatedAt: updatedAt ?? Date.now() })
    },
    fetch: (query, staleTime) =>
      queryClient.fetchQuery({ ...query, staleTime } as never).catch((error: unknown) => {
        // query-core's CancelledError (cancelQueries), told apart without importing its class.
        if (error instanceof Error && error.message === 'CancelledError' && 'revert' in error)
          throw new EntitlementsError('aborted', 'Request cancelled', { cause: error })
        throw error
      }) as never,
    cancel: (query) => void queryClient.cancelQueries({ queryKey: query.queryKey, exact: true }),
    subscribe: (listener) => cache.subscribe((event) => listener(event.query.queryHash)),
  }
}
