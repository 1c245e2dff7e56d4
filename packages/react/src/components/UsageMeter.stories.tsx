import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { createTestSnapshot } from '../testing/snapshots.js'
import { EntitlementsMessagesProvider } from './i18n.js'
import { UsageMeter } from './UsageMeter.js'

const meta = {
  title: 'Components/UsageMeter',
  component: UsageMeter,
  args: { feature: 'seats', style: { maxInlineSize: '28rem' } },
  parameters: { entitle: { scenario: 'over-hard-limit' } },
} satisfies Meta<typeof UsageMeter>

export default meta
type Story = StoryObj<typeof meta>

/** Premium, 7 of 10 seats: comfortably within the limit. */
export const Normal: Story = {
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  play: async ({ canvas }) => {
    const meter = await canvas.findByRole('meter', { name: 'Seats' })
    await expect(meter).toHaveAttribute('aria-valuenow', '7')
    await expect(meter).toHaveAttribute('aria-valuemax', '10')
    await expect(meter).toHaveAttribute('aria-valuetext', '7 of 10 seats')
    await expect(meter.closest('[data-state]')).toHaveAttribute('data-state', 'normal')
  },
}

/** 950 of 1,000 API calls this month: from 80 % the meter warns, in words and with an icon. */
export const Warning: Story = {
  args: { feature: 'api-calls' },
  play: async ({ canvas }) => {
    const meter = await canvas.findByRole('meter', { name: 'API calls' })
    await expect(meter).toHaveAttribute('aria-valuetext', '950 of 1,000 calls')
    await expect(canvas.getByText(/Almost at the limit/)).toBeVisible()
    await expect(canvas.getByText(/Resets (in \d+ days|tomorrow)/)).toBeVisible()
  },
}

/** Basic, 3 of 3 seats: a hard limit reached, the next invite is refused. */
export const HardLimitReached: Story = {
  play: async ({ canvas }) => {
    const meter = await canvas.findByRole('meter', { name: 'Seats' })
    await expect(meter).toHaveAttribute('aria-valuetext', '3 of 3 seats')
    await expect(canvas.getByText('Limit reached')).toBeVisible()
  },
}

/** 52,300 of 50,000 API calls: over a soft limit (still allowed). aria-valuenow stays within its range. */
export const SoftLimitExceeded: Story = {
  args: { feature: 'api-calls' },
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  play: async ({ canvas }) => {
    const meter = await canvas.findByRole('meter', { name: 'API calls' })
    await expect(meter).toHaveAttribute('aria-valuenow', '50000')
    await expect(meter).toHaveAttribute('aria-valuetext', '52,300 of 50,000 calls')
    await expect(canvas.getByText(/Over the limit/)).toBeVisible()
  },
}

/** Enterprise: unlimited seats. No meter role (there is nothing to measure against); the text says so. */
export const Unlimited: Story = {
  parameters: { entitle: { scenario: 'granted-all' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('12 seats used')).toBeVisible()
    await expect(canvas.getByText('Unlimited')).toBeVisible()
    await expect(canvas.queryByRole('meter')).toBeNull()
  },
}

/** The plan has no seats at all. */
export const NotEntitled: Story = {
  parameters: {
    entitle: { snapshot: createTestSnapshot({ plan: 'basic', entitlements: { seats: null } }) },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Not included in your plan')).toBeVisible()
  },
}

/** The Enterprise trial: unlimited while it lasts. */
export const Trial: Story = {
  args: { feature: 'api-calls' },
  parameters: { entitle: { scenario: 'trial-expiring' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('2,000 calls used')).toBeVisible()
  },
}

/** No data yet. */
export const Loading: Story = {
  parameters: { entitle: { scenario: 'loading' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Loading…')).toBeVisible()
  },
}

/** The service is down and nothing is cached: whatever the fallback decides, the meter says the numbers are unavailable. */
export const OutageFallback: Story = {
  args: { feature: 'api-calls' },
  parameters: { entitle: { scenario: 'outage' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/unavailable|out of date|Not included/)).toBeVisible()
  },
}

/** A long label and big numbers in a narrow column wrap instead of overflowing. */
export const LongText: Story = {
  args: {
    feature: 'api-calls',
    label: 'Authenticated API calls across every workspace, region and integration (including webhooks)',
    style: { maxInlineSize: '16rem' },
  },
  parameters: { entitle: { scenario: 'over-soft-limit' } },
}

/** Right to left, in Arabic: the bar fills from the right, numbers and plurals follow the locale. */
export const RightToLeft: Story = {
  args: { feature: 'api-calls', label: 'طلبات API' },
  parameters: { entitle: { scenario: 'over-hard-limit' }, dir: 'rtl', lang: 'ar' },
  render: (args) => (
    <EntitlementsMessagesProvider
      locale="ar-EG"
      messages={{
        unit: (_unit, category) => (category === 'one' ? 'طلب' : 'طلبات'),
        usage: ({ usage, limit, unit }) => `${usage} من ${limit} ${unit}`,
        meterWarning: 'اقتربت من الحد',
        resets: (relative) => `يُعاد التعيين ${relative}`,
      }}
    >
      <UsageMeter {...args} />
    </EntitlementsMessagesProvider>
  ),
  play: async ({ canvas }) => {
    const meter = await canvas.findByRole('meter', { name: 'طلبات API' })
    await waitFor(() => expect(meter).toHaveAttribute('aria-valuetext', '٩٥٠ من ١٬٠٠٠ طلبات'))
  },
}

/** German number formatting and words, through the `locale` and `messages` props. */
export const Localized: Story = {
  args: {
    feature: 'api-calls',
    label: 'API-Aufrufe',
    locale: 'de-DE',
    messages: {
      unit: (_unit, category) => (category === 'one' ? 'Aufruf' : 'Aufrufe'),
      usage: ({ usage, limit, unit }) => `${usage} von ${limit} ${unit}`,
      meterOverLimit: 'Über dem Limit',
      resets: (relative) => `Zurückgesetzt ${relative}`,
    },
  },
  parameters: { entitle: { scenario: 'over-soft-limit' }, lang: 'de' },
  play: async ({ canvas }) => {
    const meter = await canvas.findByRole('meter', { name: 'API-Aufrufe' })
    await waitFor(() => expect(meter).toHaveAttribute('aria-valuetext', '52.300 von 50.000 Aufrufe'))
  },
}

/** Every state at once, in the dark theme. */
export const Dark: Story = {
  parameters: { entitle: { scenario: 'over-hard-limit' }, theme: 'dark' },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1.5rem', maxInlineSize: '28rem' }}>
      <UsageMeter {...args} feature="seats" />
      <UsageMeter {...args} feature="api-calls" />
      <UsageMeter {...args} feature="api-calls" label="API calls (warning from 50 %)" warnAt={0.5} />
    </div>
  ),
}

/** Headless: the render prop gets the numbers, texts and aria props; no markup or CSS of ours. */
export const Headless: Story = {
  args: {
    feature: 'seats',
    children: ({ label, valueText, meterProps, state }) => (
      <label style={{ display: 'grid', gap: 4 }}>
        <span>
          {label}: {valueText} ({state})
        </span>
        <progress value={meterProps?.['aria-valuenow']} max={meterProps?.['aria-valuemax']} />
      </label>
    ),
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Seats: 3 of 3 seats (exceeded)')).toBeVisible()
  },
}
