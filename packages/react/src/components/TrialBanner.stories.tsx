import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { createTestSnapshot } from '../testing/snapshots.js'
import { PaywallDialog } from './PaywallDialog.js'
import { TrialBanner } from './TrialBanner.js'

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000 + 3_600_000).toISOString()

const meta = {
  title: 'Components/TrialBanner',
  component: TrialBanner,
  parameters: { entitle: { scenario: 'trial-expiring' } },
} satisfies Meta<typeof TrialBanner>

export default meta
type Story = StoryObj<typeof meta>

/** Ten days left: a calm reminder. */
export const Active: Story = {
  parameters: { entitle: { snapshot: createTestSnapshot({ plan: 'enterprise', trialEndsAt: inDays(10) }) } },
  play: async ({ canvas }) => {
    const banner = await canvas.findByRole('status')
    await expect(banner).toHaveAttribute('data-state', 'active')
    await expect(banner).toHaveTextContent('Your trial ends in 10 days.')
  },
}

/** Two days left: the `ending` state. */
export const Ending: Story = {
  play: async ({ canvas }) => {
    const banner = await canvas.findByRole('status')
    await expect(banner).toHaveAttribute('data-state', 'ending')
    await expect(banner).toHaveTextContent('Your trial ends in 2 days.')
  },
}

/** The trial is over: the call to action opens the paywall for what the trial had. */
export const Ended: Story = {
  parameters: { entitle: { scenario: 'trial-expired' } },
  render: (args) => (
    <>
      <TrialBanner {...args} />
      <PaywallDialog />
    </>
  ),
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Your trial has ended.')
    await userEvent.click(canvas.getByRole('button', { name: 'Upgrade' }))
    await expect(
      await canvas.findByRole('dialog', { name: 'Your trial of AI assistant has ended' }),
    ).toHaveAttribute('open')
  },
}

/** No trial: nothing rendered. */
export const NoTrial: Story = {
  parameters: { entitle: { scenario: 'over-hard-limit' } },
  render: (args) => (
    <>
      <TrialBanner {...args} />
      <p>(No banner: no trial.)</p>
    </>
  ),
  play: async ({ canvas }) => {
    await canvas.findByText(/No banner/)
    await expect(canvas.queryByRole('status')).toBeNull()
  },
}

/** French, with the relative time from Intl.RelativeTimeFormat ("après-demain": in two days). */
export const Localized: Story = {
  args: {
    locale: 'fr-FR',
    messages: { trialEnds: (relative) => `Votre essai se termine ${relative}.`, upgrade: 'Passer à l’offre' },
  },
  parameters: { lang: 'fr' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Votre essai se termine après-demain.')
  },
}

/** Right to left. */
export const RightToLeft: Story = {
  args: {
    locale: 'ar',
    messages: { trialEnds: (relative) => `تنتهي فترتك التجريبية ${relative}.`, upgrade: 'ترقية' },
  },
  parameters: { dir: 'rtl', lang: 'ar' },
}

/** Dark theme. */
export const Dark: Story = {
  parameters: { theme: 'dark' },
}

/** Long text wraps in a narrow column. */
export const LongText: Story = {
  args: {
    style: { maxInlineSize: '20rem' },
    messages: {
      trialEnds: (relative) =>
        `Your fourteen-day Enterprise trial, including the AI assistant and ninety days of log retention, ends ${relative}. Choose a plan to keep everything.`,
    },
  },
}

/** The parts: your own action element. */
export const Parts: Story = {
  parameters: { entitle: { scenario: 'trial-expiring' } },
  render: () => (
    <TrialBanner.Root>
      <TrialBanner.Text />
      <TrialBanner.Action data-variant="secondary">Choose a plan</TrialBanner.Action>
    </TrialBanner.Root>
  ),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Choose a plan' })).toBeVisible()
    await expect(canvas.getByRole('status')).toHaveAttribute('data-state', 'ending')
  },
}
