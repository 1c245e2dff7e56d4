import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef, type ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestSnapshot, type ScenarioName, TestEntitlementsProvider } from '../testing/index.js'
import { usePaywall } from '../usePaywall.js'
import { TrialBanner } from './TrialBanner.js'

const NOW = Date.parse('2026-11-21T10:00:00.000Z')
const DAY = 86_400_000

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

function PaywallState() {
  const { isOpen, feature } = usePaywall()
  return <span>{isOpen ? `open: ${feature}` : 'closed'}</span>
}

const renderIn = (ui: ReactNode, options: { scenario?: ScenarioName; trialEndsAt?: string }) =>
  render(
    <TestEntitlementsProvider
      {...(options.trialEndsAt
        ? { snapshot: createTestSnapshot({ plan: 'enterprise', trialEndsAt: options.trialEndsAt, now: NOW }) }
        : { scenario: options.scenario ?? 'granted-all' })}
    >
      {ui}
      <PaywallState />
    </TestEntitlementsProvider>,
  )

describe('TrialBanner', () => {
  it('active: days left with Intl.RelativeTimeFormat', () => {
    renderIn(<TrialBanner />, { trialEndsAt: new Date(NOW + 10 * DAY).toISOString() })
    const banner = screen.getByRole('status')
    expect(banner).toHaveAttribute('data-state', 'active')
    expect(banner).toHaveTextContent('Your trial ends in 10 days.')
  })

  it('ending: within endingWithinDays', () => {
    const { unmount } = renderIn(<TrialBanner />, { scenario: 'trial-expiring' })
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'ending')
    expect(screen.getByRole('status')).toHaveTextContent('Your trial ends in 2 days.')
    unmount()
    renderIn(<TrialBanner endingWithinDays={1} />, { scenario: 'trial-expiring' })
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'active')
  })

  it('ended: says so; the call to action opens the paywall for what the trial granted', async () => {
    renderIn(<TrialBanner />, { scenario: 'trial-expired' })
    const banner = screen.getByRole('status')
    expect(banner).toHaveAttribute('data-state', 'ended')
    expect(banner).toHaveTextContent('Your trial has ended.')
    await userEvent.click(screen.getByRole('button', { name: 'Upgrade' }))
    expect(screen.getByText('open: ai-assistant')).toBeInTheDocument()
  })

  it('renders nothing without a trial', () => {
    const { container } = renderIn(<TrialBanner />, { scenario: 'over-hard-limit' })
    expect(container.querySelector('.entitle-banner')).toBeNull()
  })

  it('localises through `locale` and `messages`', () => {
    renderIn(
      <TrialBanner
        locale="fr-FR"
        messages={{ trialEnds: (r) => `Votre essai se termine ${r}.`, upgrade: 'Choisir' }}
      />,
      { trialEndsAt: new Date(NOW + 5 * DAY).toISOString() },
    )
    expect(screen.getByRole('status')).toHaveTextContent('Votre essai se termine dans 5 jours.')
    expect(screen.getByRole('button', { name: 'Choisir' })).toBeInTheDocument()
  })

  it('forwards its ref, spreads props; `feature` and onUpgradeClick steer the call to action', async () => {
    const ref = createRef<HTMLDivElement>()
    const { unmount } = renderIn(
      <TrialBanner ref={ref} className="mine" data-testid="tb" feature="seats" />,
      {
        scenario: 'trial-expiring',
      },
    )
    expect(ref.current).toBe(screen.getByTestId('tb'))
    expect(ref.current).toHaveClass('entitle-banner', 'mine')
    await userEvent.click(screen.getByRole('button', { name: 'Upgrade' }))
    expect(screen.getByText('open: seats')).toBeInTheDocument()
    unmount()
    const onUpgradeClick = vi.fn()
    renderIn(<TrialBanner onUpgradeClick={onUpgradeClick} />, { scenario: 'trial-expiring' })
    await userEvent.click(screen.getByRole('button', { name: 'Upgrade' }))
    expect(onUpgradeClick).toHaveBeenCalledOnce()
    expect(screen.getByText('closed')).toBeInTheDocument()
  })

  it('headless: the render prop gets state, days left and text', () => {
    renderIn(
      <TrialBanner>{({ state, daysLeft, text }) => <p>{`${state} ${daysLeft} ${text}`}</p>}</TrialBanner>,
      {
        scenario: 'trial-expiring',
      },
    )
    expect(screen.getByText('ending 2 Your trial ends in 2 days.')).toBeInTheDocument()
  })
})
