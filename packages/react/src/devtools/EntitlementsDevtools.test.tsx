import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Gate } from '../components/Gate.js'
import { UsageMeter } from '../components/UsageMeter.js'
import { createTestClient, TestEntitlementsProvider } from '../testing/index.js'
import { EntitlementsDevtools } from './EntitlementsDevtools.js'

afterEach(() => {
  sessionStorage.clear()
})

function App({ client }: { client?: ReturnType<typeof createTestClient>['client'] }) {
  return (
    <TestEntitlementsProvider scenario="granted-all" {...(client ? { client } : {})}>
      <Gate feature="ai-assistant" fallback={<p>AI is locked</p>}>
        <p>AI is open</p>
      </Gate>
      <UsageMeter feature="seats" />
      <EntitlementsDevtools initialIsOpen />
    </TestEntitlementsProvider>
  )
}

const panel = async () => within(await screen.findByRole('region', { name: 'Entitlements devtools' }))

describe('EntitlementsDevtools', () => {
  it('shows the snapshot and every decision with its reason', async () => {
    render(<App />)
    const p = await panel()
    expect(p.getByText('test-customer')).toBeInTheDocument()
    expect(p.getByText('Enterprise')).toBeInTheDocument()
    const row = within(p.getByRole('rowheader', { name: /AI assistant/ }).closest('tr')!)
    expect(row.getByText(/granted · entitled/)).toBeInTheDocument()
    expect(
      within(p.getByRole('rowheader', { name: /Seats/ }).closest('tr')!).getByText(/unlimited · 12 \/ ∞/),
    ).toBeInTheDocument()
  })

  it('overrides change decisions everywhere, marked overridden; kept in sessionStorage; cleared in one click', async () => {
    const user = userEvent.setup()
    const { unmount } = render(<App />)
    const p = await panel()
    await user.selectOptions(p.getByRole('combobox', { name: 'Override AI assistant' }), 'Denied')
    expect(await screen.findByText('AI is locked')).toBeInTheDocument()
    const row = within(p.getByRole('rowheader', { name: /AI assistant/ }).closest('tr')!)
    expect(row.getByText('overridden')).toBeInTheDocument()
    expect(row.getByText(/denied · not-entitled/)).toBeInTheDocument()
    await user.selectOptions(p.getByRole('combobox', { name: 'Override Seats' }), 'At its limit')
    expect(await screen.findByText('Limit reached')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /^Entitlements/ })).toHaveTextContent(
      'Entitlements 2 overrides',
    )

    // A reload of the tab: the overrides come back from sessionStorage.
    unmount()
    render(<App />)
    expect(await screen.findByText('AI is locked')).toBeInTheDocument()
    const again = await panel()
    await user.click(again.getByRole('button', { name: 'Clear overrides (2)' }))
    expect(await screen.findByText('AI is open')).toBeInTheDocument()
    expect(sessionStorage.getItem('entitle:devtools:v1')).toBeNull()
  })

  it('applies a test scenario as overrides of every feature', async () => {
    const user = userEvent.setup()
    render(<App />)
    const p = await panel()
    await user.selectOptions(p.getByRole('combobox', { name: 'Scenario' }), 'over-hard-limit')
    expect(await screen.findByText('AI is locked')).toBeInTheDocument()
    await waitFor(() =>
      expect(screen.getByRole('meter', { name: 'Seats' })).toHaveAttribute('aria-valuetext', '3 of 3 seats'),
    )
  })

  it('logs the events, refreshes, and closes with Escape, focus back on its button', async () => {
    const user = userEvent.setup()
    const { client } = createTestClient({ scenario: 'granted-all' })
    render(<App client={client} />)
    const p = await panel()
    client.track({ type: 'paywall_viewed', feature: 'seats', reason: 'limit-exceeded' })
    expect(await p.findByText(/paywall_viewed · feature=seats reason=limit-exceeded/)).toBeInTheDocument()
    await user.click(p.getByRole('button', { name: 'Refresh' }))
    await waitFor(() => expect(p.getByRole('button', { name: 'Refresh' })).toBeEnabled())
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('region', { name: 'Entitlements devtools' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Entitlements' })).toHaveFocus()
    expect(screen.getByRole('button', { name: 'Entitlements' })).toHaveAttribute('aria-expanded', 'false')
  })

  it('without development builds the client ignores overrides (core: setDevOverrides is a no-op in production)', () => {
    vi.stubEnv('NODE_ENV', 'production')
    const { client } = createTestClient({ scenario: 'granted-all' })
    client.setDevOverrides?.({ 'ai-assistant': false })
    expect(client.check('ai-assistant')).toMatchObject({ granted: true })
    vi.unstubAllEnvs()
  })
})
