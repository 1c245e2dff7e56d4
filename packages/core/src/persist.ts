// Last-known-good data in Web Storage. Storage is hostile ground: another version of the app may have
// written a different shape, the user may have edited it, quota may be full, and merely touching
// `localStorage` throws a SecurityError in sandboxed iframes or with cookies blocked. Nothing here
// throws: bad entries are removed, failed writes are given up.
import type { StorageLike } from './clientTypes.js'

export interface Persister {
  /** The stored value, checked by `parse` (which throws on a bad shape); bad or unreadable → removed, `undefined`. */
  read<T>(key: string, parse: (value: unknown) => T): T | undefined
  /** Stores `value` as JSON. On failure (quota) the key is removed, so an older value is never restored later. */
  write(key: string, value: unknown): void
  remove(key: string): void
  /** Stored keys starting with `prefix`, where the storage can be listed (`length` and `key()`); else none. */
  keys(prefix: string): string[]
}

/** `localStorage` where it exists and is usable; `undefined` on the server or when access throws. */
export function defaultStorage(): StorageLike | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined
  }
}

/** Storage key of one customer's data: `entitle:v1:<environment>:<customerId>[:<suffix>]`. */
export function storageKey(environment: string, customerId: string, suffix?: string): string {
  const key = `entitle:v1:${encodeURIComponent(environment)}:${encodeURIComponent(customerId)}`
  return suffix === undefined ? key : `${key}:${suffix}`
}

export function createPersister(storage: StorageLike | undefined): Persister {
  const remove = (key: string) => {
    try {
      storage?.removeItem(key)
    } catch {}
  }
  return {
    read(key, parse) {
      if (!storage) return undefined
      let raw: string | null
      try {
        raw = storage.getItem(key)
      } catch {
        return undefined
      }
      if (raw === null) return undefined
      try {
        return parse(JSON.parse(raw))
      } catch {
        remove(key)
        return undefined
      }
    },
    write(key, value) {
      if (!storage) return
      try {
        storage.setItem(key, JSON.stringify(value))
      } catch {
        remove(key)
      }
    },
    remove,
    keys(prefix) {
      const found: string[] = []
      const listable = storage as Partial<Pick<Storage, 'length' | 'key'>> | undefined
      try {
        if (typeof listable?.length === 'number' && typeof listable.key === 'function') {
          for (let i = 0; i < listable.length; i++) {
            const key = listable.key(i)
            if (key?.startsWith(prefix)) found.push(key)
          }
        }
      } catch {}
      return found
    },
  }
}
