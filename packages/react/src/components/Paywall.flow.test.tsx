// The upgrade flows of issue 11, as a user sees them: an in-app upgrade confirmed once the
// entitlement arrives, a hosted checkout and the way back (confirming, timeout, cancel), the
// cheapest path with add-ons, sales-led plans, and members who may not buy.
import type { Catalog, EntitlementEvent, Offer } from '@entitle/core'
import { rememberCheckout } from '@entitle/core/checkout'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
// The client's lazy chunks, loaded up front: a first import takes real I/O, which fake timers do not move.
import '../../../core/src/checkoutReturn.js'
import '../../../core/src/waitFor.js'
import {
  createTestClient,
  createTestSnapshot,
  logpilotCatalog,
  TestEntitlementsProvider,
} from '../testing/index.js'
import { usePaywall } from '../usePaywall.js'
import { Gate } from './Gate.js'
import { Paywall } from './Paywall.js'
import { PaywallDialog } from './PaywallDialog.js'

const basic = () => createTestSnapshot({ plan: 'basic', usage: { seats: 3 } })
/**
 * Moves the fake clock, letting every promise settle on the way (fetches of the in-memory backend,
 * renders). Testing Library's find* / waitFor wait on real timeouts, so these tests use get* after it.
 */
const elapse = async (ms: number) => {
  await act(() => vi.advanceTimersByTimeAsync(ms))
  for (let i = 0; i < 20; i++) await act(() => vi.advanceTimersByTimeAsync(0))
}

function locked() {
  return <p>assistant</p>
}

describe('in-app upgrades are confirmed, not assumed', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('onUpgrade resolved before the entitlement: the client refreshes, "Confirming…", then the Gate opens when it arrives', async () => {
    const events: EntitlementEvent[] = []
    const { client, server } = createTestClient({ snapshot: basic(), onEvent: (e) => events.push(e) })
    // The app's backend takes the order; the entitlement follows later (a webhook).
    const onUpgrade = vi.fn(async (_offer: Offer) => {})
    render(
      <TestEntitlementsProvider client={client}>
        <Gate feature="ai-assistant" fallback={<Paywall feature="ai-assistant" onUpgrade={onUpgrade} />}>
          {locked()}
        </Gate>
      </TestEntitlementsProvider>,
    )
    await elapse(0)
    const upgrade = screen.getByRole('button', { name: 'Upgrade to Enterprise' })
    const before = server.requests.filter((r) => r.startsWith('GET /v1/customers')).length
    fireEvent.click(upgrade)
    await elapse(0)
    expect(screen.getByText('Confirming your upgrade to Enterprise…')).toBeInTheDocument()
    expect(server.requests.filter((r) => r.startsWith('GET /v1/customers')).length).toBeGreaterThan(before)
    expect(events.map((e) => e.type)).not.toContain('upgrade_completed')

    await server.server.admin.changeSubscription('test-customer', { planId: 'enterprise' }) // the webhook
    await elapse(1000) // the next poll
    expect(screen.getByText('assistant')).toBeInTheDocument()
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'upgrade_completed', planId: 'enterprise' }),
    )
  })

  it('no entitlement within confirmTimeoutMs: a clear message and "Check again", which waits again and unlocks', async () => {
    const { client, server } = createTestClient({ snapshot: basic() })
    render(
      <TestEntitlementsProvider client={client}>
        <Gate
          feature="ai-assistant"
          fallback={<Paywall feature="ai-assistant" onUpgrade={async () => {}} confirmTimeoutMs={3000} />}
        >
          {locked()}
        </Gate>
      </TestEntitlementsProvider>,
    )
    await elapse(0)
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade to Enterprise' }))
    await elapse(3000)
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Your upgrade to Enterprise is not confirmed yet. Payments can take a minute; nothing is lost.',
    )
    expect(document.querySelector('.entitle-paywall')).toHaveAttribute('data-state', 'timeout')
    await server.server.admin.changeSubscription('test-customer', { planId: 'enterprise' })
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }))
    await elapse(0)
    expect(screen.getByText('assistant')).toBeInTheDocument()
  })
})

describe('a hosted checkout and the way back', () => {
  afterEach(() => {
    sessionStorage.clear()
    vi.useRealTimers()
  })

  it('{ redirectUrl }: remembers the purchase and navigates once; a second click does nothing', async () => {
    const navigate = vi.fn()
    const onUpgrade = vi.fn(async () => ({ redirectUrl: 'https://checkout.example/cs_123' }))
    render(
      <TestEntitlementsProvider snapshot={basic()}>
        <Paywall feature="seats" requested={1} onUpgrade={onUpgrade} navigate={navigate} />
      </TestEntitlementsProvider>,
    )
    const premium = await screen.findByRole('button', { name: 'Upgrade to Premium' })
    fireEvent.click(premium)
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('https://checkout.example/cs_123'))
    expect(premium).toHaveAccessibleName('Opening checkout…')
    expect(document.querySelector('.entitle-paywall')).toHaveAttribute('data-state', 'redirecting')
    expect(JSON.parse(sessionStorage.getItem('entitle:v1:checkout') ?? '{}')).toMatchObject({
      customerId: 'test-customer',
      feature: 'seats',
      requested: 1,
      reason: 'limit-exceeded',
      offer: { type: 'plan', id: 'premium', name: 'Premium' },
      surface: 'inline',
    })
    fireEvent.click(premium)
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade to Enterprise' }))
    expect(onUpgrade).toHaveBeenCalledTimes(1)
    expect(navigate).toHaveBeenCalledTimes(1)
  })

  it('a redirectUrl that is not http(s) is refused, shown as an error, and nothing navigates', async () => {
    const navigate = vi.fn()
    render(
      <TestEntitlementsProvider snapshot={basic()}>
        <Paywall
          feature="seats"
          onUpgrade={async () => ({ redirectUrl: 'javascript:alert(1)' })}
          navigate={navigate}
        />
      </TestEntitlementsProvider>,
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Upgrade to Premium' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('not an http(s) URL')
    expect(navigate).not.toHaveBeenCalled()
    expect(sessionStorage.getItem('entitle:v1:checkout')).toBeNull()
  })

  it('back from it: the Gate shows "Confirming your upgrade…" until the entitlement arrives, then the feature', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    rememberCheckout({
      customerId: 'test-customer',
      feature: 'ai-assistant',
      reason: 'not-entitled',
      offer: { type: 'plan', id: 'enterprise', name: 'Enterprise' },
      startedAt: Date.now(),
      surface: 'inline',
    })
    const { client, server } = createTestClient({ snapshot: basic(), checkoutReturn: () => 'success' })
    render(
      <TestEntitlementsProvider client={client}>
        <Gate feature="ai-assistant" fallback={<Paywall feature="ai-assistant" />}>
          {locked()}
        </Gate>
      </TestEntitlementsProvider>,
    )
    await elapse(0)
    expect(screen.getByText('Confirming your upgrade to Enterprise…')).toBeInTheDocument()
    expect(document.querySelector('.entitle-upgrade-status')).toHaveAttribute('data-state', 'confirming')
    await server.server.admin.changeSubscription('test-customer', { planId: 'enterprise' })
    await elapse(1000)
    expect(screen.getByText('assistant')).toBeInTheDocument()
    expect(client.getState().checkout?.status).toBe('confirmed')
  })

  it('back from a cancelled checkout started in the dialog: the dialog is open again, nothing lost', async () => {
    rememberCheckout({
      customerId: 'test-customer',
      feature: 'seats',
      requested: 1,
      reason: 'limit-exceeded',
      offer: { type: 'plan', id: 'premium', name: 'Premium' },
      startedAt: Date.now(),
      surface: 'dialog',
    })
    const { client } = createTestClient({ snapshot: basic(), checkoutReturn: () => 'cancel' })
    render(
      <TestEntitlementsProvider client={client}>
        <PaywallDialog />
      </TestEntitlementsProvider>,
    )
    const dialog = await screen.findByRole('dialog', { name: 'You have reached your Seats limit' })
    expect(dialog).toHaveTextContent('Checkout cancelled: nothing was charged.')
    expect(await screen.findByRole('button', { name: 'Upgrade to Premium' })).toBeInTheDocument()
    expect(client.getState().snapshot?.plan?.id).toBe('basic')
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(client.getState().checkout).toBeUndefined())
  })
})

describe('the cheapest path', () => {
  it('ai-assistant on Basic: "Premium + AI assistant" at $68.00 / month, highlighted before Enterprise; it buys both', async () => {
    const { client } = createTestClient({ snapshot: basic() })
    const changePlan = vi.spyOn(client, 'changePlan')
    render(
      <TestEntitlementsProvider client={client}>
        <Gate feature="ai-assistant" fallback={<Paywall feature="ai-assistant" />}>
          {locked()}
        </Gate>
      </TestEntitlementsProvider>,
    )
    const combo = await screen.findByRole('button', { name: 'Upgrade to Premium + AI assistant' })
    const offer = combo.closest('li')
    expect(offer).toHaveAttribute('data-highlighted')
    expect(offer).toHaveTextContent('Lowest pricePremium + AI assistant$68.00 / month')
    fireEvent.click(combo)
    expect(await screen.findByText('assistant')).toBeInTheDocument()
    expect(changePlan).toHaveBeenCalledWith('premium', { addons: ['ai-addon'] })
  })
})

describe('sales-led plans', () => {
  const withSales: Catalog = {
    ...logpilotCatalog,
    plans: [
      ...logpilotCatalog.plans,
      {
        id: 'dedicated',
        name: 'Dedicated',
        price: null,
        trialDays: 30,
        contactUrl: 'mailto:sales@logpilot.example',
        grants: { 'retention-days': { kind: 'config', value: 365 } },
      },
    ],
  }

  it('"Contact sales", never "Upgrade" nor a trial: calls onContactSales, reports it, never changes the plan', async () => {
    const events: EntitlementEvent[] = []
    const { client } = createTestClient({
      snapshot: basic(),
      catalog: withSales,
      onEvent: (e) => events.push(e),
    })
    const changePlan = vi.spyOn(client, 'changePlan')
    const onContactSales = vi.fn()
    render(
      <TestEntitlementsProvider client={client}>
        <Paywall feature="retention-days" requested={365} onContactSales={onContactSales} />
      </TestEntitlementsProvider>,
    )
    const contact = await screen.findByRole('button', { name: 'Contact sales' })
    expect(contact.closest('li')).toHaveTextContent('DedicatedContact us')
    expect(screen.queryByRole('button', { name: /Upgrade|free trial/ })).toBeNull()
    fireEvent.click(contact)
    expect(onContactSales).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'dedicated', salesLed: true }),
      {
        feature: 'retention-days',
        requested: 365,
      },
    )
    expect(events).toContainEqual({
      type: 'contact_sales_clicked',
      feature: 'retention-days',
      reason: 'entitled',
      planId: 'dedicated',
    })
    expect(changePlan).not.toHaveBeenCalled()
  })

  it('without onContactSales, a link to the catalog contactUrl', async () => {
    render(
      <TestEntitlementsProvider snapshot={basic()} catalog={withSales}>
        <Paywall feature="retention-days" requested={365} />
      </TestEntitlementsProvider>,
    )
    expect(await screen.findByRole('link', { name: 'Contact sales' })).toHaveAttribute(
      'href',
      'mailto:sales@logpilot.example',
    )
  })
})

function Opener() {
  const paywall = usePaywall()
  return (
    <button type="button" onClick={() => paywall.open({ feature: 'seats', requested: 1 })}>
      Invite
    </button>
  )
}

describe('members who may not buy', () => {
  it('"Ask an admin to upgrade", no checkout or trial button; the billing parts of the client are never called', async () => {
    const events: EntitlementEvent[] = []
    const { client } = createTestClient({ snapshot: basic(), onEvent: (e) => events.push(e) })
    const changePlan = vi.spyOn(client, 'changePlan')
    const waitFor_ = vi.spyOn(client, 'waitFor')
    const onUpgrade = vi.fn()
    const onRequestUpgrade = vi.fn(async () => {})
    render(
      <TestEntitlementsProvider client={client} canManageBilling={() => false}>
        <Paywall feature="ai-assistant" onUpgrade={onUpgrade} onRequestUpgrade={onRequestUpgrade} />
      </TestEntitlementsProvider>,
    )
    const ask = await screen.findByRole('button', {
      name: 'Ask an admin to upgrade to Premium + AI assistant',
    })
    expect(screen.getByText('Only a billing admin can change the plan.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Ask an admin to upgrade to Enterprise' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Upgrade|free trial|Contact sales/ })).toBeNull()
    fireEvent.click(ask)
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Your admins have been asked to upgrade to Premium + AI assistant.',
      ),
    )
    expect(onRequestUpgrade).toHaveBeenCalledWith(expect.objectContaining({ id: 'premium' }), {
      feature: 'ai-assistant',
    })
    expect(events).toContainEqual({
      type: 'upgrade_requested',
      feature: 'ai-assistant',
      reason: 'not-entitled',
      planId: 'premium',
    })
    expect(onUpgrade).not.toHaveBeenCalled()
    expect(changePlan).not.toHaveBeenCalled()
    expect(waitFor_).not.toHaveBeenCalled()
  })

  it('the dialog too: opened by the app, it offers only "Ask an admin"', async () => {
    render(
      <TestEntitlementsProvider snapshot={basic()} canManageBilling={() => false}>
        <Opener />
        <PaywallDialog onRequestUpgrade={() => {}} />
      </TestEntitlementsProvider>,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }))
    expect(
      await screen.findByRole('button', { name: 'Ask an admin to upgrade to Premium' }),
    ).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Upgrade to Premium' })).toBeNull()
  })
})
