// The offline usage queue in storage, one list per environment + customer shared by every tab: read
// on restore, merged on every write (see usageQueue.ts), adopted before a flush so that reports a
// closed tab left behind are sent too (each carries its idempotency key: sending one twice counts once).
import type { Customer } from './customers.js'
import type { Persister } from './persist.js'
import { storageKey } from './persist.js'
import { mergeQueue, parseQueue, type QueuedUsage, replayable } from './usageQueue.js'

export interface QueueStore {
  /** Reads the stored queue into `c.pending` (as queued, shown optimistically). */
  restore(c: Customer): void
  /** Writes `c`'s queued reports, merged with what other tabs stored. */
  save(c: Customer): void
  /** Takes stored reports this tab does not know into `c.pending`; whether any were added. */
  adopt(c: Customer): boolean
  /** Drops `c`'s reports past the idempotency lifetime; how many. */
  expire(c: Customer): number
}

export function createQueueStore(persister: Persister, environment: string, now: () => number): QueueStore {
  const key = (c: Customer) => storageKey(environment, c.id, 'usage-queue')
  const stored = (c: Customer): QueuedUsage[] => persister.read(key(c), parseQueue) ?? []

  function adopt(c: Customer): boolean {
    const t = now()
    const known = new Set(c.pending.map((r) => r.idempotencyKey))
    let added = false
    for (const r of stored(c)) {
      if (known.has(r.idempotencyKey) || c.settled.has(r.idempotencyKey) || !replayable(r, t)) continue
      c.pending.push({ ...r, queued: true })
      added = true
    }
    return added
  }

  return {
    restore: adopt,
    adopt,
    save(c) {
      const merged = mergeQueue(
        stored(c),
        c.pending.filter((r) => r.queued),
        c.settled,
        now(),
      )
      if (merged.length === 0) persister.remove(key(c))
      else persister.write(key(c), merged)
    },
    expire(c) {
      const t = now()
      const before = c.pending.length
      c.pending = c.pending.filter((r) => {
        if (!r.queued || replayable(r, t)) return true
        c.settled.add(r.idempotencyKey)
        return false
      })
      return before - c.pending.length
    },
  }
}
