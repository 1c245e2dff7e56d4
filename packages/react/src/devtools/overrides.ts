// The devtools' overrides: what each choice of the per-feature menu means, scenarios as sets of
// overrides, and their copy in sessionStorage (this tab only, kept across reloads, gone with the tab).
import type {
  Catalog,
  Decision,
  DevOverride,
  DevOverrides,
  EntitlementsSnapshot,
  Feature,
} from '@entitle/core'

/** The choices of a feature's override menu. `scenario`: set by a scenario, not by hand. */
export type OverrideChoice = 'granted' | 'denied' | 'at-limit' | 'unlimited' | 'scenario'

/** What the devtools keep: per feature, the choice shown and the override it made. */
export type StoredOverrides = Record<string, { choice: OverrideChoice; override: DevOverride }>

export interface DevtoolsState {
  overrides: StoredOverrides
  /** The scenario applied last, if its overrides are still the ones in effect. */
  scenario: string | null
}

/** The choices a feature of this kind offers. */
export function choicesFor(feature: Pick<Feature, 'kind'>): OverrideChoice[] {
  return feature.kind === 'metered' ? ['granted', 'denied', 'at-limit', 'unlimited'] : ['granted', 'denied']
}

/** The override a choice makes, from the feature's kind and its real decision (a meter keeps its limit). */
export function overrideOf(
  choice: Exclude<OverrideChoice, 'scenario'>,
  kind: Feature['kind'],
  real: Decision,
): DevOverride {
  if (choice === 'denied') return false
  if (kind === 'config') return { kind: 'config', value: real.value ?? true }
  if (kind !== 'metered') return true
  const enforcement = real.enforcement ?? 'hard'
  if (choice === 'unlimited') return { kind: 'metered', limit: null, usage: real.usage ?? 0, enforcement }
  if (choice === 'at-limit') {
    const limit = typeof real.limit === 'number' && real.limit > 0 ? real.limit : 10
    return { kind: 'metered', limit, usage: limit, enforcement }
  }
  return { kind: 'metered', limit: real.limit ?? null, usage: real.usage ?? 0, enforcement }
}

/**
 * A scenario's snapshot as overrides of every catalog feature: what it grants, with its values and
 * usage; the rest denied. (Scenarios without data, `loading` and `outage`, cannot be overrides.)
 */
export function scenarioOverrides(catalog: Catalog, snapshot: EntitlementsSnapshot): StoredOverrides {
  const out: StoredOverrides = {}
  for (const { id } of catalog.features) {
    const e = Object.hasOwn(snapshot.entitlements, id) ? snapshot.entitlements[id] : undefined
    const override: DevOverride =
      e === undefined
        ? false
        : e.kind === 'metered'
          ? { kind: 'metered', limit: e.limit, usage: e.usage, enforcement: e.enforcement }
          : e.kind === 'config'
            ? { kind: 'config', value: e.value }
            : true
    out[id] = { choice: 'scenario', override }
  }
  return out
}

/** The client's form. */
export function toDevOverrides(stored: StoredOverrides): DevOverrides {
  const out: Record<string, DevOverride> = {}
  for (const [feature, { override }] of Object.entries(stored)) out[feature] = override
  return out
}

const KEY = 'entitle:devtools:v1'
const EMPTY: DevtoolsState = { overrides: {}, scenario: null }

function session(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage
  } catch {
    return undefined // blocked storage (privacy settings)
  }
}

/** What this tab kept; nothing (never a throw) when storage is missing, blocked or holds garbage. */
export function loadState(): DevtoolsState {
  try {
    const raw = session()?.getItem(KEY)
    if (!raw) return EMPTY
    const parsed = JSON.parse(raw) as Partial<DevtoolsState>
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.overrides !== 'object') return EMPTY
    return {
      overrides: parsed.overrides ?? {},
      scenario: typeof parsed.scenario === 'string' ? parsed.scenario : null,
    }
  } catch {
    return EMPTY
  }
}

export function saveState(state: DevtoolsState): void {
  try {
    const storage = session()
    if (Object.keys(state.overrides).length === 0) storage?.removeItem(KEY)
    else storage?.setItem(KEY, JSON.stringify(state))
  } catch {
    // Full or blocked storage: the overrides still apply until the tab reloads.
  }
}
