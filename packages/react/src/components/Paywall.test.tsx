import type { Catalog, EntitlementEvent, Offer } from '@entitle/core'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef, type ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import {
  createTestClient,
  createTestSnapshot,
  logpilotCatalog,
  type ScenarioName,
  TestEntitlementsProvider,
} from '../testing/index.js'
import { Gate } from './Gate.js'
import { Paywall } from './Paywall.js'

function deferred() {
  let resolve!: () => void
  let reject!: (error: Error) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

function renderIn(
  ui: ReactNode,
  options: { scenario?: ScenarioName; catalog?: Catalog; onEvent?: (e: EntitlementEvent) => void } = {},
) {
  return render(<TestEntitlementsProvider {...options}>{ui}</TestEntitlementsProvider>)
}

describe('Paywall', () => {
  it('explains what is blocked and why, and lists the offers cheapest first, highlighted, with the current plan marked', async () => {
    renderIn(<Paywall feature="seats" onUpgrade={vi.fn()} />, { scenario: 'over-hard-limit' })
    expect(
      await screen.findByRole('heading', { name: 'You have reached your Seats limit' }),
    ).toBeInTheDocument()
    expect(screen.getByText(/You have used 3 of 3 seats/)).toBeInTheDocument()
    const [current, premium, enterprise] = screen.getAllByRole('listitem')
    expect(current).toHaveAttribute('data-current')
    expect(current).toHaveTextContent('Current planBasicFree3 seats')
    expect(within(current as HTMLElement).queryByRole('button')).toBeNull()
    expect(premium).toHaveAttribute('data-highlighted')
    expect(premium).toHaveTextContent('Lowest pricePremium$49.00 / month10 seatsUpgrade to Premium')
    expect(enterprise).not.toHaveAttribute('data-highlighted')
    expect(enterprise).toHaveTextContent('Unlimited seats')
  })

  it.each([
    ['over-hard-limit', 'ai-assistant', 'AI assistant is not included in your plan', 'not-entitled'],
    ['trial-expired', 'ai-assistant', 'Your trial of AI assistant has ended', 'trial-ended'],
    ['over-soft-limit', 'api-calls', 'You are over your API calls limit', 'soft-limit-exceeded'],
    ['outage', 'seats', 'seats is unavailable right now', 'unavailable'],
  ] as const)('%s / %s: "%s"', async (scenario, feature, title, reason) => {
    const { container } = renderIn(<Paywall feature={feature} requested={0} />, { scenario })
    expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument()
    expect(container.querySelector('.entitle-paywall')).toHaveAttribute('data-reason', reason)
  })

  it('renders server text as text: a plan named <img src=x onerror=alert(1)> shows literally', async () => {
    const hostile: Catalog = {
      ...logpilotCatalog,
      plans: logpilotCatalog.plans.map((p) =>
        p.id === 'premium' ? { ...p, name: '<img src=x onerror=alert(1)>', description: '<b>bold</b>' } : p,
      ),
    }
    const { container } = renderIn(<Paywall feature="seats" />, {
      scenario: 'over-hard-limit',
      catalog: hostile,
    })
    expect(await screen.findByRole('heading', { name: '<img src=x onerror=alert(1)>' })).toBeInTheDocument()
    expect(
      screen.getByRole('button', { name: 'Upgrade to <img src=x onerror=alert(1)>' }),
    ).toBeInTheDocument()
    expect(screen.getByText('<b>bold</b>')).toBeInTheDocument()
    expect(container.querySelector('img, b')).toBeNull()
  })

  it('pending: the chosen button says so, others ignore clicks, focus stays; success tracks the funnel', async () => {
    const user = userEvent.setup()
    const events: EntitlementEvent[] = []
    const upgrade = deferred()
    const { client } = createTestClient({ scenario: 'over-hard-limit', onEvent: (e) => events.push(e) })
    // The app's own upgrade: once it resolves, the plan has changed on the server.
    const onUpgrade = vi.fn((offer: Offer) => upgrade.promise.then(() => client.changePlan(offer.id)))
    const onUpgraded = vi.fn()
    const { container } = render(
      <TestEntitlementsProvider client={client}>
        <Paywall feature="seats" onUpgrade={onUpgrade} onUpgraded={onUpgraded} />
      </TestEntitlementsProvider>,
    )
    const premium = await screen.findByRole('button', { name: 'Upgrade to Premium' })
    await waitFor(() => expect(events.map((e) => e.type)).toContain('paywall_viewed'))

    await user.click(premium)
    expect(onUpgrade).toHaveBeenCalledWith(expect.objectContaining({ id: 'premium', type: 'plan' }))
    expect(premium).toHaveAccessibleName('Upgrading…')
    expect(premium).toHaveAttribute('aria-busy', 'true')
    expect(premium).toHaveFocus()
    expect(container.querySelector('.entitle-paywall')).toHaveAttribute('data-state', 'pending')
    const enterprise = screen.getByRole('button', { name: 'Upgrade to Enterprise' })
    expect(enterprise).toHaveAttribute('aria-disabled', 'true')
    await user.click(enterprise)
    expect(onUpgrade).toHaveBeenCalledTimes(1)

    await act(async () => upgrade.resolve())
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Done: you now have Seats.'))
    expect(onUpgraded).toHaveBeenCalledWith(expect.objectContaining({ id: 'premium' }))
    const funnel = events.filter((e) => e.type.startsWith('upgrade_') || e.type === 'paywall_viewed')
    expect(funnel).toEqual([
      { type: 'paywall_viewed', feature: 'seats', reason: 'limit-exceeded' },
      { type: 'upgrade_clicked', feature: 'seats', reason: 'limit-exceeded', planId: 'premium' },
      { type: 'upgrade_completed', feature: 'seats', reason: 'limit-exceeded', planId: 'premium' },
    ])
  })

  it('error: shows the message as an alert, tracks upgrade_failed, and can be retried', async () => {
    const user = userEvent.setup()
    const events: EntitlementEvent[] = []
    const onUpgrade = vi
      .fn()
      .mockRejectedValueOnce(new Error('Card declined'))
      .mockResolvedValueOnce(undefined)
    renderIn(<Paywall feature="seats" onUpgrade={onUpgrade} />, {
      scenario: 'over-hard-limit',
      onEvent: (e) => events.push(e),
    })
    await user.click(await screen.findByRole('button', { name: 'Upgrade to Premium' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The upgrade did not go through: Card declined',
    )
    expect(events).toContainEqual({
      type: 'upgrade_failed',
      feature: 'seats',
      reason: 'limit-exceeded',
      planId: 'premium',
      error: 'Card declined',
    })
    await user.click(screen.getByRole('button', { name: 'Upgrade to Premium' }))
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
    expect(onUpgrade).toHaveBeenCalledTimes(2)
  })

  it('is keyboard operable: Tab to an offer, Enter upgrades', async () => {
    const user = userEvent.setup()
    const onUpgrade = vi.fn(async () => {})
    renderIn(<Paywall feature="seats" onUpgrade={onUpgrade} />, { scenario: 'over-hard-limit' })
    await screen.findByRole('button', { name: 'Upgrade to Premium' })
    await user.tab()
    expect(screen.getByRole('button', { name: 'Upgrade to Premium' })).toHaveFocus()
    await user.tab()
    await user.keyboard('{Enter}')
    expect(onUpgrade).toHaveBeenCalledWith(expect.objectContaining({ id: 'enterprise' }))
  })

  it('without onUpgrade, changes the plan through the client: the surrounding Gate opens without a reload', async () => {
    const user = userEvent.setup()
    const { client } = createTestClient({ scenario: 'over-hard-limit' })
    render(
      <TestEntitlementsProvider client={client}>
        <Gate feature="ai-assistant" fallback={<Paywall feature="ai-assistant" />}>
          <p>assistant</p>
        </Gate>
      </TestEntitlementsProvider>,
    )
    await user.click(await screen.findByRole('button', { name: 'Upgrade to Enterprise' }))
    expect(await screen.findByText('assistant')).toBeInTheDocument()
    expect(client.getState().snapshot?.plan?.id).toBe('enterprise')
  })

  it('add-ons upgrade the current plan with the add-on', async () => {
    const user = userEvent.setup()
    const { client } = createTestClient({ scenario: 'over-soft-limit' })
    const changePlan = vi.spyOn(client, 'changePlan')
    render(
      <TestEntitlementsProvider client={client}>
        <Paywall feature="seats" requested={4} />
      </TestEntitlementsProvider>,
    )
    await user.click(await screen.findByRole('button', { name: 'Add +5 seats' }))
    expect(changePlan).toHaveBeenCalledWith('premium', { addons: ['extra-seats'] })
  })

  it('never offers an add-on the customer owns, and buying another keeps the owned ones', async () => {
    const user = userEvent.setup()
    // Premium with "+5 seats" owned: 15 seats, all used. The AI add-on is bought on top of it.
    const snapshot = createTestSnapshot({ plan: 'premium', addons: ['extra-seats'], usage: { seats: 15 } })
    const { client } = createTestClient({ snapshot })
    const changePlan = vi.spyOn(client, 'changePlan')
    const { unmount } = render(
      <TestEntitlementsProvider client={client}>
        <Paywall feature="seats" />
      </TestEntitlementsProvider>,
    )
    expect(await screen.findByRole('button', { name: 'Upgrade to Enterprise' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Add +5 seats' })).toBeNull()
    unmount()

    render(
      <TestEntitlementsProvider client={client}>
        <Paywall feature="ai-assistant" />
      </TestEntitlementsProvider>,
    )
    await user.click(await screen.findByRole('button', { name: 'Add AI assistant' }))
    expect(changePlan).toHaveBeenCalledWith('premium', { addons: ['extra-seats', 'ai-addon'] })
    await waitFor(() =>
      expect(client.getState().snapshot?.addons?.map((a) => a.id)).toEqual(['extra-seats', 'ai-addon']),
    )
    expect(client.check('seats', { requested: 0 }).limit).toBe(15)
  })

  it('formats prices with Intl for the locale and the currency’s own minor units', async () => {
    const yen: Catalog = {
      ...logpilotCatalog,
      plans: logpilotCatalog.plans.map((p) =>
        p.id === 'premium' ? { ...p, price: { amount: 4900, currency: 'JPY', interval: 'month' } } : p,
      ),
    }
    const { unmount } = renderIn(<Paywall feature="seats" locale="de-DE" />, { scenario: 'over-hard-limit' })
    expect(await screen.findByText('49,00 $ / month')).toBeInTheDocument()
    unmount()
    renderIn(<Paywall feature="seats" locale="en-US" />, { scenario: 'over-hard-limit', catalog: yen })
    expect(await screen.findByText('¥4,900 / month')).toBeInTheDocument()
  })

  it('forwards its ref and spreads className and props; headings follow headingLevel', async () => {
    const ref = createRef<HTMLElement>()
    renderIn(
      <Paywall ref={ref} feature="seats" className="mine" data-testid="pw" id="pw" headingLevel={3} />,
      { scenario: 'over-hard-limit' },
    )
    const root = screen.getByTestId('pw')
    expect(ref.current).toBe(root)
    expect(root).toHaveClass('entitle-paywall', 'mine')
    expect(root).toHaveAttribute('id', 'pw')
    expect(root.tagName).toBe('SECTION')
    expect(
      await screen.findByRole('heading', { level: 3, name: 'You have reached your Seats limit' }),
    ).toBeInTheDocument()
    expect(await screen.findByRole('heading', { level: 4, name: 'Premium' })).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'You have reached your Seats limit' })).toBe(root)
  })

  describe('free trials', () => {
    it('offers "Start 14-day free trial" beside the upgrade of a plan with a trial; it starts the trial through the client and the Gate opens', async () => {
      const user = userEvent.setup()
      const events: EntitlementEvent[] = []
      const { client, server } = createTestClient({
        scenario: 'over-hard-limit',
        onEvent: (e) => events.push(e),
      })
      const changePlan = vi.spyOn(client, 'changePlan')
      render(
        <TestEntitlementsProvider client={client}>
          <Gate feature="ai-assistant" fallback={<Paywall feature="ai-assistant" />}>
            <p>assistant</p>
          </Gate>
        </TestEntitlementsProvider>,
      )
      const trial = await screen.findByRole('button', { name: 'Start 14-day free trial' })
      const enterprise = screen.getAllByRole('listitem').find((li) => li.textContent?.includes('Enterprise'))
      expect(enterprise).toContainElement(trial)
      expect(
        within(enterprise as HTMLElement).getByRole('button', { name: 'Upgrade to Enterprise' }),
      ).toBeVisible()
      // Premium has no trial (trialDays 0): one button per trial plan only.
      expect(screen.getAllByRole('button', { name: /free trial/ })).toHaveLength(1)

      await user.click(trial)
      expect(await screen.findByText('assistant')).toBeInTheDocument()
      expect(changePlan).toHaveBeenCalledWith('enterprise', { trial: true })
      expect(server.snapshot?.trialEndsAt).not.toBeNull()
      expect(events.filter((e) => e.type.startsWith('upgrade_'))).toEqual([
        {
          type: 'upgrade_clicked',
          feature: 'ai-assistant',
          reason: 'not-entitled',
          planId: 'enterprise',
          trial: true,
        },
        {
          type: 'upgrade_completed',
          feature: 'ai-assistant',
          reason: 'not-entitled',
          planId: 'enterprise',
          trial: true,
        },
      ])
    })

    it('onStartTrial replaces the default; pending: the trial button says so, every button waits, focus stays', async () => {
      const user = userEvent.setup()
      const start = deferred()
      const { client } = createTestClient({ scenario: 'over-hard-limit' })
      const onStartTrial = vi.fn((offer: Offer) =>
        start.promise.then(() => client.changePlan(offer.id, { trial: true })),
      )
      const onUpgrade = vi.fn(async () => {})
      const onUpgraded = vi.fn()
      const { container } = render(
        <TestEntitlementsProvider client={client}>
          <Paywall
            feature="ai-assistant"
            onStartTrial={onStartTrial}
            onUpgrade={onUpgrade}
            onUpgraded={onUpgraded}
          />
        </TestEntitlementsProvider>,
      )
      const trial = await screen.findByRole('button', { name: 'Start 14-day free trial' })
      await user.click(trial)
      expect(onStartTrial).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'enterprise', type: 'plan', trialDays: 14 }),
      )
      expect(trial).toHaveAccessibleName('Starting trial…')
      expect(trial).toHaveAttribute('aria-busy', 'true')
      expect(trial).toHaveFocus()
      expect(container.querySelector('.entitle-paywall')).toHaveAttribute('data-state', 'pending')
      const upgrade = screen.getByRole('button', { name: 'Upgrade to Enterprise' })
      expect(upgrade).toHaveAttribute('aria-disabled', 'true')
      expect(upgrade).not.toHaveAttribute('aria-busy')
      await user.click(upgrade)
      expect(onUpgrade).not.toHaveBeenCalled()

      await act(async () => start.resolve())
      await waitFor(() =>
        expect(screen.getByRole('status')).toHaveTextContent('Done: you now have AI assistant.'),
      )
      expect(onUpgraded).toHaveBeenCalledWith(expect.objectContaining({ id: 'enterprise' }))
    })

    it('a trial already used (409 trial_already_used from the server): says so plainly, localized', async () => {
      const user = userEvent.setup()
      const events: EntitlementEvent[] = []
      const { client } = createTestClient({
        scenario: 'trial-expired',
        trialsUsed: ['enterprise'],
        onEvent: (e) => events.push(e),
      })
      const { unmount } = render(
        <TestEntitlementsProvider client={client}>
          <Paywall feature="ai-assistant" />
        </TestEntitlementsProvider>,
      )
      await user.click(await screen.findByRole('button', { name: 'Start 14-day free trial' }))
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'You have already used your free trial of Enterprise.',
      )
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'upgrade_failed', feature: 'ai-assistant', planId: 'enterprise' }),
      )
      // The upgrade itself is still on offer.
      expect(screen.getByRole('button', { name: 'Upgrade to Enterprise' })).not.toHaveAttribute(
        'aria-disabled',
      )
      unmount()

      render(
        <TestEntitlementsProvider client={client}>
          <Paywall
            feature="ai-assistant"
            locale="de-DE"
            messages={{
              startTrial: (days, category) => `${days} Tage testen (${category})`,
              trialAlreadyUsed: (plan) => `Ihre Testphase für ${plan} ist bereits verbraucht.`,
            }}
          />
        </TestEntitlementsProvider>,
      )
      await user.click(await screen.findByRole('button', { name: '14 Tage testen (other)' }))
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Ihre Testphase für Enterprise ist bereits verbraucht.',
      )
    })

    it('other failures show their message; onStartTrial may reject with the server code too', async () => {
      const user = userEvent.setup()
      const onStartTrial = vi
        .fn()
        .mockRejectedValueOnce(new Error('Payment method required'))
        .mockRejectedValueOnce(Object.assign(new Error('used'), { code: 'trial_already_used' }))
      renderIn(<Paywall feature="ai-assistant" onStartTrial={onStartTrial} />, {
        scenario: 'over-hard-limit',
      })
      await user.click(await screen.findByRole('button', { name: 'Start 14-day free trial' }))
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'The trial could not be started: Payment method required',
      )
      await user.click(screen.getByRole('button', { name: 'Start 14-day free trial' }))
      await waitFor(() =>
        expect(screen.getByRole('alert')).toHaveTextContent(
          'You have already used your free trial of Enterprise.',
        ),
      )
    })

    it('no trial button with showTrials={false}, while a trial runs, or on the current plan', async () => {
      const { unmount } = renderIn(<Paywall feature="ai-assistant" showTrials={false} />, {
        scenario: 'over-hard-limit',
      })
      expect(await screen.findByRole('button', { name: 'Upgrade to Enterprise' })).toBeInTheDocument()
      expect(screen.queryByRole('button', { name: /free trial/ })).toBeNull()
      unmount()

      const trialing = createTestSnapshot({
        plan: 'premium',
        trialEndsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      })
      render(
        <TestEntitlementsProvider snapshot={trialing}>
          <Paywall feature="ai-assistant" />
        </TestEntitlementsProvider>,
      )
      expect(await screen.findByRole('button', { name: 'Upgrade to Enterprise' })).toBeInTheDocument()
      expect(screen.queryByRole('button', { name: /free trial/ })).toBeNull()
    })

    it('headless: offers carry the trial label, and startTrial() runs it', async () => {
      const { client } = createTestClient({ scenario: 'over-hard-limit' })
      const onStartTrial = vi.fn((offer: Offer) => client.changePlan(offer.id, { trial: true }))
      render(
        <TestEntitlementsProvider client={client}>
          <Paywall feature="ai-assistant" onStartTrial={onStartTrial}>
            {({ offers, startTrial, selectedTrial, status }) => (
              <>
                {offers.map(({ offer, trial }) =>
                  trial && offer.type === 'plan' ? (
                    <button key={offer.id} type="button" onClick={() => void startTrial(offer)}>
                      {trial}
                    </button>
                  ) : null,
                )}
                <p>
                  {status} {selectedTrial ? 'trial' : ''}
                </p>
              </>
            )}
          </Paywall>
        </TestEntitlementsProvider>,
      )
      await userEvent.click(await screen.findByRole('button', { name: 'Start 14-day free trial' }))
      expect(onStartTrial).toHaveBeenCalledWith(expect.objectContaining({ id: 'enterprise' }))
      expect(await screen.findByText('success trial')).toBeInTheDocument()
    })
  })

  it('headless: the render prop gets reason, offers and upgrade()', async () => {
    const onUpgrade = vi.fn(async () => {})
    renderIn(
      <Paywall feature="seats" onUpgrade={onUpgrade}>
        {({ reason, offers, upgrade }) => (
          <ul>
            {offers.map((o) => (
              <li key={o.offer.id}>
                <button type="button" onClick={() => void upgrade(o.offer)}>
                  {reason}: {o.action} {o.isCheapest ? '(cheapest)' : ''}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Paywall>,
      { scenario: 'over-hard-limit' },
    )
    await userEvent.click(
      await screen.findByRole('button', { name: 'limit-exceeded: Upgrade to Premium (cheapest)' }),
    )
    expect(onUpgrade).toHaveBeenCalledWith(expect.objectContaining({ id: 'premium' }))
  })
})
