'use client'
import type { Decision, Feature } from '@entitle/core'
import { decisionValue } from './describe.js'
import { choicesFor, type OverrideChoice, type StoredOverrides } from './overrides.js'

const CHOICE_LABEL: Record<OverrideChoice, string> = {
  granted: 'Granted',
  denied: 'Denied',
  'at-limit': 'At its limit',
  unlimited: 'Unlimited',
  scenario: 'From the scenario',
}

export interface FeatureRowData {
  feature: Pick<Feature, 'id' | 'name' | 'kind'>
  decision: Decision
}

/** Every feature: its decision and reason, where it comes from, and its override menu. */
export function FeatureTable({
  rows,
  overrides,
  onChoose,
}: {
  rows: FeatureRowData[]
  overrides: StoredOverrides
  onChoose: (feature: FeatureRowData, choice: OverrideChoice | null) => void
}) {
  return (
    <table className="entitle-devtools__table">
      <thead>
        <tr>
          <th scope="col">Feature</th>
          <th scope="col">Decision</th>
          <th scope="col">Source</th>
          <th scope="col">Override</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const { feature, decision: d } = row
          const choice = overrides[feature.id]?.choice
          const choices = choicesFor(feature)
          const value = decisionValue(d)
          return (
            <tr key={feature.id} data-overridden={d.isOverridden ? '' : undefined}>
              <th scope="row">
                {feature.name}
                <code>{feature.id}</code>
              </th>
              <td data-granted={d.granted}>
                <span aria-hidden="true">{d.granted ? '✓ ' : '✗ '}</span>
                {d.granted ? 'granted' : 'denied'} · {d.reason}
                {value && ` · ${value}`}
                {d.isFallback && ' · fallback'}
                {d.isStale && ' · stale'}
                {d.isOverridden && <span className="entitle-devtools__tag">overridden</span>}
              </td>
              <td>{d.source ?? '—'}</td>
              <td>
                <select
                  aria-label={`Override ${feature.name}`}
                  value={choice ?? ''}
                  onChange={(e) => onChoose(row, (e.target.value || null) as OverrideChoice | null)}
                >
                  <option value="">Real</option>
                  {choice === 'scenario' && <option value="scenario">{CHOICE_LABEL.scenario}</option>}
                  {choices.map((c) => (
                    <option key={c} value={c}>
                      {CHOICE_LABEL[c]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
