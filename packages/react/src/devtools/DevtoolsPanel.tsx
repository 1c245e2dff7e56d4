'use client'
import type { FeatureKey, FeatureKind } from '@entitle/core'
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useNow } from '../components/useNow.js'
import { useEntitlementsClient } from '../context.js'
import { scenarios } from '../testing/snapshots.js'
import { useCatalog } from '../useCatalog.js'
import { useEntitlements } from '../useEntitlements.js'
import { age } from './describe.js'
import { devtoolsCss } from './devtoolsStyles.js'
import type { EntitlementsDevtoolsProps } from './EntitlementsDevtools.js'
import { EventLog } from './EventLog.js'
import { type FeatureRowData, FeatureTable } from './FeatureTable.js'
import {
  type DevtoolsState,
  loadState,
  type OverrideChoice,
  overrideOf,
  saveState,
  scenarioOverrides,
  toDevOverrides,
} from './overrides.js'
import { useEventLog } from './useEventLog.js'

// Module-scoped on purpose (see dev.ts): the package builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** The scenarios that have data (loading and outage have none to override with). */
const SCENARIOS = [
  'granted-all',
  'over-hard-limit',
  'over-soft-limit',
  'trial-expiring',
  'trial-expired',
] as const

/** The panel (loaded lazily by `EntitlementsDevtools`). */
export default function DevtoolsPanel({
  initialIsOpen = false,
  position = 'bottom-left',
}: EntitlementsDevtoolsProps) {
  const client = useEntitlementsClient()
  const ent = useEntitlements()
  const { catalog } = useCatalog()
  const log = useEventLog(client)
  const now = useNow() // the minute: "3 min ago", refreshed every minute
  const [open, setOpen] = useState(initialIsOpen)
  const [state, setState] = useState<DevtoolsState>(loadState)
  const [refreshing, setRefreshing] = useState(false)
  const toggle = useRef<HTMLButtonElement>(null)
  const close = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const titleId = useId()

  // The overrides in effect are the panel's: applied on mount and on every change, kept for this tab.
  useEffect(() => {
    client.setDevOverrides?.(toDevOverrides(state.overrides))
    saveState(state)
  }, [client, state])
  useEffect(() => () => client.setDevOverrides?.(null), [client])
  useEffect(() => {
    if (open) close.current?.focus()
  }, [open])

  const rows = useMemo<FeatureRowData[]>(() => {
    const known = catalog?.features ?? []
    const ids = new Set(known.map((f) => f.id))
    const extra = Object.entries(ent.snapshot?.entitlements ?? {})
      .filter(([id]) => !ids.has(id))
      .map(([id, e]) => ({ id, name: id, kind: e.kind as FeatureKind }))
    return [...known, ...extra].map((feature) => ({
      feature,
      // Ids from the catalog and the snapshot: registered keys whenever server and catalog agree.
      decision: ent.check(
        feature.id as FeatureKey,
        feature.kind === 'metered' ? { requested: 0 } : undefined,
      ),
    }))
  }, [catalog, ent])

  const choose = (row: FeatureRowData, choice: OverrideChoice | null) =>
    setState((s) => {
      const overrides = { ...s.overrides }
      if (choice === null || choice === 'scenario') delete overrides[row.feature.id]
      else
        overrides[row.feature.id] = { choice, override: overrideOf(choice, row.feature.kind, row.decision) }
      return { overrides, scenario: null }
    })
  const applyScenario = (name: string) => {
    const snapshot = name && catalog ? scenarios[name as (typeof SCENARIOS)[number]]().snapshot : undefined
    setState(
      snapshot && catalog
        ? { overrides: scenarioOverrides(catalog, snapshot), scenario: name }
        : { overrides: {}, scenario: null },
    )
  }
  const refresh = () => {
    setRefreshing(true)
    client
      .refresh()
      .catch(() => {}) // the error shows in the state (and the event log)
      .finally(() => setRefreshing(false))
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return
    e.stopPropagation()
    setOpen(false)
    toggle.current?.focus()
  }

  const count = Object.keys(state.overrides).length
  const snapshot = ent.snapshot
  const lastUpdate = log.find((l) => l.event.type === 'snapshot_updated')?.event
  const from =
    lastUpdate?.type === 'snapshot_updated'
      ? lastUpdate.from
      : snapshot === undefined
        ? '—'
        : ent.isStale
          ? 'storage or initial data (not confirmed yet)'
          : 'before the panel opened'
  let production = true // without a bundler or a `process`, not a development build (dev.ts)
  try {
    production = process.env.NODE_ENV === 'production'
  } catch {}

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the panel closes it.
    <div className="entitle-devtools" data-position={position} onKeyDown={onKeyDown}>
      <style>{devtoolsCss}</style>
      <button
        ref={toggle}
        type="button"
        className="entitle-devtools__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        Entitlements
        {count > 0 && ' '}
        {count > 0 && (
          <span className="entitle-devtools__count">
            {count}
            <span className="entitle-visually-hidden"> overrides</span>
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="entitle-devtools__panel" aria-labelledby={titleId}>
          <div className="entitle-devtools__header">
            <h2 id={titleId}>Entitlements devtools</h2>
            <span className="entitle-devtools__pill" data-live={ent.live}>
              Live: {ent.live}
            </span>
            <button
              type="button"
              className="entitle-devtools__button"
              onClick={refresh}
              disabled={refreshing}
            >
              {refreshing ? 'Refreshing…' : 'Refresh'}
            </button>
            <button
              ref={close}
              type="button"
              className="entitle-devtools__button"
              onClick={() => {
                setOpen(false)
                toggle.current?.focus()
              }}
            >
              Close
            </button>
          </div>

          <h3>Snapshot</h3>
          <dl className="entitle-devtools__facts">
            {(
              [
                ['Customer', ent.customerId],
                ['Plan', snapshot?.plan?.name ?? '—'],
                ['Version', snapshot ? String(snapshot.version) : '—'],
                [
                  'Generated',
                  snapshot
                    ? `${snapshot.generatedAt.slice(11, 19)} UTC${now === null ? '' : ` (${age(now - Date.parse(snapshot.generatedAt))})`}`
                    : '—',
                ],
                ['From', from],
                [
                  'Status',
                  `${ent.isLoading ? 'loading' : ent.error ? `error (${ent.error.code})` : 'ok'}${ent.isStale ? ', stale' : ''}`,
                ],
              ] as const
            ).map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>

          <h3>Features</h3>
          <div className="entitle-devtools__bar">
            <label>
              Scenario{' '}
              <select value={state.scenario ?? ''} onChange={(e) => applyScenario(e.target.value)}>
                <option value="">None (real data)</option>
                {SCENARIOS.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="entitle-devtools__button"
              disabled={count === 0}
              onClick={() => setState({ overrides: {}, scenario: null })}
            >
              Clear overrides{count > 0 ? ` (${count})` : ''}
            </button>
          </div>
          {production && (
            <p className="entitle-devtools__note">This is a production build: overrides do not apply.</p>
          )}
          <FeatureTable rows={rows} overrides={state.overrides} onChoose={choose} />

          <h3>Events</h3>
          <EventLog log={log} />
        </section>
      )}
    </div>
  )
}
