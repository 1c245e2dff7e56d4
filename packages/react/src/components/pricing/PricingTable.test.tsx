import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { yearlyCatalog } from '../../../test/catalogs.js'
import { createTestSnapshot, TestEntitlementsProvider } from '../../testing/index.js'
import { PricingTable } from './PricingTable.js'

/** The feature matrix (the cards hold the same plans for narrow screens). */
const table = async () => within(await screen.findByRole('table', { name: 'Plans' }))
const column = async (name: RegExp) => (await table()).getByRole('columnheader', { name })

describe('PricingTable', () => {
  it('shows every plan with its price and a feature matrix: ✓, config values, limits, Unlimited', async () => {
    render(
      <TestEntitlementsProvider scenario="over-hard-limit">
        <PricingTable />
      </TestEntitlementsProvider>,
    )
    const t = await table()
    expect(t.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      expect.stringContaining('Basic'),
      expect.stringContaining('Premium'),
      expect.stringContaining('Enterprise'),
    ])
    const row = (name: string) => t.getByRole('rowheader', { name }).closest('tr')!.querySelectorAll('td')
    expect([...row('API access')].map((c) => c.textContent?.replace('–', ''))).toEqual([
      'Not included',
      'Included',
      'Included',
    ])
    expect([...row('Log retention')].map((c) => c.textContent)).toEqual(['3 days', '14 days', '90 days'])
    expect([...row('Seats')].map((c) => c.textContent)).toEqual(['3 seats', '10 seats', 'Unlimited seats'])
    expect([...row('API calls')].map((c) => c.textContent)).toEqual([
      '1,000 calls / month',
      '50,000 calls / month',
      'Unlimited calls / month',
    ])
    // The current plan is marked and has no button; the others can be chosen.
    const basic = await column(/Basic/)
    expect(within(basic).getByText('Current plan')).toBeInTheDocument()
    expect(within(basic).queryByRole('button')).toBeNull()
    expect(
      within(await column(/Premium/)).getByRole('button', { name: 'Upgrade to Premium' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Plans' })).toHaveAttribute('data-state', 'ready')
  })

  it('switches between monthly and yearly prices when the plans have both', async () => {
    const user = userEvent.setup()
    render(
      <TestEntitlementsProvider
        catalog={yearlyCatalog}
        snapshot={createTestSnapshot({ catalog: yearlyCatalog, plan: 'basic' })}
      >
        <PricingTable />
      </TestEntitlementsProvider>,
    )
    const monthly = await screen.findByRole('radio', { name: 'Monthly' })
    expect(monthly).toBeChecked()
    expect(within(await column(/Premium/)).getByText('$49.00 / month')).toBeInTheDocument()
    await user.click(screen.getByRole('radio', { name: 'Yearly' }))
    const premium = await column(/Premium/)
    expect(within(premium).getByText('$490.00 / year')).toBeInTheDocument()
    expect(within(premium).getByText('Save 17%')).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Plans' })).toHaveAttribute('data-interval', 'year')
    // Free and sales-led plans belong to both.
    expect(within(await column(/Basic/)).getByText('Free')).toBeInTheDocument()
    expect(within(await column(/Scale/)).getByRole('link', { name: 'Contact sales' })).toHaveAttribute(
      'href',
      'mailto:sales@logpilot.example',
    )
    // Keyboard: arrow keys move between the two.
    screen.getByRole('radio', { name: 'Yearly' }).focus()
    await user.keyboard('{ArrowLeft}')
    expect(screen.getByRole('radio', { name: 'Monthly' })).toBeChecked()
  })

  it('highlights the cheapest plan that unlocks the feature asked about, and its row', async () => {
    render(
      <TestEntitlementsProvider scenario="over-hard-limit">
        <PricingTable feature="ai-assistant" />
      </TestEntitlementsProvider>,
    )
    const enterprise = await column(/Enterprise/)
    expect(enterprise).toHaveAttribute('data-highlighted')
    expect(within(enterprise).getByText('Unlocks AI assistant')).toBeInTheDocument()
    expect(await column(/Premium/)).not.toHaveAttribute('data-highlighted')
    expect((await table()).getByRole('rowheader', { name: 'AI assistant' }).closest('tr')).toHaveAttribute(
      'data-highlighted',
    )
  })

  it('on Premium, the AI add-on is what unlocks the assistant (cheaper than Enterprise)', async () => {
    render(
      <TestEntitlementsProvider scenario="over-soft-limit">
        <PricingTable feature="ai-assistant" />
      </TestEntitlementsProvider>,
    )
    const addons = within(await screen.findByRole('region', { name: 'Add-ons' }))
    const ai = addons.getByRole('button', { name: 'Add AI assistant' }).closest('li')!
    expect(ai).toHaveAttribute('data-highlighted')
    expect(within(ai).getByText('Unlocks AI assistant')).toBeInTheDocument()
  })

  it('passes the chosen plan, trial and sales contact to the callbacks as offers', async () => {
    const user = userEvent.setup()
    const onSelectPlan = vi.fn(async () => {})
    const onStartTrial = vi.fn(async () => {})
    const onContactSales = vi.fn()
    const catalog = {
      ...yearlyCatalog,
      plans: yearlyCatalog.plans.map((p) => ({ ...p, contactUrl: undefined })),
    }
    render(
      <TestEntitlementsProvider catalog={catalog} snapshot={createTestSnapshot({ catalog, plan: 'basic' })}>
        <PricingTable
          onSelectPlan={onSelectPlan}
          onStartTrial={onStartTrial}
          onContactSales={onContactSales}
        />
      </TestEntitlementsProvider>,
    )
    const t = await table()
    await user.click(t.getByRole('button', { name: 'Upgrade to Premium' }))
    expect(onSelectPlan).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'plan', id: 'premium', change: { planId: 'premium', addons: [] } }),
    )
    await user.click(t.getByRole('button', { name: 'Start 14-day free trial' }))
    expect(onStartTrial).toHaveBeenCalledWith(expect.objectContaining({ id: 'enterprise', trialDays: 14 }))
    await user.click(t.getByRole('button', { name: 'Contact sales' }))
    expect(onContactSales).toHaveBeenCalledWith(expect.objectContaining({ id: 'scale', salesLed: true }))
  })

  it('without callbacks, changes the plan through the provider: the current plan moves', async () => {
    const user = userEvent.setup()
    render(
      <TestEntitlementsProvider scenario="over-hard-limit">
        <PricingTable />
      </TestEntitlementsProvider>,
    )
    await user.click((await table()).getByRole('button', { name: 'Upgrade to Premium' }))
    await waitFor(async () =>
      expect(within(await column(/Premium/)).getByText('Current plan')).toBeInTheDocument(),
    )
    // From Premium, Basic is a switch down, not an upgrade.
    expect((await table()).getByRole('button', { name: 'Switch to Basic' })).toBeInTheDocument()
  })

  it('runs through the upgrade flow: a hosted checkout is remembered and navigated to once', async () => {
    const user = userEvent.setup()
    const navigate = vi.fn()
    const onSelectPlan = vi.fn(async () => ({ redirectUrl: 'https://checkout.example/session/1' }))
    render(
      <TestEntitlementsProvider scenario="over-hard-limit">
        <PricingTable onSelectPlan={onSelectPlan} navigate={navigate} />
      </TestEntitlementsProvider>,
    )
    const button = (await table()).getByRole('button', { name: 'Upgrade to Premium' })
    await user.click(button)
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('https://checkout.example/session/1'))
    expect(button).toHaveTextContent('Opening checkout…')
    await user.click(button)
    expect(onSelectPlan).toHaveBeenCalledOnce()
  })

  it('a member who may not manage billing asks an admin instead of buying', async () => {
    const user = userEvent.setup()
    const onRequestUpgrade = vi.fn()
    render(
      <TestEntitlementsProvider scenario="over-hard-limit" canManageBilling={() => false}>
        <PricingTable onRequestUpgrade={onRequestUpgrade} />
      </TestEntitlementsProvider>,
    )
    expect(await screen.findByText('Only a billing admin can change the plan.')).toBeInTheDocument()
    await user.click((await table()).getByRole('button', { name: 'Ask an admin to upgrade to Premium' }))
    expect(onRequestUpgrade).toHaveBeenCalledWith(expect.objectContaining({ id: 'premium' }))
    expect(await screen.findByText('Your admins have been asked to upgrade to Premium.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /free trial/ })).toBeNull()
  })

  it("downgradeAt='period_end': a cheaper plan is scheduled for the end of the period, and marked", async () => {
    const user = userEvent.setup()
    const onSelectPlan = vi.fn(async () => {})
    render(
      <TestEntitlementsProvider scenario="over-soft-limit">
        <PricingTable downgradeAt="period_end" onSelectPlan={onSelectPlan} />
      </TestEntitlementsProvider>,
    )
    await user.click((await table()).getByRole('button', { name: 'Switch to Basic' }))
    const basic = await column(/Basic/)
    await waitFor(() => expect(within(basic).getByText(/^From /)).toBeInTheDocument())
    expect(within(basic).queryByRole('button')).toBeNull()
    expect(within(await column(/Premium/)).getByText('Current plan')).toBeInTheDocument()
    expect(onSelectPlan).not.toHaveBeenCalled()
  })

  it('says so while the catalog loads, and when it cannot be loaded', async () => {
    render(
      <TestEntitlementsProvider scenario="outage">
        <PricingTable />
      </TestEntitlementsProvider>,
    )
    expect(
      await screen.findByText('Plans cannot be loaded right now. Try again in a moment.'),
    ).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Plans' })).toHaveAttribute('data-state', 'unavailable')
  })
})
