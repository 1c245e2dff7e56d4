// `fresh`: decide on the server's data, where preventing an overage matters more than speed.
import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { createTestClient, createTestSnapshot, TestEntitlementsProvider } from '../testing/index.js'
import { useEntitlement } from '../useEntitlement.js'
import { Gate } from './Gate.js'

/** Seats 2 of 3 in the client's cache; another device has taken the third seat on the server since. */
async function racedClient() {
  const test = createTestClient({ snapshot: createTestSnapshot({ plan: 'basic', usage: { seats: 2 } }) })
  await test.client.refresh() // the client has the server's 2 of 3
  await test.server.server.reportUsage('test-customer', { feature: 'seats', amount: 1 })
  return test
}

describe('<Gate fresh>', () => {
  it('waits for the server before deciding (shows `loading`), then decides on its answer', async () => {
    const { client } = await racedClient()
    const checkFresh = vi.spyOn(client, 'checkFresh')
    render(
      <TestEntitlementsProvider client={client}>
        <Gate
          feature="seats"
          requested={1}
          fresh
          loading={<p>Checking seats…</p>}
          fallback={<p>No seat left</p>}
        >
          <button type="button">Invite</button>
        </Gate>
      </TestEntitlementsProvider>,
    )
    expect(screen.getByText('Checking seats…')).toBeInTheDocument()
    expect(await screen.findByText('No seat left')).toBeInTheDocument()
    expect(checkFresh).toHaveBeenCalledWith('seats', { requested: 1, maxAgeMs: 0 })
  })

  it('the cached check stays the default: decided at once on the cache', async () => {
    const { client } = await racedClient()
    render(
      <TestEntitlementsProvider client={client}>
        <Gate feature="seats" requested={1} fallback={<p>No seat left</p>}>
          <button type="button">Invite</button>
        </Gate>
      </TestEntitlementsProvider>,
    )
    expect(screen.getByRole('button', { name: 'Invite' })).toBeInTheDocument()
  })

  it('{ maxAgeMs } accepts data the server confirmed that recently, without asking again', async () => {
    // The cache was confirmed just now (2 of 3): within maxAgeMs, no fetch; the cached answer holds.
    const { client } = await racedClient()
    const checkFresh = vi.spyOn(client, 'checkFresh')
    render(
      <TestEntitlementsProvider client={client}>
        <Gate
          feature="seats"
          fresh={{ maxAgeMs: 60_000 }}
          loading={<p>Checking…</p>}
          fallback={<p>No seat left</p>}
        >
          <button type="button">Invite</button>
        </Gate>
      </TestEntitlementsProvider>,
    )
    expect(await screen.findByRole('button', { name: 'Invite' })).toBeInTheDocument()
    expect(checkFresh).toHaveBeenCalledWith('seats', { maxAgeMs: 60_000 })
  })
})

const seen: string[] = []
function Probe() {
  const d = useEntitlement('seats', { requested: 1, fresh: true })
  seen.push(`${d.reason}:${d.granted}`)
  return <p>{d.reason}</p>
}

describe('useEntitlement(feature, { fresh })', () => {
  it('is `loading` (not granted) until the fresh answer, then follows the client', async () => {
    const { client } = await racedClient()
    seen.length = 0
    render(
      <TestEntitlementsProvider client={client}>
        <Probe />
      </TestEntitlementsProvider>,
    )
    expect(await screen.findByText('limit-exceeded')).toBeInTheDocument()
    // Never the cached, stale grant.
    expect(seen).not.toContain('within-limit:true')
    expect(seen[0]).toBe('loading:false')
  })
})
