import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, waitFor } from 'storybook/test'
import { usePaywall } from '../usePaywall.js'
import { LimitBanner } from './LimitBanner.js'
import { PaywallDialog } from './PaywallDialog.js'

const meta = {
  title: 'Components/LimitBanner',
  component: LimitBanner,
  args: { feature: 'seats' },
  parameters: { entitle: { scenario: 'over-hard-limit' } },
} satisfies Meta<typeof LimitBanner>

export default meta
type Story = StoryObj<typeof meta>

/** Seats 3 of 3 (hard limit): the next invite is refused. */
export const HardLimitReached: Story = {
  play: async ({ canvas }) => {
    const banner = await canvas.findByRole('status')
    await expect(banner).toHaveAttribute('data-state', 'exceeded')
    // The feature's name and unit come from the catalog, which loads after the first render.
    await waitFor(() =>
      expect(banner).toHaveTextContent(
        'You have reached your Seats limit (3 of 3 seats). Upgrade to add more.',
      ),
    )
  },
}

/** 52,300 of 50,000 API calls (soft limit): still working, time to upgrade. */
export const SoftLimitExceeded: Story = {
  args: { feature: 'api-calls' },
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveAttribute('data-state', 'over-soft-limit')
  },
}

/** 950 of 1,000 API calls: a heads-up before the limit. */
export const Warning: Story = {
  args: { feature: 'api-calls' },
  play: async ({ canvas }) => {
    const banner = await canvas.findByRole('status')
    await waitFor(() => expect(banner).toHaveTextContent('You have used 950 of 1,000 calls.'))
  },
}

/** Within the limit (7 of 10 seats), unlimited, or loading: no banner at all. */
export const WithinLimit: Story = {
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  render: (args) => (
    <>
      <LimitBanner {...args} />
      <p>(No banner: 7 of 10 seats used.)</p>
    </>
  ),
  play: async ({ canvas }) => {
    await canvas.findByText(/No banner/)
    await expect(canvas.queryByRole('status')).toBeNull()
  },
}

/** Unlimited seats: nothing to warn about. */
export const Unlimited: Story = {
  parameters: { entitle: { scenario: 'granted-all' } },
  render: (args) => (
    <>
      <LimitBanner {...args} />
      <p>(No banner: unlimited seats.)</p>
    </>
  ),
  play: async ({ canvas }) => {
    await canvas.findByText(/No banner/)
    await expect(canvas.queryByRole('status')).toBeNull()
  },
}

/**
 * The service is down and nothing is cached; the app's fallback for seats is `limit: 0` (so "0 of 0,
 * limit reached", were it real). A fallback is a guess, not the plan: no upsell, no banner. The
 * `<UsageMeter>` and `<Paywall>` say "unavailable" instead.
 */
export const OutageFallback: Story = {
  parameters: { entitle: { scenario: 'outage', fallback: { seats: { kind: 'metered', limit: 0 } } } },
  render: (args) => (
    <>
      <LimitBanner {...args} />
      <p>(No banner: usage unknown during the outage.)</p>
    </>
  ),
  play: async ({ canvas }) => {
    await canvas.findByText(/No banner/)
    await expect(canvas.queryByRole('status')).toBeNull()
  },
}

function WithDialog() {
  const { isOpen } = usePaywall()
  return (
    <>
      <LimitBanner feature="seats" />
      <p>Paywall {isOpen ? 'open' : 'closed'}</p>
      <PaywallDialog />
    </>
  )
}

/** The default call to action opens the app's `<PaywallDialog>` for this feature. */
export const OpensThePaywall: Story = {
  render: () => <WithDialog />,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Upgrade' }))
    await expect(
      await canvas.findByRole('dialog', { name: 'You have reached your Seats limit' }),
    ).toHaveAttribute('open')
  },
}

/** `onUpgradeClick` replaces the default (e.g. a link to your billing page). */
export const CustomAction: Story = {
  args: { onUpgradeClick: fn() },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Upgrade' }))
    await expect(args.onUpgradeClick).toHaveBeenCalledOnce()
  },
}

/** Long text wraps; the button moves below it in a narrow column. */
export const LongText: Story = {
  args: {
    style: { maxInlineSize: '22rem' },
    messages: {
      limitBanner: (_s, feature, usage) =>
        `Your workspace has used every one of its ${feature} (${usage}). New teammates cannot be invited until an administrator upgrades the subscription or removes an inactive member.`,
    },
  },
}

/** Right to left. */
export const RightToLeft: Story = {
  args: {
    locale: 'ar',
    messages: {
      limitBanner: (_s, _f, usage) => `وصلت إلى حد المقاعد (${usage}).`,
      usage: ({ usage, limit }) => `${usage} من ${limit}`,
      upgrade: 'ترقية',
    },
  },
  parameters: { dir: 'rtl', lang: 'ar' },
}

/** Dark theme, over a soft limit: still working, the warning colours and the "over" icon. */
export const DarkSoftLimit: Story = {
  args: { feature: 'api-calls' },
  parameters: { entitle: { scenario: 'over-soft-limit' }, theme: 'dark' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveAttribute('data-state', 'over-soft-limit')
  },
}

/** Dark theme: warning and hard stop. */
export const Dark: Story = {
  parameters: { theme: 'dark' },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <LimitBanner {...args} />
      <LimitBanner {...args} feature="api-calls" />
    </div>
  ),
}

/** The parts in your own markup: the text as a strong line, the action as your link. */
export const Parts: Story = {
  render: () => (
    <LimitBanner.Root feature="seats">
      <LimitBanner.Text asChild>
        <strong style={{ flex: '1 1 16rem' }} />
      </LimitBanner.Text>
      <LimitBanner.Action asChild>
        <a href="#pricing">See the plans</a>
      </LimitBanner.Action>
    </LimitBanner.Root>
  ),
  play: async ({ canvas }) => {
    const banner = await canvas.findByRole('status')
    await expect(banner).toHaveAttribute('data-state', 'exceeded')
    await expect(canvas.getByRole('link', { name: 'See the plans' })).toHaveAccessibleDescription(
      /You have reached your Seats limit/,
    )
  },
}
