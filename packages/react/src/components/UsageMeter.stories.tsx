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

/**
 * 52,300 of 50,000 API calls: over a SOFT limit, so the calls keep working. Its own state
 * (`over-soft-limit`), the warning colour, an arrow past a line and words that say so, never the hard
 * stop's. aria-valuenow stays within its range; the value text tells the truth.
 */
export const SoftLimitExceeded: Story = {
  args: { feature: 'api-calls' },
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  play: async ({ canvas }) => {
    const meter = await canvas.findByRole('meter', { name: 'API calls' })
    await expect(meter).toHaveAttribute('aria-valuenow', '50000')
    await expect(meter).toHaveAttribute('aria-valuetext', '52,300 of 50,000 calls')
    await expect(meter.closest('[data-state]')).toHaveAttribute('data-state', 'over-soft-limit')
    await expect(canvas.getByText(/Over your allowance, still working/)).toBeVisible()
    await expect(canvas.queryByText(/Limit reached|Over the limit/)).toBeNull()
  },
}

/** 5 of 3 seats (e.g. after a downgrade): past a HARD limit. The stop styling, "Over the limit". */
export const OverHardLimit: Story = {
  parameters: { entitle: { snapshot: createTestSnapshot({ plan: 'basic', usage: { seats: 5 } }) } },
  play: async ({ canvas }) => {
    const meter = await canvas.findByRole('meter', { name: 'Seats' })
    await expect(meter.closest('[data-state]')).toHaveAttribute('data-state', 'exceeded')
    await expect(canvas.getByText('Over the limit')).toBeVisible()
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

/**
 * The service is down and nothing is cached, and the app's fallback for seats is `limit: 0`. That is
 * a guess, not the customer's plan: no "0 of 0", no "Limit reached", just `unavailable`.
 */
export const OutageFallback: Story = {
  parameters: { entitle: { scenario: 'outage', fallback: { seats: { kind: 'metered', limit: 0 } } } },
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByText('Usage is unavailable right now')).toBeVisible()
    await expect(canvasElement.querySelector('.entitle-meter')).toHaveAttribute('data-state', 'unavailable')
    await expect(canvas.queryByRole('meter')).toBeNull()
    await expect(canvas.queryByText(/Limit reached|0 of 0/)).toBeNull()
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
      meterOverSoftLimit: 'Über dem Kontingent, läuft weiter',
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

/** Dark theme: over a soft limit (still working) beside a meter within its limit. */
export const DarkSoftLimit: Story = {
  parameters: { entitle: { scenario: 'over-soft-limit' }, theme: 'dark' },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1.5rem', maxInlineSize: '28rem' }}>
      <UsageMeter {...args} feature="api-calls" />
      <UsageMeter {...args} feature="seats" />
    </div>
  ),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/Over your allowance, still working/)).toBeVisible()
  },
}

/** Dark theme, during an outage with a fallback: unavailable. */
export const DarkOutageFallback: Story = {
  ...OutageFallback,
  parameters: { ...OutageFallback.parameters, theme: 'dark' },
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

/**
 * The parts, in your own markup: `UsageMeter.Root asChild` renders your card, `Label asChild` your
 * heading (which names the meter), `Track` and `Indicator` the bar, `Status` the status line.
 */
export const Parts: Story = {
  render: () => (
    <UsageMeter.Root feature="seats" asChild>
      <article
        style={{
          display: 'grid',
          gap: '0.5rem',
          maxInlineSize: '22rem',
          padding: '1rem',
          border: '1px solid var(--entitle-border)',
          borderRadius: '1rem',
        }}
      >
        <UsageMeter.Label asChild>
          {/* biome-ignore lint/a11y/useHeadingContent: the label part fills it in */}
          <h3 style={{ margin: 0 }} />
        </UsageMeter.Label>
        <UsageMeter.Track style={{ blockSize: '0.75rem' }}>
          <UsageMeter.Indicator />
        </UsageMeter.Track>
        <UsageMeter.Value style={{ fontSize: '1.5rem', fontWeight: 700 }} />
        <UsageMeter.Status />
      </article>
    </UsageMeter.Root>
  ),
  play: async ({ canvas }) => {
    const meter = await canvas.findByRole('meter', { name: 'Seats' })
    await expect(canvas.getByRole('heading', { name: 'Seats' })).toBeVisible()
    await expect(meter.closest('article')).toHaveAttribute('data-state', 'exceeded')
    await expect(meter).toHaveAccessibleDescription('Limit reached')
  },
}

/** Parts in a dark theme, right to left. */
export const PartsDarkRightToLeft: Story = {
  ...Parts,
  parameters: { theme: 'dark', dir: 'rtl', lang: 'ar' },
}
