// usage_threshold_crossed: at warnAt and configurable thresholds, once per crossing.
import { act, render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { LimitBanner } from '../src/components/LimitBanner.js'
import { UsageMeter } from '../src/components/UsageMeter.js'
import { EntitlementsProvider } from '../src/EntitlementsProvider.js'
import { useUsageThresholds } from '../src/useUsageThresholds.js'
import { createFakeClient } from './fakeClient.js'
import { globex } from './fixtures.js'

function Watch({ thresholds }: { thresholds: number[] }) {
  useUsageThresholds('seats', thresholds)
  return null
}

const crossings = (client: ReturnType<typeof createFakeClient>) =>
  client.events.filter((e) => e.type === 'usage_threshold_crossed')

describe('useUsageThresholds', () => {
  it('reports each threshold once when usage reaches it from below; going back below arms it again', () => {
    const client = createFakeClient({ snapshot: globex() }) // seats 7 of 10
    render(
      <EntitlementsProvider client={client}>
        <Watch thresholds={[0.8, 1]} />
        {/* a second component on the same meter: still one event per crossing */}
        <Watch thresholds={[0.8, 1]} />
      </EntitlementsProvider>,
    )
    expect(crossings(client)).toEqual([])
    act(() => client.setUsage('seats', 8))
    expect(crossings(client)).toEqual([
      { type: 'usage_threshold_crossed', feature: 'seats', threshold: 0.8, usage: 8, limit: 10 },
    ])
    act(() => client.setUsage('seats', 9))
    expect(crossings(client)).toHaveLength(1)
    act(() => client.setUsage('seats', 10))
    expect(crossings(client).at(-1)).toEqual({
      type: 'usage_threshold_crossed',
      feature: 'seats',
      threshold: 1,
      usage: 10,
      limit: 10,
    })
    act(() => client.setUsage('seats', 6)) // seats released
    act(() => client.setUsage('seats', 8))
    expect(crossings(client).map((e) => (e as { threshold: number }).threshold)).toEqual([0.8, 1, 0.8])
  })

  it('the first reading only says where the meter stands: already past a threshold is not a crossing', () => {
    const client = createFakeClient({ snapshot: globex() })
    act(() => client.setUsage('seats', 9))
    render(
      <EntitlementsProvider client={client}>
        <Watch thresholds={[0.5, 0.8]} />
      </EntitlementsProvider>,
    )
    act(() => client.setUsage('seats', 10))
    expect(crossings(client)).toEqual([])
  })

  it('UsageMeter and LimitBanner report at their warnAt and at the limit, or at their own thresholds; together once', () => {
    const client = createFakeClient({ snapshot: globex() }) // seats 7 of 10
    render(
      <EntitlementsProvider client={client}>
        <UsageMeter feature="seats" warnAt={0.9} />
        <LimitBanner feature="seats" warnAt={0.9} />
        <UsageMeter feature="api-calls" thresholds={[0.5]} />
      </EntitlementsProvider>,
    )
    act(() => client.setUsage('seats', 8))
    expect(crossings(client)).toEqual([])
    act(() => client.setUsage('seats', 9))
    act(() => client.setUsage('seats', 10))
    expect(crossings(client).map((e) => (e as { threshold: number }).threshold)).toEqual([0.9, 1])
  })
})
