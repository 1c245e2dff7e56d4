// Storage clean-up on logout: what the client stored for its environment (every customer's snapshot
// and queue, including earlier sessions' where the storage can be listed, and the catalog).
import type { ClearPersistedOptions } from './clientTypes.js'
import type { Customer } from './customers.js'
import { devWarn } from './dev.js'
import { type Persister, storageKey } from './persist.js'
import { parseQueue } from './usageQueue.js'

// Module-scoped on purpose (see dev.ts): core builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** Forgets what is stored; drops (or keeps) the customers' queued reports in memory. Returns the customers whose view changed. */
export function clearPersisted(
  persister: Persister,
  environment: string,
  catalogKey: string,
  customers: Iterable<Customer>,
  options?: ClearPersistedOptions,
): Customer[] {
  const keepQueue = options?.keepQueuedUsage === true
  const queueSuffix = ':usage-queue'
  const keys = new Set(persister.keys(storageKey(environment, '')))
  const inMemory = new Set<string>()
  const changed: Customer[] = []
  let dropped = 0
  for (const c of customers) {
    c.stored = false
    keys.add(storageKey(environment, c.id))
    const queueKey = storageKey(environment, c.id, 'usage-queue')
    keys.add(queueKey)
    inMemory.add(queueKey)
    const queued = keepQueue ? [] : c.pending.filter((report) => report.queued)
    if (queued.length > 0) {
      dropped += queued.length
      for (const report of queued) c.settled.add(report.idempotencyKey)
      c.pending = c.pending.filter((report) => !report.queued)
      changed.push(c)
    }
  }
  for (const key of keys) {
    if (key.endsWith(queueSuffix)) {
      if (keepQueue) continue
      if (!inMemory.has(key)) dropped += persister.read(key, parseQueue)?.length ?? 0
    }
    persister.remove(key)
  }
  persister.remove(catalogKey)
  try {
    if (process.env.NODE_ENV !== 'production' && dropped > 0)
      devWarn(
        `clearPersisted(): ${dropped} queued usage report(s) dropped, never sent. Pass { keepQueuedUsage: true } to keep them.`,
      )
  } catch {}
  return changed
}
