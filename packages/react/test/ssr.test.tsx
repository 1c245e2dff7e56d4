// SSR: rendering with an `initialSnapshot` makes no network call and renders the right branch; the
// browser hydrates the same markup without warnings, then the client starts.
import { createEntitlementsClient, type EntitlementsSnapshot } from '@entitle/core'
import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EntitlementsProvider } from '../src/index.js'
import { createTestFetch, logpilotCatalog } from '../src/testing/index.js'
import { acme } from './fixtures.js'
import { Page } from './ssrApp.js'

function serverClient(initialSnapshot: EntitlementsSnapshot | undefined, fetch: typeof globalThis.fetch) {
  return createEntitlementsClient({
    baseUrl: 'https://entitlements.example',
    customerId: 'acme',
    environment: 'test',
    fetch,
    persist: false,
    live: false,
    ...(initialSnapshot ? { initialSnapshot } : {}),
  })
}

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('server rendering', () => {
  it('renderToString with an initialSnapshot: no network call, the right branch', () => {
    const fetch = vi.fn<typeof globalThis.fetch>()
    const client = serverClient(acme(), fetch)
    const html = renderToString(
      <EntitlementsProvider client={client}>
        <Page />
      </EntitlementsProvider>,
    )
    expect(html).toContain('3<!-- --> of <!-- -->3<!-- --> seats used. Upgrade to invite more members.')
    expect(html).toContain('Logs kept 3 days')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('without a snapshot it renders the loading branch, never a premature denial', () => {
    const fetch = vi.fn<typeof globalThis.fetch>()
    const html = renderToString(
      <EntitlementsProvider client={serverClient(undefined, fetch)}>
        <Page />
      </EntitlementsProvider>,
    )
    expect(html).toContain('Checking your plan…')
    expect(html).toContain('Retention: …')
    expect(html).not.toContain('Upgrade')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('hydrateRoot matches the server markup without warnings, then the client starts', async () => {
    const html = renderToString(
      <EntitlementsProvider client={serverClient(acme(), vi.fn())}>
        <Page />
      </EntitlementsProvider>,
    )
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const serverButtonText = container.textContent

    const errors = vi.spyOn(console, 'error')
    const warnings = vi.spyOn(console, 'warn')
    const recoverable: unknown[] = []
    const server = createTestFetch({ snapshot: acme(), catalog: logpilotCatalog })
    const browserClient = serverClient(acme(), server.fetch)
    let root: ReturnType<typeof hydrateRoot> | undefined
    await act(async () => {
      root = hydrateRoot(
        container,
        <EntitlementsProvider client={browserClient}>
          <Page />
        </EntitlementsProvider>,
        { onRecoverableError: (error) => recoverable.push(error) },
      )
    })
    expect(recoverable).toEqual([])
    expect(errors).not.toHaveBeenCalled()
    expect(warnings).not.toHaveBeenCalled()
    expect(container.textContent).toBe(serverButtonText)
    expect(container.textContent).toContain('Upgrade to invite more members')
    act(() => root?.unmount())
  })
})
