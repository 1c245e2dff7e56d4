import type { Meta, StoryObj } from '@storybook/react-vite'
import type { ReactNode } from 'react'
import { expect, waitFor } from 'storybook/test'
import { useEntitlements } from '../useEntitlements.js'
import { usePaywall } from '../usePaywall.js'
import { Gate } from './Gate.js'
import { EntitlementsMessagesProvider } from './i18n.js'
import { Paywall } from './Paywall.js'
import { PaywallDialog } from './PaywallDialog.js'

function App({ feature = 'ai-assistant', parts }: { feature?: string; parts?: ReactNode }) {
  const paywall = usePaywall()
  const { changePlan } = useEntitlements()
  return (
    <div style={{ display: 'grid', gap: '1rem', justifyItems: 'start' }}>
      <Gate
        feature={feature}
        fallback={
          <button type="button" onClick={() => paywall.open({ feature })}>
            Try the AI assistant
          </button>
        }
      >
        <p>AI assistant unlocked: ask anything about your logs.</p>
      </Gate>
      <a href="#docs">Read the docs</a>
      <PaywallDialog onUpgrade={(offer) => changePlan(offer.type === 'addon' ? offer.planId : offer.id)}>
        {parts}
      </PaywallDialog>
    </div>
  )
}

const meta = {
  title: 'Components/PaywallDialog',
  component: PaywallDialog,
  render: () => <App />,
  parameters: { entitle: { scenario: 'over-hard-limit' } },
} satisfies Meta<typeof PaywallDialog>

export default meta
type Story = StoryObj<typeof meta>

/** Closed until something calls `usePaywall().open(…)`. */
export const Closed: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Try the AI assistant' })).toBeVisible()
    await expect(canvas.queryByRole('dialog')).toBeNull()
  },
}

/** Opened from a button: a modal with the paywall; focus moves into it. */
export const Open: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Try the AI assistant' }))
    const dialog = await canvas.findByRole('dialog', { name: 'AI assistant is not included in your plan' })
    await expect(dialog).toHaveAttribute('open')
    await expect(dialog.contains(document.activeElement)).toBe(true)
  },
}

/**
 * Keyboard: Enter opens it as a real modal (the page behind is inert: nothing there takes focus);
 * closing it returns focus to the button that opened it. (Escape and Tab with a real keyboard are
 * tested in packages/react/test/browser/PaywallDialog.browser.tsx: scripted key events cannot trigger browser defaults.)
 */
export const KeyboardAndFocus: Story = {
  play: async ({ canvas, userEvent }) => {
    const opener = await canvas.findByRole('button', { name: 'Try the AI assistant' })
    opener.focus()
    await userEvent.keyboard('{Enter}')
    const dialog = await canvas.findByRole('dialog')
    await expect(dialog.matches(':modal')).toBe(true)
    await expect(dialog.contains(document.activeElement)).toBe(true)
    const behind = canvas.getByText('Read the docs')
    behind.focus()
    await expect(behind).not.toHaveFocus()
    await userEvent.click(canvas.getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull())
    await expect(opener).toHaveFocus()
  },
}

/** The close button closes it too. */
export const CloseButton: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Try the AI assistant' }))
    await userEvent.click(await canvas.findByRole('button', { name: 'Close' }))
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull())
  },
}

/** Upgrade from the dialog: it closes by itself and the gated content is there, no reload. */
export const UpgradeFlow: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Try the AI assistant' }))
    await userEvent.click(await canvas.findByRole('button', { name: 'Upgrade to Enterprise' }))
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull())
    await expect(await canvas.findByText(/AI assistant unlocked/)).toBeVisible()
  },
}

/** Dark theme (the dialog inherits `data-theme` from the page). */
export const Dark: Story = {
  parameters: { theme: 'dark' },
  play: Open.play,
}

/** Right to left, in Hebrew: the close button sits at the inline end, which is the left. */
export const RightToLeft: Story = {
  parameters: { dir: 'rtl', lang: 'he' },
  render: () => (
    <EntitlementsMessagesProvider
      locale="he-IL"
      messages={{
        paywallTitle: () => 'עוזר ה-AI אינו כלול בתוכנית שלך',
        paywallDescription: () => 'שדרגו כדי לפתוח את עוזר ה-AI.',
        upgradeTo: (name) => `שדרוג ל-${name}`,
        currentPlan: 'התוכנית הנוכחית',
        cheapest: 'המחיר הנמוך ביותר',
        includes: () => 'כולל את עוזר ה-AI',
        notIncluded: 'לא כלול',
        price: (amount) => `${amount} לחודש`,
        close: 'סגירה',
      }}
    >
      <App />
    </EntitlementsMessagesProvider>
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Try the AI assistant' }))
    await expect(
      await canvas.findByRole('dialog', { name: 'עוזר ה-AI אינו כלול בתוכנית שלך' }),
    ).toHaveAttribute('open')
    await expect(canvas.getByRole('button', { name: 'סגירה' })).toBeInTheDocument()
  },
}

/** The dialog's paywall in your own layout: its parts as children, one line per offer, no current plan card. */
export const WithParts: Story = {
  render: () => (
    <App
      parts={
        <>
          <Paywall.Title />
          <Paywall.Description />
          <Paywall.Offers style={{ gridTemplateColumns: '1fr' }}>
            {() => (
              <Paywall.Offer style={{ flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center' }}>
                <Paywall.OfferName style={{ flex: '1 1 10rem' }} />
                <Paywall.Price />
                <Paywall.UpgradeButton />
              </Paywall.Offer>
            )}
          </Paywall.Offers>
          <Paywall.Error />
          <Paywall.Status />
        </>
      }
    />
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Try the AI assistant' }))
    const dialog = await canvas.findByRole('dialog', { name: 'AI assistant is not included in your plan' })
    await expect(dialog).toHaveAttribute('open')
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Upgrade to Premium + AI assistant' })).toBeVisible(),
    )
    await expect(canvas.queryByText('Current plan')).toBeNull()
  },
}

/** The parts in the dialog, dark theme, right to left. */
export const WithPartsDarkRightToLeft: Story = {
  ...WithParts,
  parameters: { theme: 'dark', dir: 'rtl', lang: 'ar' },
}
