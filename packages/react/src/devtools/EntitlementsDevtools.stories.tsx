import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Gate } from '../components/Gate.js'
import { UsageMeter } from '../components/UsageMeter.js'
import DevtoolsPanel from './DevtoolsPanel.js'
import { EntitlementsDevtools } from './EntitlementsDevtools.js'

/**
 * The entitlements devtools (`@entitle/react/devtools`): a floating panel, loaded lazily, absent from
 * production builds. Overrides apply in development only and stay in this tab (sessionStorage).
 * (The stories render the panel itself, so that a production build of this Storybook shows it too;
 * there, overrides do not apply, and the panel says so.)
 */
const meta = {
  title: 'Devtools/EntitlementsDevtools',
  component: EntitlementsDevtools,
  args: { initialIsOpen: true, position: 'bottom-left' },
  argTypes: {
    position: { control: 'inline-radio', options: ['bottom-left', 'bottom-right', 'top-left', 'top-right'] },
  },
  parameters: { entitle: { scenario: 'over-soft-limit' } },
  render: (args) => <DevtoolsPanel {...args} />,
  decorators: [
    (Story) => {
      sessionStorage.removeItem('entitle:devtools:v1')
      return (
        <div style={{ minBlockSize: '40rem' }}>
          <Gate feature="ai-assistant" fallback={<p>The AI assistant is locked.</p>}>
            <p>The AI assistant is open.</p>
          </Gate>
          <UsageMeter feature="seats" style={{ maxInlineSize: '24rem' }} />
          <Story />
        </div>
      )
    },
  ],
} satisfies Meta<typeof EntitlementsDevtools>

export default meta
type Story = StoryObj<typeof meta>

const panel = async (canvasElement: HTMLElement) =>
  within(await within(canvasElement).findByRole('region', { name: 'Entitlements devtools' }))

/** Closed: a button in the corner. */
export const Closed: Story = {
  args: { initialIsOpen: false },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Entitlements' })).toHaveAttribute(
      'aria-expanded',
      'false',
    )
  },
}

/** Open: the snapshot, every decision and its reason, the live status, the event log. */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    const p = await panel(canvasElement)
    await expect(p.getByText('Premium')).toBeVisible()
    await expect(p.getByRole('table')).toBeVisible()
  },
}

/** Overrides on: the AI assistant denied and seats at their limit, here and in the app around it. */
export const OverridesOn: Story = {
  play: async ({ canvasElement, canvas }) => {
    const p = await panel(canvasElement)
    await userEvent.selectOptions(p.getByRole('combobox', { name: 'Override AI assistant' }), 'granted')
    await userEvent.selectOptions(p.getByRole('combobox', { name: 'Override Seats' }), 'at-limit')
    await expect(await canvas.findByText('The AI assistant is open.')).toBeVisible()
    await expect(await canvas.findByText('Limit reached')).toBeVisible()
    await expect(p.getAllByText('overridden')).toHaveLength(2)
  },
}

/** A test scenario applied as overrides. */
export const Scenario: Story = {
  play: async ({ canvasElement, canvas }) => {
    const p = await panel(canvasElement)
    await userEvent.selectOptions(p.getByRole('combobox', { name: 'Scenario' }), 'over-hard-limit')
    await waitFor(() =>
      expect(canvas.getByRole('meter', { name: 'Seats' })).toHaveAttribute('aria-valuetext', '3 of 3 seats'),
    )
  },
}

/** Dark theme. */
export const Dark: Story = { parameters: { theme: 'dark' }, play: Open.play }

/** Right to left: the panel sits in the inline-start corner and mirrors. */
export const RightToLeft: Story = { parameters: { dir: 'rtl', lang: 'ar' }, play: Open.play }
