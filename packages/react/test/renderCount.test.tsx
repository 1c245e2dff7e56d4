// Render isolation: 1,000 mounted consumers over 100 features; a usage change on one feature
// re-renders only that feature's consumers.
import { act, render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { EntitlementsProvider, useEntitlement, useEntitlements } from '../src/index.js'
import { createTestClient } from '../src/testing/index.js'
import { createFakeClient, manyFeaturesCatalog, manyFeaturesSnapshot } from './fakeClient.js'

const FEATURES = 100
const PER_FEATURE = 10

const renders = new Map<string, number>()

function Consumer({ feature }: { feature: string }) {
  const d = useEntitlement(feature)
  renders.set(feature, (renders.get(feature) ?? 0) + 1)
  return <span data-feature={feature}>{d.usage}</span>
}

function Whole({ onRender }: { onRender: () => void }) {
  useEntitlements()
  onRender()
  return null
}

function mountConsumers(client: Parameters<typeof EntitlementsProvider>[0]['client']) {
  renders.clear()
  const consumers = []
  for (let i = 0; i < FEATURES * PER_FEATURE; i++) {
    const feature = `f${i % FEATURES}`
    consumers.push(<Consumer key={i} feature={feature} />)
  }
  const view = render(<EntitlementsProvider client={client}>{consumers}</EntitlementsProvider>)
  return { view }
}

describe('render isolation (fake client)', () => {
  it('1,000 consumers over 100 features: a usage change on f7 re-renders only the 10 f7 consumers', () => {
    const client = createFakeClient({ snapshot: manyFeaturesSnapshot(FEATURES) })
    const { view } = mountConsumers(client)
    expect(view.container.querySelectorAll('span')).toHaveLength(1000)
    expect([...renders.values()].reduce((a, b) => a + b, 0)).toBe(1000)
    renders.clear()

    act(() => client.setUsage('f7', 4))

    expect(Object.fromEntries(renders)).toEqual({ f7: PER_FEATURE })
    const f7 = view.container.querySelectorAll('[data-feature="f7"]')
    expect([...f7].every((el) => el.textContent === '4')).toBe(true)
  })

  it('a new snapshot version that changes nothing re-renders nobody', () => {
    const client = createFakeClient({ snapshot: manyFeaturesSnapshot(FEATURES) })
    mountConsumers(client)
    renders.clear()
    act(() => client.setSnapshot({ ...manyFeaturesSnapshot(FEATURES), version: 99 }))
    expect(renders.size).toBe(0)
  })

  it('useEntitlements, by contract, re-renders on any change', () => {
    const client = createFakeClient({ snapshot: manyFeaturesSnapshot(FEATURES) })
    let wholeRenders = 0
    render(
      <EntitlementsProvider client={client}>
        <Whole onRender={() => wholeRenders++} />
      </EntitlementsProvider>,
    )
    wholeRenders = 0
    act(() => client.setUsage('f7', 4))
    expect(wholeRenders).toBe(1)
  })
})

describe('render isolation (real client, in-memory backend)', () => {
  it('1,000 consumers over 100 features: reportUsage on f7 re-renders only the 10 f7 consumers, once', async () => {
    const { client, server } = createTestClient({
      snapshot: manyFeaturesSnapshot(FEATURES),
      catalog: manyFeaturesCatalog(FEATURES),
    })
    const { view } = mountConsumers(client)
    renders.clear()

    await act(async () => {
      const result = await client.reportUsage('f7', 4, { idempotencyKey: 'k-f7' })
      expect(result.entitlement.usage).toBe(4)
    })

    expect(server.requests).toContain('POST /v1/customers/acme/usage')
    // Optimistic update, then the server's acknowledgement: the decision is equal, so no second render.
    expect(Object.fromEntries(renders)).toEqual({ f7: PER_FEATURE })
    const f7 = view.container.querySelectorAll('[data-feature="f7"]')
    expect([...f7].every((el) => el.textContent === '4')).toBe(true)
  })
})
