// Server rendering and hydration: time-based text ("resets in 10 days", "your trial ends in 2 days")
// must not make the server's HTML and the client's first render differ when the clock moved between
// them (a cached page, a slow network, a machine in another state of the clock).
import { act, screen } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestSnapshot, TestEntitlementsProvider } from '../testing/index.js'
import { TrialBanner } from './TrialBanner.js'
import { UsageMeter } from './UsageMeter.js'

const NOW = Date.parse('2026-11-21T10:00:00.000Z')
const DAY = 86_400_000

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('server rendering and hydration', () => {
  it('hydrates without a mismatch when the client clock is a day later, then shows the current time', async () => {
    const snapshot = createTestSnapshot({
      plan: 'enterprise',
      usage: { 'api-calls': 10 },
      trialEndsAt: new Date(NOW + 3 * DAY).toISOString(),
      now: NOW,
    })
    const app = (
      <TestEntitlementsProvider snapshot={snapshot} now={() => Date.now()}>
        <TrialBanner />
        <UsageMeter feature="seats" label="Seats" />
      </TestEntitlementsProvider>
    )
    const html = renderToString(app)
    // The server tells the trial's days from the snapshot's own instant.
    expect(html).toContain('Your trial ends in 3 days.')

    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    vi.setSystemTime(NOW + DAY)
    const onRecoverableError = vi.fn()
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    let root: ReturnType<typeof hydrateRoot> | undefined
    await act(async () => {
      root = hydrateRoot(container, app, { onRecoverableError })
    })
    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(consoleError).not.toHaveBeenCalled()
    consoleError.mockRestore()
    // After hydration, the client's clock: one day later.
    expect(screen.getByRole('status')).toHaveTextContent('Your trial ends in 2 days.')
    act(() => root?.unmount())
  })

  it('leaves "resets in…" out of the server HTML and fills it in on the client', async () => {
    const snapshot = createTestSnapshot({ plan: 'basic', usage: { 'api-calls': 100 }, now: NOW })
    const app = (
      <TestEntitlementsProvider snapshot={snapshot}>
        <UsageMeter feature="api-calls" label="API calls" />
      </TestEntitlementsProvider>
    )
    const html = renderToString(app)
    expect(html).not.toContain('Resets')
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    vi.setSystemTime(NOW + 2 * DAY)
    const onRecoverableError = vi.fn()
    let root: ReturnType<typeof hydrateRoot> | undefined
    await act(async () => {
      root = hydrateRoot(container, app, { onRecoverableError })
    })
    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(screen.getByText(/Resets in 8 days/)).toBeInTheDocument()
    act(() => root?.unmount())
  })
})
