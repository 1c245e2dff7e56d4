// Hydration is exact: the browser's first render equals the server's, built from what the server had
// (`initialSnapshot`, `initialCatalog`), even when the browser's storage holds a newer snapshot and a
// catalog (a later visit). What storage holds applies right after hydration, when the provider starts
// the client. Before, a stored catalog changed the first render ("Seats · 3 of 3 seats" vs "seats ·
// 3 of 3") and React threw its hydration error #418.
import {
  type Catalog,
  createEntitlementsClient,
  type EntitlementsSnapshot,
  type MeteredEntitlement,
} from '@entitle/core'
import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EntitlementsProvider, UsageMeter } from '../src/index.js'
import { logpilotCatalog } from '../src/testing/index.js'
import { acme } from './fixtures.js'
import { Page } from './ssrApp.js'

const KEY = 'entitle:v1:test:acme'
const CATALOG_KEY = 'entitle:v1:test#catalog'

function App() {
  return (
    <>
      <Page />
      <UsageMeter feature="seats" />
    </>
  )
}

/** A client on a server that never answers: what shows comes from the server render, then storage. */
function clientWith(
  options: { initialSnapshot?: EntitlementsSnapshot; initialCatalog?: Catalog; persist: Storage | false },
  fetch: typeof globalThis.fetch = () => new Promise<Response>(() => {}),
) {
  return createEntitlementsClient({
    baseUrl: 'https://entitlements.example',
    customerId: 'acme',
    environment: 'test',
    fetch,
    live: false,
    ...options,
  })
}

/** A catalog whose seat feature reads differently, so a render from it is told apart. */
const renamed: Catalog = {
  ...logpilotCatalog,
  features: logpilotCatalog.features.map((f) =>
    f.id === 'seats' ? { ...f, name: 'Team seats', unit: 'member' } : f,
  ),
} as Catalog

async function hydrate(html: string, browser: ReturnType<typeof clientWith>) {
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  const errors = vi.spyOn(console, 'error')
  const recoverable: unknown[] = []
  let root: ReturnType<typeof hydrateRoot> | undefined
  await act(async () => {
    root = hydrateRoot(
      container,
      <EntitlementsProvider client={browser}>
        <App />
      </EntitlementsProvider>,
      { onRecoverableError: (error) => recoverable.push(error) },
    )
  })
  return { container, errors, recoverable, unmount: () => act(() => root?.unmount()) }
}

afterEach(() => {
  vi.restoreAllMocks()
  localStorage.clear()
  document.body.innerHTML = ''
})

describe('hydration with storage that holds newer data', () => {
  it('initialSnapshot + initialCatalog: no hydration error; the stored, newer snapshot shows right after', async () => {
    const server = clientWith({ initialSnapshot: acme(), initialCatalog: logpilotCatalog, persist: false })
    const html = renderToString(
      <EntitlementsProvider client={server}>
        <App />
      </EntitlementsProvider>,
    )
    expect(html).toContain('3<!-- --> of <!-- -->3<!-- --> seats used')

    // A later visit: the browser stored a newer snapshot (a seat was freed) and a catalog.
    const newer = { ...acme(), version: acme().version + 4 }
    newer.entitlements = {
      ...newer.entitlements,
      seats: { ...(newer.entitlements.seats as MeteredEntitlement), usage: 2 },
    }
    localStorage.setItem(KEY, JSON.stringify({ snapshot: newer, confirmedAt: Date.now(), skewMs: 0 }))
    localStorage.setItem(CATALOG_KEY, JSON.stringify(renamed))

    const browser = clientWith({
      initialSnapshot: acme(),
      initialCatalog: logpilotCatalog,
      persist: localStorage,
    })
    // Before start (the provider starts the client in an effect after hydration): exactly the server's view.
    expect(browser.getState()).toMatchObject({ snapshot: { version: acme().version }, isStale: false })
    expect(browser.getCatalog()).toBe(logpilotCatalog)

    const { container, errors, recoverable, unmount } = await hydrate(html, browser)
    expect(recoverable).toEqual([])
    expect(errors).not.toHaveBeenCalled()
    // Right after hydration the stored snapshot applies (stale until the server answers).
    expect(browser.getState()).toMatchObject({ snapshot: { version: newer.version }, isStale: true })
    expect(container.textContent).toContain('Invite a member')
    expect(container.textContent).not.toContain('seats used')
    unmount()
  })

  it('initialSnapshot alone: a stored catalog does not change the first render, and shows right after', async () => {
    const server = clientWith({ initialSnapshot: acme(), persist: false })
    const html = renderToString(
      <EntitlementsProvider client={server}>
        <App />
      </EntitlementsProvider>,
    )
    localStorage.setItem(CATALOG_KEY, JSON.stringify(renamed))
    const browser = clientWith({ initialSnapshot: acme(), persist: localStorage })
    expect(browser.getCatalog()).toBeUndefined() // the server had none

    const serverText = (() => {
      const div = document.createElement('div')
      div.innerHTML = html
      return div.textContent
    })()
    const { container, errors, recoverable, unmount } = await hydrate(html, browser)
    expect(recoverable).toEqual([])
    expect(errors).not.toHaveBeenCalled()
    expect(browser.getCatalog()).toEqual(renamed)
    expect(container.textContent).not.toBe(serverText) // the stored catalog's names now show
    expect(container.textContent).toContain('Team seats')
    unmount()
  })

  it('without initial data the client reads storage at once (no server render to match)', () => {
    localStorage.setItem(KEY, JSON.stringify({ snapshot: acme(), confirmedAt: Date.now(), skewMs: 0 }))
    const browser = clientWith({ persist: localStorage })
    expect(browser.getState()).toMatchObject({ snapshot: { version: acme().version }, isStale: true })
  })
})
