import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, within } from 'storybook/test'
import { longTextCatalog } from '../../../test/catalogs.js'
import { createTestSnapshot } from '../../testing/snapshots.js'
import { AddonOverview } from './AddonOverview.js'
import { CustomerPortal } from './CustomerPortal.js'
import { EntitlementSources } from './EntitlementSources.js'
import { SubscriptionSummary } from './SubscriptionSummary.js'
import { UsageOverview } from './UsageOverview.js'

const DAY = 86_400_000
const now = Date.now()
const iso = (ms: number) => new Date(ms).toISOString()
const periodEnd = iso(now + 10 * DAY)

/** Globex-like: Premium with +5 seats, over its API allowance, the assistant on a promotion. */
const globex = {
  ...createTestSnapshot({
    plan: 'premium',
    addons: ['extra-seats'],
    usage: { seats: 7, 'api-calls': 52_300 },
    entitlements: {
      'ai-assistant': { kind: 'boolean', source: 'promotion', expiresAt: iso(now + 10 * DAY) },
    },
    now,
  }),
  subscription: {
    status: 'active' as const,
    currentPeriodEnd: periodEnd,
    graceEndsAt: null,
    scheduledChange: null,
  },
}

/**
 * Where the customer stands: plan and price, renewal, trial and scheduled-change dates, every meter
 * with its reset, add-ons owned and available, where each entitlement comes from. Each section is a
 * component of its own.
 */
const meta = {
  title: 'Components/CustomerPortal',
  component: CustomerPortal,
  args: { onChangePlan: fn(), style: { maxInlineSize: '60rem' } },
} satisfies Meta<typeof CustomerPortal>

export default meta
type Story = StoryObj<typeof meta>

/** Premium, renewing in 10 days, with an add-on and a promotion. */
export const Active: Story = {
  parameters: { entitle: { snapshot: globex } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/Renews on/)).toBeVisible()
    await expect(await canvas.findByRole('meter', { name: 'API calls' })).toBeVisible()
    await expect(canvas.getByText('Promotion')).toBeVisible()
  },
}

/** An Enterprise trial ending in 2 days. */
export const Trial: Story = {
  parameters: { entitle: { scenario: 'trial-expiring' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/Trial until/)).toBeVisible()
  },
}

/** A downgrade to Basic at the end of the period, with "Keep Premium". */
export const ScheduledChange: Story = {
  parameters: {
    entitle: {
      snapshot: {
        ...globex,
        subscription: {
          ...globex.subscription,
          scheduledChange: { at: periodEnd, plan: { id: 'basic', name: 'Basic' }, addons: [] },
        },
      },
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Keep Premium' })).toBeVisible()
  },
}

/** A failed payment in its grace period. */
export const PastDue: Story = {
  args: { updatePaymentUrl: 'https://billing.example/portal' },
  parameters: {
    entitle: {
      snapshot: {
        ...globex,
        subscription: { ...globex.subscription, status: 'past_due', graceEndsAt: iso(now + 5 * DAY) },
      },
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Payment overdue')).toBeVisible()
    await expect(canvas.getByRole('link', { name: 'Update payment method' })).toBeVisible()
  },
}

/** Basic, at its seat limit: no add-on is sold with it. */
export const OnBasic: Story = {
  parameters: { entitle: { scenario: 'over-hard-limit' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Limit reached')).toBeVisible()
  },
}

/** No data yet. */
export const Loading: Story = {
  parameters: { entitle: { scenario: 'loading' } },
  play: async ({ canvas }) => {
    await expect((await canvas.findAllByText('Loading…')).length).toBeGreaterThan(0)
  },
}

/** Dark theme. */
export const Dark: Story = { parameters: { ...Active.parameters, theme: 'dark' }, play: Active.play }

/** Right to left, in Arabic numbering. */
export const RightToLeft: Story = {
  args: { locale: 'ar-EG' },
  parameters: { ...Active.parameters, dir: 'rtl', lang: 'ar' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('region', { name: 'Usage' })).toBeVisible()
  },
}

/** The sections alone: each is a component. */
export const SectionsAlone: Story = {
  parameters: Active.parameters,
  render: () => (
    <div
      style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(auto-fit, minmax(20rem, 1fr))' }}
    >
      <SubscriptionSummary />
      <UsageOverview />
      <AddonOverview />
      <EntitlementSources />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('region', { name: 'What your plan includes' })).toBeVisible()
  },
}

/** Long plan and feature names wrap; nothing overflows. */
export const LongText: Story = {
  parameters: {
    entitle: {
      catalog: longTextCatalog,
      snapshot: createTestSnapshot({ catalog: longTextCatalog, plan: 'premium', usage: { seats: 4 }, now }),
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Premium Professional Unlimited Edition')).toBeVisible()
  },
}
