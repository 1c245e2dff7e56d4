import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { longTextCatalog, yearlyCatalog } from '../../../test/catalogs.js'
import { createTestSnapshot } from '../../testing/snapshots.js'
import { PricingTable } from './PricingTable.js'

/**
 * A plans page from the catalog. Cards while the table's own width is under 48rem, a feature matrix
 * above (a container query, so it adapts to the column it is put in, not to the window).
 */
const meta = {
  title: 'Components/PricingTable',
  component: PricingTable,
  args: { onSelectPlan: fn(), onStartTrial: fn(), onContactSales: fn() },
  argTypes: {
    feature: {
      control: 'select',
      options: [undefined, 'ai-assistant', 'api-access', 'seats', 'retention-days'],
    },
    defaultInterval: { control: 'inline-radio', options: [undefined, 'month', 'year'] },
    headingLevel: { control: 'inline-radio', options: [2, 3, 4, 5] },
  },
  parameters: { entitle: { scenario: 'over-hard-limit' } },
} satisfies Meta<typeof PricingTable>

export default meta
type Story = StoryObj<typeof meta>

const matrix = async (canvasElement: HTMLElement) =>
  within(await within(canvasElement).findByRole('table', { name: 'Plans' }))

/** Acme on Basic: the feature matrix, Basic marked as the current plan. */
export const CurrentPlan: Story = {
  play: async ({ canvasElement }) => {
    const table = await matrix(canvasElement)
    await expect(table.getByRole('columnheader', { name: /Basic/ })).toHaveTextContent('Current plan')
    await expect(table.getByRole('button', { name: 'Upgrade to Premium' })).toBeVisible()
  },
}

/** Opened from a locked feature (`feature="ai-assistant"`): the plan that unlocks it and its row stand out. */
export const HighlightsTheUnlockingPlan: Story = {
  args: { feature: 'ai-assistant' },
  play: async ({ canvasElement }) => {
    const table = await matrix(canvasElement)
    await expect(table.getByRole('columnheader', { name: /Enterprise/ })).toHaveAttribute('data-highlighted')
    await expect(table.getByText('Unlocks AI assistant')).toBeVisible()
  },
}

/** Premium customer asking for the AI assistant: the add-on ($19) unlocks it, cheaper than Enterprise. */
export const AddonUnlocks: Story = {
  args: { feature: 'ai-assistant' },
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  play: async ({ canvas }) => {
    const addons = within(await canvas.findByRole('region', { name: 'Add-ons' }))
    await expect(addons.getByRole('button', { name: 'Add AI assistant' })).toBeVisible()
  },
}

/** Plans billed monthly and yearly: the switch, here on yearly, with the saving. */
export const Yearly: Story = {
  args: { defaultInterval: 'year' },
  parameters: {
    entitle: {
      catalog: yearlyCatalog,
      snapshot: createTestSnapshot({ catalog: yearlyCatalog, plan: 'basic' }),
    },
  },
  play: async ({ canvasElement, canvas }) => {
    await expect(await canvas.findByRole('radio', { name: 'Yearly' })).toBeChecked()
    const table = await matrix(canvasElement)
    await expect(table.getByRole('columnheader', { name: /Premium/ })).toHaveTextContent('$490.00 / year')
    await expect(table.getAllByText('Save 17%')).toHaveLength(2)
  },
}

/** The monthly / yearly switch, operated with the keyboard. */
export const IntervalSwitch: Story = {
  parameters: Yearly.parameters,
  play: async ({ canvasElement, canvas }) => {
    const monthly = await canvas.findByRole('radio', { name: 'Monthly' })
    await expect(monthly).toBeChecked()
    monthly.focus()
    await userEvent.keyboard('{ArrowRight}')
    await expect(canvas.getByRole('radio', { name: 'Yearly' })).toBeChecked()
    const table = await matrix(canvasElement)
    await expect(table.getByRole('columnheader', { name: /Enterprise/ })).toHaveTextContent(
      '$2,990.00 / year',
    )
  },
}

/** A sales-led plan ("Scale", no price): "Contact us", and a "Contact sales" link instead of an upgrade. */
export const ContactSales: Story = {
  parameters: Yearly.parameters,
  play: async ({ canvasElement }) => {
    const table = await matrix(canvasElement)
    const scale = table.getByRole('columnheader', { name: /Scale/ })
    await expect(scale).toHaveTextContent('Contact us')
    await expect(within(scale).getByRole('link', { name: 'Contact sales' })).toHaveAttribute(
      'href',
      'mailto:sales@logpilot.example',
    )
  },
}

/** On Premium: Basic is a switch down, Enterprise an upgrade with a free trial. */
export const OnPremium: Story = {
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  play: async ({ canvasElement }) => {
    const table = await matrix(canvasElement)
    await expect(table.getByRole('button', { name: 'Switch to Basic' })).toBeVisible()
    await expect(table.getByRole('button', { name: 'Start 14-day free trial' })).toBeVisible()
  },
}

/** During a trial no second trial is offered. */
export const DuringATrial: Story = {
  parameters: { entitle: { scenario: 'trial-expiring' } },
  play: async ({ canvasElement }) => {
    const table = await matrix(canvasElement)
    await expect(table.queryByRole('button', { name: /free trial/ })).toBeNull()
  },
}

/** A narrow column: one card per plan, the same buttons. */
export const Cards: Story = {
  args: { feature: 'seats', style: { maxInlineSize: '26rem' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: 'Premium', level: 3 })).toBeVisible()
    await expect(canvas.queryByRole('table')).toBeNull() // hidden at this width
  },
}

/** No catalog yet. */
export const Loading: Story = {
  parameters: { entitle: { scenario: 'loading' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Loading plans…')).toBeVisible()
  },
}

/** The service is unreachable: no plans to show, said plainly. */
export const Outage: Story = {
  parameters: { entitle: { scenario: 'outage' } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/Plans cannot be loaded right now/)).toBeVisible()
  },
}

/** Dark theme. */
export const Dark: Story = {
  args: { feature: 'ai-assistant' },
  parameters: { theme: 'dark' },
  play: CurrentPlan.play,
}

/** Right to left (Arabic page): the layout mirrors. */
export const RightToLeft: Story = {
  args: { locale: 'ar-EG', feature: 'api-access' },
  parameters: { dir: 'rtl', lang: 'ar' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('table', { name: 'Plans' })).toBeVisible()
  },
}

/** Long plan and feature names wrap; nothing overflows. */
export const LongText: Story = {
  parameters: {
    entitle: {
      catalog: longTextCatalog,
      snapshot: createTestSnapshot({ catalog: longTextCatalog, plan: 'basic' }),
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('table', { name: 'Plans' })).toBeVisible()
  },
}
