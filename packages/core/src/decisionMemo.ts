// Decisions kept per state: a repeated `check()` is two map reads and no allocation. A decision that
// depends on the clock (an `expiresAt` or `resetsAt` still ahead) is kept until that instant; the
// caller compares the clock. Kept decisions are frozen: every caller of one check gets one object.
import { parseInstant } from './evaluate.js'
import type { Decision, EntitlementsSnapshot } from './types.js'

/** A kept decision and the instant (epoch ms) it may change at; `Infinity`: not before the state does. */
export interface Kept {
  decision: Decision
  until: number
}

interface Memo {
  plain?: Kept | undefined
  byRequested?: Map<number, Kept> | undefined
}

const MAX_FEATURES = 1024
const MAX_REQUESTED = 64

export interface DecisionMemo {
  get(feature: string, requested: number | undefined): Kept | undefined
  /** Keeps `decision`, decided at `now`, until the entitlement's next expiry or reset instant. */
  keep(
    snapshot: EntitlementsSnapshot | undefined,
    feature: string,
    requested: number | undefined,
    decision: Decision,
    now: number,
  ): void
}

/** The first of `iso` instants still ahead of `now`, else `Infinity`. */
function nextChange(now: number, a: string | null | undefined, b: string | null | undefined): number {
  let until = Number.POSITIVE_INFINITY
  for (const iso of [a, b]) {
    if (iso == null) continue
    const at = parseInstant(iso)
    if (at > now && at < until) until = at
  }
  return until
}

export function createDecisionMemo(): DecisionMemo {
  const memo = new Map<string, Memo>()
  return {
    get(feature, requested) {
      const m = memo.get(feature)
      if (m === undefined) return undefined
      return requested === undefined ? m.plain : m.byRequested?.get(requested)
    },
    keep(snapshot, feature, requested, decision, now) {
      let until = Number.POSITIVE_INFINITY
      if (snapshot !== undefined && Object.hasOwn(snapshot.entitlements, feature)) {
        const e = snapshot.entitlements[feature]
        if (e != null) until = nextChange(now, e.expiresAt, e.kind === 'metered' ? e.resetsAt : null)
      }
      let m = memo.get(feature)
      if (m === undefined) {
        if (memo.size >= MAX_FEATURES) memo.clear()
        m = {}
        memo.set(feature, m)
      }
      const kept = { decision: Object.freeze(decision), until }
      if (requested === undefined) m.plain = kept
      else {
        m.byRequested ??= new Map()
        if (m.byRequested.size >= MAX_REQUESTED) m.byRequested.clear()
        m.byRequested.set(requested, kept)
      }
    },
  }
}
