// @vitest-environment node
// On a real server there is no window, no localStorage and no fetch worth calling during render:
// the client's defaults (persistence, live updates) must stay inert while React renders.
import { createEntitlementsClient } from '@entitle/core'
import { renderToString } from 'react-dom/server'
import { expect, it, vi } from 'vitest'
import { EntitlementsProvider } from '../src/index.js'
import { acme } from './fixtures.js'
import { Page } from './ssrApp.js'

it('renders in Node with the client defaults and never fetches', () => {
  expect(typeof window).toBe('undefined')
  const fetch = vi.fn<typeof globalThis.fetch>()
  const client = createEntitlementsClient({
    baseUrl: 'https://entitlements.example',
    customerId: 'acme',
    environment: 'test',
    fetch,
    initialSnapshot: acme(),
  })
  const html = renderToString(
    <EntitlementsProvider client={client}>
      <Page />
    </EntitlementsProvider>,
  )
  expect(html).toContain('Upgrade to invite more members')
  expect(fetch).not.toHaveBeenCalled()
})
