// One QueryClient for the app and Entitle: react-query's `useQuery(client.entitlementsQueryOptions())`
// reads the very data the hooks show, and `invalidateQueries({ queryKey: ['entitle'] })` refetches it.
// A .ts file (createElement, no JSX): the React 18 project runs the .tsx tests against React 18, and
// react-query is installed for React 19 only.
import { createEntitlementsClient, type MeteredEntitlement } from '@entitle/core'
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { act, render, screen, waitFor } from '@testing-library/react'
import { createElement as h } from 'react'
import { describe, expect, it } from 'vitest'
import { EntitlementsProvider, useEntitlement, useEntitlementsClient } from '../src/index.js'
import { createTestFetch, logpilotCatalog } from '../src/testing/index.js'
import { acme } from './fixtures.js'

function Seats() {
  const seats = useEntitlement('seats', { requested: 0 })
  const client = useEntitlementsClient()
  const query = useQuery(client.entitlementsQueryOptions())
  const fromQuery = query.data?.entitlements.seats
  const fromHook = seats.usage ?? '…'
  return h(
    'p',
    null,
    `hook ${fromHook} · query ${fromQuery?.kind === 'metered' ? fromQuery.usage : '…'} · v${query.data?.version ?? '…'}`,
  )
}

describe('sharing the app QueryClient (react-query)', () => {
  it('useQuery(client.entitlementsQueryOptions()) reads the same data; invalidateQueries refetches it', async () => {
    const server = createTestFetch({ snapshot: acme(), catalog: logpilotCatalog })
    const queryClient = new QueryClient()
    const client = createEntitlementsClient({
      baseUrl: 'http://entitle.test',
      customerId: 'acme',
      environment: 'test',
      fetch: server.fetch,
      persist: false,
      live: false,
      queryClient,
    })
    render(
      h(
        QueryClientProvider,
        { client: queryClient },
        h(EntitlementsProvider, { client, queryClient }, h(Seats)),
      ),
    )
    const version = acme().version
    await screen.findByText(`hook 3 · query 3 · v${version}`)
    const fetches = () =>
      server.requests.filter((r) => r.startsWith('GET /v1/customers/acme/entitlements')).length
    expect(fetches()).toBe(1) // one request for the hooks and useQuery together

    const next = acme()
    next.version = version + 1
    next.entitlements = {
      ...next.entitlements,
      seats: { ...(next.entitlements.seats as MeteredEntitlement), usage: 1 },
    }
    await server.setSnapshot(next)
    await act(() => queryClient.invalidateQueries({ queryKey: ['entitle'] }))
    await waitFor(() => expect(screen.getByText(`hook 1 · query 1 · v${version + 1}`)).toBeTruthy())
    expect(fetches()).toBe(2)
    expect(client.getState().snapshot?.version).toBe(version + 1)
  })
})
