import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { createTestClient, createTestSnapshot, TestEntitlementsProvider } from '../testing/index.js'
import { SubscriptionBanner } from './SubscriptionBanner.js'

const NOW = Date.parse('2026-11-21T10:00:00.000Z')
const DAY = 86_400_000

/** Premium on the real test backend, with a clock the test moves. */
async function premium() {
  let now = NOW
  const test = createTestClient({ snapshot: createTestSnapshot({ plan: 'premium', now }), now: () => now })
  await test.client.refresh()
  return { ...test, advance: (ms: number) => (now += ms) }
}

describe('SubscriptionBanner', () => {
  it('renders nothing while the subscription is in order', async () => {
    const { client } = await premium()
    const { container } = render(
      <TestEntitlementsProvider client={client}>
        <SubscriptionBanner />
      </TestEntitlementsProvider>,
    )
    expect(container).toBeEmptyDOMElement()
  })

  it('a downgrade scheduled for the end of the period: says what changes when; "Keep Premium" cancels it', async () => {
    const user = userEvent.setup()
    const { client, server } = await premium()
    await server.server.admin.changeSubscription('test-customer', { planId: 'basic', at: 'period_end' })
    await client.refresh()
    const changePlan = vi.spyOn(client, 'changePlan')
    render(
      <TestEntitlementsProvider client={client}>
        <SubscriptionBanner />
      </TestEntitlementsProvider>,
    )
    const banner = screen.getByRole('status')
    expect(banner).toHaveAttribute('data-state', 'scheduled-change')
    expect(banner).toHaveTextContent('Your plan changes from Premium to Basic on Dec 1, 2026.')
    // Until then, Premium's entitlements stay.
    expect(client.check('api-access').granted).toBe(true)
    await user.click(screen.getByRole('button', { name: 'Keep Premium' }))
    expect(changePlan).toHaveBeenCalledWith('premium', { addons: [], at: 'now' })
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull())
  })

  it('a failed payment: "Update your payment method by …", with the link; after the grace period, paused', async () => {
    const { client, server, advance } = await premium()
    await server.server.admin.markPastDue('test-customer', { graceEndsAt: NOW + 7 * DAY })
    await client.refresh()
    render(
      <TestEntitlementsProvider client={client}>
        <SubscriptionBanner updatePaymentUrl="https://billing.example/portal" />
      </TestEntitlementsProvider>,
    )
    const banner = screen.getByRole('alert')
    expect(banner).toHaveAttribute('data-state', 'past-due')
    expect(banner).toHaveTextContent(
      'Your last payment failed. Update your payment method by Nov 28, 2026 to keep Premium.',
    )
    expect(screen.getByRole('link', { name: 'Update payment method' })).toHaveAttribute(
      'href',
      'https://billing.example/portal',
    )
    expect(client.check('api-access').granted).toBe(true)

    advance(8 * DAY)
    await act(() => client.refresh())
    expect(screen.getByRole('alert')).toHaveAttribute('data-state', 'unpaid')
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Your payment is overdue: Premium is paused until you update your payment method.',
    )
    expect(client.check('api-access').granted).toBe(false)
  })

  it('a cancellation at the end of the period', () => {
    const snapshot = {
      ...createTestSnapshot({ plan: 'premium', now: NOW }),
      subscription: {
        status: 'active' as const,
        currentPeriodEnd: '2026-12-01T00:00:00.000Z',
        graceEndsAt: null,
        scheduledChange: { at: '2026-12-01T00:00:00.000Z', plan: null, addons: [] },
      },
    }
    render(
      <TestEntitlementsProvider snapshot={snapshot}>
        <SubscriptionBanner onKeepPlan={false} />
      </TestEntitlementsProvider>,
    )
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'ending')
    expect(screen.getByRole('status')).toHaveTextContent('Your Premium subscription ends on Dec 1, 2026.')
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('a member who may not manage billing reads it, with no billing action', async () => {
    const { client, server } = await premium()
    await server.server.admin.markPastDue('test-customer', { graceEndsAt: NOW + 7 * DAY })
    await client.refresh()
    const onUpdatePayment = vi.fn()
    render(
      <TestEntitlementsProvider client={client} canManageBilling={() => false}>
        <SubscriptionBanner onUpdatePayment={onUpdatePayment} />
      </TestEntitlementsProvider>,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('Your last payment failed.')
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('localized (dates through Intl), ref and props passed through, headless render prop', async () => {
    const { client, server } = await premium()
    await server.server.admin.changeSubscription('test-customer', { planId: 'basic', at: 'period_end' })
    await client.refresh()
    const ref = createRef<HTMLDivElement>()
    render(
      <TestEntitlementsProvider client={client}>
        <SubscriptionBanner
          ref={ref}
          className="mine"
          locale="de-DE"
          messages={{
            scheduledChange: (date, from, to) => `Ab ${date}: ${to} statt ${from}.`,
            keepPlan: (p) => `${p} behalten`,
          }}
        />
        <SubscriptionBanner>{({ state, text }) => <p>{`${state}: ${text}`}</p>}</SubscriptionBanner>
      </TestEntitlementsProvider>,
    )
    expect(ref.current).toHaveClass('entitle-banner', 'mine')
    expect(ref.current).toHaveTextContent('Ab 01.12.2026: Basic statt Premium.')
    expect(screen.getByRole('button', { name: 'Premium behalten' })).toBeInTheDocument()
    expect(
      screen.getByText('scheduled-change: Your plan changes from Premium to Basic on Dec 1, 2026.'),
    ).toBeInTheDocument()
  })
})
