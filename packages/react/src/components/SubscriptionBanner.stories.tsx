import type { SubscriptionInfo } from '@entitle/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn } from 'storybook/test'
import { createTestSnapshot } from '../testing/snapshots.js'
import { SubscriptionBanner } from './SubscriptionBanner.js'

const NOW = Date.parse('2026-11-21T10:00:00.000Z')
const withSubscription = (plan: string, subscription: SubscriptionInfo) => ({
  entitle: { snapshot: { ...createTestSnapshot({ plan, now: NOW }), subscription } },
})
const active = { status: 'active', currentPeriodEnd: '2026-12-01T00:00:00.000Z', graceEndsAt: null } as const
const downgrade = withSubscription('premium', {
  ...active,
  scheduledChange: { at: '2026-12-01T00:00:00.000Z', plan: { id: 'basic', name: 'Basic' }, addons: [] },
})
const pastDue = withSubscription('premium', {
  ...active,
  status: 'past_due',
  graceEndsAt: '2026-11-28T10:00:00.000Z',
  scheduledChange: null,
})

const meta = {
  title: 'Components/SubscriptionBanner',
  component: SubscriptionBanner,
  args: { style: { maxInlineSize: '46rem' } },
  parameters: downgrade,
} satisfies Meta<typeof SubscriptionBanner>

export default meta
type Story = StoryObj<typeof meta>

/** A downgrade scheduled for the end of the billing period: what changes when; "Keep Premium" cancels it. */
export const ScheduledDowngrade: Story = {
  args: { onKeepPlan: fn(async () => {}) },
  play: async ({ canvas, userEvent, args }) => {
    const banner = await canvas.findByRole('status')
    await expect(banner).toHaveTextContent('Your plan changes from Premium to Basic on Dec 1, 2026.')
    await expect(banner).toHaveAttribute('data-state', 'scheduled-change')
    await userEvent.click(canvas.getByRole('button', { name: 'Keep Premium' }))
    await expect(args.onKeepPlan).toHaveBeenCalled()
  },
}

/** Scheduled downgrade, dark theme. */
export const ScheduledDowngradeDark: Story = {
  ...ScheduledDowngrade,
  parameters: { ...downgrade, theme: 'dark' },
}

/** Scheduled downgrade, right to left (strings and the date in Hebrew). */
export const ScheduledDowngradeRightToLeft: Story = {
  args: {
    locale: 'he-IL',
    messages: {
      scheduledChange: (date, from, to) => `התוכנית תשתנה מ-${from} ל-${to} ב-${date}.`,
      keepPlan: (plan) => `השארת ${plan}`,
    },
  },
  parameters: { ...downgrade, dir: 'rtl', lang: 'he' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'השארת Premium' })).toBeVisible()
  },
}

/** The subscription ends at the end of the period (cancelled). */
export const Ending: Story = {
  parameters: withSubscription('premium', {
    ...active,
    scheduledChange: { at: '2026-12-01T00:00:00.000Z', plan: null, addons: [] },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent(
      'Your Premium subscription ends on Dec 1, 2026.',
    )
  },
}

/** A failed payment, in its grace period: "Update your payment method by …", a link to the billing portal. */
export const PastDue: Story = {
  args: { updatePaymentUrl: 'https://billing.example/portal' },
  parameters: pastDue,
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Your last payment failed. Update your payment method by Nov 28, 2026 to keep Premium.',
    )
    await expect(canvas.getByRole('link', { name: 'Update payment method' })).toBeVisible()
  },
}

/** Past due, dark theme. */
export const PastDueDark: Story = { ...PastDue, parameters: { ...pastDue, theme: 'dark' } }

/** Past due, right to left. */
export const PastDueRightToLeft: Story = {
  args: {
    onUpdatePayment: fn(),
    locale: 'he-IL',
    messages: {
      pastDue: (date, plan) => `התשלום האחרון נכשל. עדכנו את אמצעי התשלום עד ${date} כדי לשמור על ${plan}.`,
      updatePayment: 'עדכון אמצעי תשלום',
    },
  },
  parameters: { ...pastDue, dir: 'rtl', lang: 'he' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'עדכון אמצעי תשלום' })).toBeVisible()
  },
}

/** The grace period is over: the plan's entitlements are gone until the payment is fixed. */
export const Unpaid: Story = {
  args: { onUpdatePayment: fn() },
  parameters: withSubscription('basic', {
    ...active,
    status: 'unpaid',
    graceEndsAt: '2026-11-20T10:00:00.000Z',
    scheduledChange: null,
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Your payment is overdue')
  },
}

/** A member who may not manage billing sees the news, without the billing actions. */
export const MemberView: Story = {
  args: { updatePaymentUrl: 'https://billing.example/portal' },
  parameters: { entitle: { ...pastDue.entitle, canManageBilling: () => false } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('alert')).toBeVisible()
    await expect(canvas.queryByRole('link')).toBeNull()
  },
}
