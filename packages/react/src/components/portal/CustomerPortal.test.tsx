import type { EntitlementsSnapshot } from '@entitle/core'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestSnapshot, TestEntitlementsProvider } from '../../testing/index.js'
import { AddonOverview } from './AddonOverview.js'
import { CustomerPortal } from './CustomerPortal.js'
import { EntitlementSources } from './EntitlementSources.js'
import { SubscriptionSummary } from './SubscriptionSummary.js'
import { UsageOverview } from './UsageOverview.js'

const NOW = Date.parse('2026-11-21T10:00:00.000Z')
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

const renderWith = (snapshot: EntitlementsSnapshot, ui: ReactNode) =>
  render(<TestEntitlementsProvider snapshot={snapshot}>{ui}</TestEntitlementsProvider>)

const premium = (over: Partial<EntitlementsSnapshot> = {}) => ({
  ...createTestSnapshot({
    plan: 'premium',
    addons: ['extra-seats'],
    usage: { seats: 7, 'api-calls': 52_300 },
    now: NOW,
  }),
  ...over,
})

describe('EntitlementSources', () => {
  it('says where each entitlement comes from, one row per source, with its end', async () => {
    const snapshot = createTestSnapshot({
      plan: 'premium',
      addons: ['ai-addon'],
      now: NOW,
      entitlements: {
        'premium-support': { kind: 'boolean', source: 'promotion', expiresAt: '2026-12-01T10:00:00.000Z' },
        'api-access': { kind: 'boolean', source: 'override', expiresAt: null },
        'advanced-filtering': { kind: 'boolean', source: 'trial', expiresAt: '2026-11-23T10:00:00.000Z' },
      },
    })
    renderWith(snapshot, <EntitlementSources />)
    const table = within(await screen.findByRole('table'))
    const row = (feature: string) => within(table.getByRole('rowheader', { name: feature }).closest('tr')!)
    await waitFor(() => expect(table.getByRole('rowheader', { name: 'Log retention' })).toBeInTheDocument())
    expect(row('Seats').getByText('Plan')).toBeInTheDocument()
    expect(row('Seats').getByText('0 of 10 seats')).toBeInTheDocument()
    expect(row('Seats').getByText('No end date')).toBeInTheDocument()
    expect(row('AI assistant').getByText('Add-on')).toBeInTheDocument()
    expect(row('Advanced filtering').getByText('Trial')).toBeInTheDocument()
    expect(row('Advanced filtering').getByText('Until Nov 23, 2026')).toBeInTheDocument()
    expect(row('Premium support').getByText('Promotion')).toBeInTheDocument()
    expect(row('Premium support').getByText('Until Dec 1, 2026')).toBeInTheDocument()
    expect(row('API access').getByText('Override')).toBeInTheDocument()
    expect(row('Log retention').getByText('14 days')).toBeInTheDocument()
    expect(
      table
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('data-source')),
    ).toEqual(['trial', 'override', 'promotion', 'addon', 'plan', 'plan', 'plan'])
  })
})

describe('SubscriptionSummary', () => {
  it('an active plan: name, price, add-ons, status and renewal date', async () => {
    renderWith(
      premium({
        subscription: {
          status: 'active',
          currentPeriodEnd: '2026-12-01T00:00:00.000Z',
          graceEndsAt: null,
          scheduledChange: null,
        },
      }),
      <SubscriptionSummary />,
    )
    const section = within(screen.getByRole('region', { name: 'Your subscription' }))
    expect(section.getByText('Premium')).toBeInTheDocument()
    expect(section.getByText('Active')).toBeInTheDocument()
    expect(await section.findByText('$49.00 / month · with +5 seats')).toBeInTheDocument()
    expect(section.getByText('Renews on Dec 1, 2026')).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Your subscription' })).toHaveAttribute('data-state', 'active')
  })

  it('a trial: its end date', () => {
    renderWith(
      createTestSnapshot({ plan: 'enterprise', trialEndsAt: '2026-11-23T10:00:00.000Z', now: NOW }),
      <SubscriptionSummary />,
    )
    expect(screen.getByText('Trial')).toBeInTheDocument()
    expect(screen.getByText('Trial until Nov 23, 2026')).toBeInTheDocument()
  })

  it('a downgrade scheduled for the end of the period: when, and Keep Premium', async () => {
    renderWith(
      premium({
        subscription: {
          status: 'active',
          currentPeriodEnd: '2026-12-01T00:00:00.000Z',
          graceEndsAt: null,
          scheduledChange: {
            at: '2026-12-01T00:00:00.000Z',
            plan: { id: 'basic', name: 'Basic' },
            addons: [],
          },
        },
      }),
      <SubscriptionSummary />,
    )
    expect(screen.getByText('Your plan changes from Premium to Basic on Dec 1, 2026.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Keep Premium' })).toBeInTheDocument()
    expect(screen.queryByText(/Renews on/)).toBeNull()
  })

  it('a failed payment: overdue, with the grace date', () => {
    renderWith(
      premium({
        subscription: {
          status: 'past_due',
          currentPeriodEnd: '2026-12-01T00:00:00.000Z',
          graceEndsAt: '2026-11-28T00:00:00.000Z',
          scheduledChange: null,
        },
      }),
      <SubscriptionSummary updatePaymentUrl="https://billing.example/portal" />,
    )
    expect(screen.getByText('Payment overdue')).toBeInTheDocument()
    expect(screen.getByText(/Update your payment method by Nov 28, 2026 to keep Premium/)).toBeInTheDocument()
  })
})

describe('UsageOverview', () => {
  it('shows every meter with its reset', async () => {
    renderWith(premium(), <UsageOverview />)
    const seats = await screen.findByRole('meter', { name: 'Seats' })
    expect(seats).toHaveAttribute('aria-valuetext', '7 of 15 seats')
    const calls = screen.getByRole('meter', { name: 'API calls' })
    expect(calls).toHaveAttribute('aria-valuetext', '52,300 of 50,000 calls')
    expect(calls).toHaveAccessibleDescription(/Resets in 10 days/)
  })
})

describe('AddonOverview', () => {
  it('buys an add-on through the upgrade flow and shows it as added, with Remove', async () => {
    vi.useRealTimers()
    const user = userEvent.setup()
    renderWith(createTestSnapshot({ plan: 'premium' }), <AddonOverview />)
    const section = within(screen.getByRole('region', { name: 'Add-ons' }))
    await user.click(await section.findByRole('button', { name: 'Add +5 seats' }))
    expect(await section.findByRole('button', { name: 'Remove +5 seats' })).toBeInTheDocument()
    expect(section.getByText('Added')).toBeInTheDocument()
    expect(await section.findByText('Done: you now have +5 seats.')).toBeInTheDocument()
    await user.click(section.getByRole('button', { name: 'Remove +5 seats' }))
    expect(await section.findByText('+5 seats removed.')).toBeInTheDocument()
    expect(section.getByRole('button', { name: 'Add +5 seats' })).toBeInTheDocument()
  })
})

describe('CustomerPortal', () => {
  it('puts the four sections together, and Change plan calls back', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    const onChangePlan = vi.fn()
    renderWith(premium(), <CustomerPortal onChangePlan={onChangePlan} />)
    for (const name of ['Your subscription', 'Usage', 'Add-ons', 'What your plan includes'])
      expect(screen.getByRole('region', { name })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Change plan' }))
    expect(onChangePlan).toHaveBeenCalledOnce()
  })
})
