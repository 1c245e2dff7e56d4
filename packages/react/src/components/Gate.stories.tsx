import type { PendingCheckout } from '@entitle/core'
import { rememberCheckout } from '@entitle/core/checkout'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, waitFor } from 'storybook/test'
import { useEntitlements } from '../useEntitlements.js'
import { Gate } from './Gate.js'
import { Paywall } from './Paywall.js'

const Unlocked = () => (
  <p style={{ margin: 0, padding: '1rem', border: '1px solid var(--entitle-border)', borderRadius: 8 }}>
    AI assistant: ask anything about your logs.
  </p>
)

const meta = {
  title: 'Components/Gate',
  component: Gate,
  args: {
    feature: 'ai-assistant',
    children: <Unlocked />,
    fallback: <Paywall feature="ai-assistant" />,
    loading: <p aria-busy="true">Checking your plan…</p>,
  },
  parameters: { entitle: { scenario: 'over-hard-limit' } },
} satisfies Meta<typeof Gate>

export default meta
type Story = StoryObj<typeof meta>

/** Entitled: the children render. */
export const Granted: Story = {
  parameters: { entitle: { scenario: 'granted-all' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/ask anything about your logs/)).toBeVisible()
  },
}

/** Not in the plan (Basic): the fallback, here a paywall. */
export const NotEntitled: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: /not included in your plan/ })).toBeVisible()
    await expect(canvas.queryByText(/ask anything/)).toBeNull()
  },
}

/** No data yet: the `loading` element. */
export const Loading: Story = {
  parameters: { entitle: { scenario: 'loading' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Checking your plan…')).toBeVisible()
  },
}

/** A hard limit: inviting one more seat on Basic (3 of 3) is refused. */
export const HardLimitReached: Story = {
  args: {
    feature: 'seats',
    requested: 1,
    children: <button type="button">Invite a teammate</button>,
    fallback: <Paywall feature="seats" requested={1} />,
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: /reached your Seats limit/ })).toBeVisible()
    await expect(canvas.queryByRole('button', { name: 'Invite a teammate' })).toBeNull()
  },
}

/** A soft limit is over (52,300 of 50,000 API calls) but still granted: the children render. */
export const SoftLimitExceeded: Story = {
  args: { feature: 'api-calls', children: <p>API explorer</p> },
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('API explorer')).toBeVisible()
  },
}

/** During the Enterprise trial the AI assistant is granted (source `trial`). */
export const Trial: Story = {
  parameters: { entitle: { scenario: 'trial-expiring' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/ask anything about your logs/)).toBeVisible()
  },
}

/** The trial ended: the fallback explains it. */
export const TrialEnded: Story = {
  parameters: { entitle: { scenario: 'trial-expired' } },
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { name: 'Your trial of AI assistant has ended' }),
    ).toBeVisible()
  },
}

/** Unlimited seats: any number of invites passes. */
export const Unlimited: Story = {
  args: { feature: 'seats', requested: 500, children: <button type="button">Invite 500 teammates</button> },
  parameters: { entitle: { scenario: 'granted-all' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Invite 500 teammates' })).toBeVisible()
  },
}

/** The service is down and nothing is cached: the client's fail-open mode grants boolean features. */
export const OutageFallback: Story = {
  render: (args) => (
    <Gate {...args}>
      {(decision) => (
        <p>
          {decision.granted ? 'Shown' : 'Hidden'} ({decision.reason}
          {decision.isFallback ? ', decided by the fallback' : ''})
        </p>
      )}
    </Gate>
  ),
  parameters: { entitle: { scenario: 'outage' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/decided by the fallback/)).toBeVisible()
  },
}

/** The render-prop form receives the decision: build any UI on it. */
export const RenderProp: Story = {
  render: (args) => (
    <Gate {...args} feature="seats" requested={2}>
      {(d) => (
        <p>
          seats: {d.granted ? 'granted' : 'denied'}, reason “{d.reason}”, {d.usage} of {String(d.limit)} used
        </p>
      )}
    </Gate>
  ),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/seats: denied, reason “limit-exceeded”, 3 of 3 used/)).toBeVisible()
  },
}

const upgradeSpy = fn()

function UpgradeFlow() {
  const { changePlan } = useEntitlements()
  return (
    <Gate
      feature="ai-assistant"
      fallback={
        <Paywall
          feature="ai-assistant"
          onUpgrade={async (offer) => {
            upgradeSpy(offer)
            await changePlan(offer.id)
          }}
        />
      }
    >
      <Unlocked />
    </Gate>
  )
}

/** The whole flow: denied, pick the plan that unlocks it, the gate opens without a reload. */
export const UpgradeOpensTheGate: Story = {
  render: () => <UpgradeFlow />,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Upgrade to Enterprise' }))
    await waitFor(() => expect(canvas.getByText(/ask anything about your logs/)).toBeVisible())
    await expect(upgradeSpy).toHaveBeenCalledWith(expect.objectContaining({ id: 'enterprise', type: 'plan' }))
  },
}

/** What the paywall remembered before sending the customer to a hosted checkout for Enterprise. */
const boughtEnterprise = (): PendingCheckout => ({
  customerId: 'test-customer',
  feature: 'ai-assistant',
  reason: 'not-entitled',
  offer: { type: 'plan', id: 'enterprise', name: 'Enterprise' },
  startedAt: Date.now(),
  surface: 'inline',
})

/**
 * Back from a hosted checkout (the client's `checkoutReturn` recognised the return URL): the webhook
 * has not landed yet, so the Gate says "Confirming your upgrade…" instead of the paywall.
 */
export const ConfirmingAfterCheckout: Story = {
  parameters: { entitle: { scenario: 'over-hard-limit', checkoutReturn: () => 'success' } },
  beforeEach: () => rememberCheckout(boughtEnterprise()),
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByText('Confirming your upgrade to Enterprise…')).toBeVisible()
    await expect(canvasElement.querySelector('.entitle-upgrade-status')).toHaveAttribute(
      'data-state',
      'confirming',
    )
    await expect(canvas.queryByRole('heading', { name: /not included/ })).toBeNull()
  },
}

/** Confirming, dark theme. */
export const ConfirmingAfterCheckoutDark: Story = {
  ...ConfirmingAfterCheckout,
  parameters: { ...ConfirmingAfterCheckout.parameters, theme: 'dark' },
}

/** Not confirmed within `checkoutTimeoutMs`: a clear message and "Check again" (which waits again). */
export const ConfirmTimeoutAfterCheckout: Story = {
  parameters: {
    entitle: { scenario: 'over-hard-limit', checkoutReturn: () => 'success', checkoutTimeoutMs: 50 },
  },
  beforeEach: () => rememberCheckout(boughtEnterprise()),
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Your upgrade to Enterprise is not confirmed yet.',
    )
    await userEvent.click(canvas.getByRole('button', { name: 'Check again' }))
    await expect(await canvas.findByText('Confirming your upgrade to Enterprise…')).toBeVisible()
  },
}

/** Timeout after a checkout, right to left. */
export const ConfirmTimeoutAfterCheckoutRightToLeft: Story = {
  parameters: { ...ConfirmTimeoutAfterCheckout.parameters, dir: 'rtl', lang: 'he' },
  beforeEach: () => rememberCheckout(boughtEnterprise()),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Check again' })).toBeVisible()
  },
}
