// The cache the client shows from: one entry per query key (a customer's snapshot, the catalog).
// Two implementations of one small interface: a built-in one (this file, a few hundred bytes) and an
// adapter over the app's own TanStack `QueryClient` (`queryClientCache.ts`), so an app that uses
// react-query shares one cache with Entitle, and an app that does not never ships query-core.
import { EntitlementsError } from './errors.js'

/** One cached value. Field names follow query-core's query state, so its state object is one too. */
export interface CacheEntry<T> {
  data: T | undefined
  /** The last fetch's error while `status` is `'error'`. */
  error: unknown
  status: 'pending' | 'success' | 'error'
  /** When the data last came from the server (0: restored, stale from the start). */
  dataUpdatedAt: number
}

export interface CacheQuery<T> {
  queryKey: readonly unknown[]
  queryFn: (context: { signal: AbortSignal }) => Promise<T>
}

export interface EntitlementsCache {
  /** The entry of a key's hash (`hashOf`), if any. */
  read<T>(hash: string): CacheEntry<T> | undefined
  /**
   * Sets the data. `updatedAt`: a server answer (status success, error cleared); `undefined`: a local
   * change (optimistic usage) that keeps the status and the age of data already there.
   */
  write<T>(query: CacheQuery<T>, data: T, updatedAt?: number): void
  /** The data, fetched unless younger than `staleTime`; one request for simultaneous callers. */
  fetch<T>(query: CacheQuery<T>, staleTime: number): Promise<T>
  /** Aborts the fetch in flight; the entry keeps what it had before it. */
  cancel(query: CacheQuery<unknown>): void
  /** Called with the hash of each entry that changed. */
  subscribe(listener: (hash: string) => void): () => void
}

/** A query key's hash: query-core's `hashKey` for keys made of strings (ours are). */
export const hashOf = (queryKey: readonly unknown[]): string => JSON.stringify(queryKey)

interface Entry extends CacheEntry<unknown> {
  running?: Promise<unknown> | undefined
  controller?: AbortController | undefined
}

/** The built-in cache: a Map and a Set of listeners. */
export function createMemoryCache(): EntitlementsCache {
  const entries = new Map<string, Entry>()
  const listeners = new Set<(hash: string) => void>()
  const notify = (hash: string) => {
    for (const listener of listeners) listener(hash)
  }
  const entry = (hash: string): Entry => {
    let e = entries.get(hash)
    if (!e) {
      e = { data: undefined, error: null, status: 'pending', dataUpdatedAt: 0 }
      entries.set(hash, e)
    }
    return e
  }
  const succeed = (e: Entry, data: unknown, at: number) => {
    e.data = data
    e.status = 'success'
    e.error = null
    e.dataUpdatedAt = at
  }
  return {
    read: (hash) => entries.get(hash) as CacheEntry<never> | undefined,
    write(query, data, updatedAt) {
      const hash = hashOf(query.queryKey)
      const e = entry(hash)
      if (updatedAt === undefined && e.data !== undefined) e.data = data
      else succeed(e, data, updatedAt ?? Date.now())
      notify(hash)
    },
    fetch<T>(query: CacheQuery<T>, staleTime: number): Promise<T> {
      const hash = hashOf(query.queryKey)
      const e = entry(hash)
      if (e.running) return e.running as Promise<T>
      if (e.data !== undefined && Date.now() - e.dataUpdatedAt < staleTime)
        return Promise.resolve(e.data as T)
      const controller = new AbortController()
      const cancelled = () => new EntitlementsError('aborted', 'Request cancelled')
      // Settles at once on cancel, even while a fetch that ignores its signal is still out.
      const running = new Promise<T>((resolve, reject) => {
        controller.signal.addEventListener('abort', () => reject(cancelled()))
        query.queryFn({ signal: controller.signal }).then(
          (data) => {
            if (controller.signal.aborted) return
            succeed(e, data, Date.now())
            notify(hash)
            resolve(data)
          },
          (error: unknown) => {
            if (controller.signal.aborted) return
            e.status = 'error'
            e.error = error
            notify(hash)
            reject(error)
          },
        )
      })
      e.running = running
      e.controller = controller
      const clear = () => {
        if (e.running === running) e.running = e.controller = undefined
      }
      running.then(clear, clear)
      return running
    },
    cancel(query) {
      const e = entries.get(hashOf(query.queryKey))
      e?.controller?.abort()
      if (e) e.running = e.controller = undefined
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
