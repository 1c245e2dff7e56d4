// Structural sharing for decisions: `client.check()` builds a new Decision on every call, but a
// `useSyncExternalStore` snapshot must stay the same object while nothing changed, or React re-renders
// (or loops). The cache keeps, per client and per (feature, requested), the last decision handed out,
// and hands it out again while every field is equal. Consumers of one feature share one object.
import type { Decision, EntitlementsClient } from '@entitle/core'

const caches = new WeakMap<object, Map<string, Decision>>()
const MAX_ENTRIES = 2048

/** Same fields, same values (Decision fields are all primitives). */
export function decisionEquals(a: Decision, b: Decision): boolean {
  if (a === b) return true
  let count = 0
  for (const key in a) {
    if (a[key as keyof Decision] !== b[key as keyof Decision]) return false
    count++
  }
  for (const _ in b) count--
  return count === 0
}

/** `client.check(feature, { requested })`, returning the previous object while the decision is unchanged. */
export function checkShared(
  client: EntitlementsClient<string>,
  feature: string,
  requested: number | undefined,
): Decision {
  let cache = caches.get(client)
  if (cache === undefined) {
    cache = new Map()
    caches.set(client, cache)
  }
  const key = requested === undefined ? feature : `${feature}\u0000${requested}`
  const next = client.check(feature, requested === undefined ? undefined : { requested })
  const prev = cache.get(key)
  if (prev !== undefined && decisionEquals(prev, next)) return prev
  // Bounded: a slider over `requested` must not grow it forever. Clearing only costs each hook one
  // extra render the next time its decision is recomputed as a new (equal) object.
  if (prev === undefined && cache.size >= MAX_ENTRIES) cache.clear()
  cache.set(key, next)
  return next
}
