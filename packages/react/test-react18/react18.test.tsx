// Runs only in the 'react18' vitest project (react and react-dom aliased to 18.3.1): proves the
// project really runs React 18, then exercises the provider and hooks there.
import { act, render, screen } from '@testing-library/react'
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { describe, expect, it } from 'vitest'
import { EntitlementsProvider, useEntitlement, usePaywall } from '../src/index.js'
import { createFakeClient } from '../test/fakeClient.js'
import { acme } from '../test/fixtures.js'

function Seats() {
  const d = useEntitlement('seats')
  const paywall = usePaywall()
  return (
    <p>
      {d.reason} {paywall.isOpen ? 'open' : 'closed'}
    </p>
  )
}

describe('React 18', () => {
  it('runs on react and react-dom 18', () => {
    expect(version).toMatch(/^18\./)
    expect(domVersion).toMatch(/^18\./)
  })

  it('provider, useEntitlement and the zustand paywall store work', () => {
    const client = createFakeClient({ snapshot: acme() })
    render(
      <EntitlementsProvider client={client}>
        <Seats />
      </EntitlementsProvider>,
    )
    expect(screen.getByText('limit-exceeded closed')).toBeInTheDocument()
    act(() => client.setUsage('seats', 1))
    expect(screen.getByText('within-limit closed')).toBeInTheDocument()
    expect(client.starts).toBe(1)
  })
})
