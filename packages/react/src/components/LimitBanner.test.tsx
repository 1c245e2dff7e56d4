import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef, type ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { type ScenarioName, TestEntitlementsProvider } from '../testing/index.js'
import { useEntitlement } from '../useEntitlement.js'
import { useEntitlements } from '../useEntitlements.js'
import { usePaywall } from '../usePaywall.js'
import { LimitBanner } from './LimitBanner.js'

function PaywallState() {
  const { isOpen, feature, reason } = usePaywall()
  return <span>{isOpen ? `open: ${feature} (${reason})` : 'closed'}</span>
}

const renderIn = (ui: ReactNode, scenario: ScenarioName) =>
  render(
    <TestEntitlementsProvider scenario={scenario}>
      {ui}
      <PaywallState />
    </TestEntitlementsProvider>,
  )

function Probe() {
  const decision = useEntitlement('seats', { requested: 0 })
  const { error } = useEntitlements()
  return (
    <>
      <span>{decision.isFallback ? `fallback: ${decision.reason}` : decision.reason}</span>
      <span>error: {error?.code ?? 'none'}</span>
    </>
  )
}

describe('LimitBanner', () => {
  it('hard limit reached: says so, with the numbers, in a status region with data-state', async () => {
    renderIn(<LimitBanner feature="seats" />, 'over-hard-limit')
    const banner = screen.getByRole('status')
    expect(banner).toHaveAttribute('data-state', 'exceeded')
    await waitFor(() =>
      expect(banner).toHaveTextContent(
        'You have reached your Seats limit (3 of 3 seats). Upgrade to add more.',
      ),
    )
  })

  it('over a soft limit: over-soft-limit; near a limit: warning', async () => {
    const { unmount } = renderIn(<LimitBanner feature="api-calls" />, 'over-soft-limit')
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'over-soft-limit')
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('52,300 of 50,000 calls'))
    unmount()
    renderIn(<LimitBanner feature="api-calls" />, 'over-hard-limit')
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'warning')
  })

  it('renders nothing within the limit, when unlimited, or while loading', () => {
    for (const [feature, scenario] of [
      ['seats', 'over-soft-limit'],
      ['seats', 'granted-all'],
      ['seats', 'loading'],
    ] as const) {
      const { unmount, container } = renderIn(<LimitBanner feature={feature} />, scenario)
      expect(container.querySelector('.entitle-banner')).toBeNull()
      unmount()
    }
  })

  it('a fallback decision (service down, nothing cached) never upsells: no banner, no render prop call', async () => {
    const children = vi.fn(() => <p>banner</p>)
    const { container } = render(
      <TestEntitlementsProvider scenario="outage" fallback={{ seats: { kind: 'metered', limit: 0 } }}>
        <LimitBanner feature="seats" />
        <LimitBanner feature="seats">{children}</LimitBanner>
        <Probe />
      </TestEntitlementsProvider>,
    )
    // The fallback decides (0 of 0: "limit reached", were it real) and the fetch fails: still no banner.
    expect(screen.getByText(/^fallback: /)).toBeInTheDocument()
    await waitFor(() => expect(screen.getByText('error: network')).toBeInTheDocument())
    expect(container.querySelector('.entitle-banner')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Upgrade' })).toBeNull()
    expect(children).not.toHaveBeenCalled()
  })

  it('over a soft limit the icon says "over", not the hard stop', async () => {
    const { container } = renderIn(<LimitBanner feature="api-calls" />, 'over-soft-limit')
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('52,300 of 50,000 calls'))
    expect(container.querySelector('[data-icon="over"]')).not.toBeNull()
    expect(container.querySelector('[data-icon="blocked"]')).toBeNull()
  })

  it('warnAt={1}: no warning before the limit', () => {
    const { container } = renderIn(<LimitBanner feature="api-calls" warnAt={1} />, 'over-hard-limit')
    expect(container.querySelector('.entitle-banner')).toBeNull()
  })

  it('the call to action opens the paywall for the feature, by keyboard too', async () => {
    const user = userEvent.setup()
    renderIn(<LimitBanner feature="seats" />, 'over-hard-limit')
    const cta = screen.getByRole('button', { name: 'Upgrade' })
    expect(cta).toHaveAccessibleDescription(/You have reached your/)
    await user.tab()
    expect(cta).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(screen.getByText('open: seats (limit-exceeded)')).toBeInTheDocument()
  })

  it('onUpgradeClick replaces the default action', async () => {
    const onUpgradeClick = vi.fn()
    renderIn(<LimitBanner feature="seats" onUpgradeClick={onUpgradeClick} />, 'over-hard-limit')
    await userEvent.click(screen.getByRole('button', { name: 'Upgrade' }))
    expect(onUpgradeClick).toHaveBeenCalledOnce()
    expect(screen.getByText('closed')).toBeInTheDocument()
  })

  it('forwards its ref and spreads className and props; strings and locale are overridable', async () => {
    const ref = createRef<HTMLDivElement>()
    renderIn(
      <LimitBanner
        ref={ref}
        feature="api-calls"
        className="mine"
        data-testid="banner"
        locale="de-DE"
        messages={{ upgrade: 'Jetzt upgraden', limitBanner: (state, _f, usage) => `${state}: ${usage}` }}
      />,
      'over-soft-limit',
    )
    const banner = screen.getByTestId('banner')
    expect(ref.current).toBe(banner)
    expect(banner).toHaveClass('entitle-banner', 'mine')
    await waitFor(() => expect(banner).toHaveTextContent('over-soft-limit: 52.300 of 50.000 calls'))
    expect(screen.getByRole('button', { name: 'Jetzt upgraden' })).toBeInTheDocument()
  })

  it('headless: the render prop gets state, text and upgrade()', async () => {
    renderIn(
      <LimitBanner feature="seats">
        {({ state, upgrade }) => (
          <button type="button" onClick={upgrade}>
            {state}
          </button>
        )}
      </LimitBanner>,
      'over-hard-limit',
    )
    await userEvent.click(screen.getByRole('button', { name: 'exceeded' }))
    expect(screen.getByText('open: seats (limit-exceeded)')).toBeInTheDocument()
  })
})
