// The dialog's keyboard behaviour with a REAL keyboard (Playwright through vitest's browser mode):
// Escape and Tab are browser defaults that scripted key events (jsdom, storybook's userEvent) cannot trigger.
import { render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { PaywallDialog } from '../../src/components/PaywallDialog.js'
import { TestEntitlementsProvider } from '../../src/testing/index.js'
import { usePaywall } from '../../src/usePaywall.js'

function Page() {
  const paywall = usePaywall()
  return (
    <>
      <a href="#before">Before</a>
      <button type="button" onClick={() => paywall.open({ feature: 'seats' })}>
        Invite a teammate
      </button>
      <a href="#after">After</a>
      <PaywallDialog onUpgrade={() => new Promise(() => {})} />
    </>
  )
}

function renderPage() {
  render(
    <TestEntitlementsProvider scenario="over-hard-limit">
      <Page />
    </TestEntitlementsProvider>,
  )
  return screen.getByRole('button', { name: 'Invite a teammate' })
}

describe('PaywallDialog with a real keyboard', () => {
  it('opens with Enter, keeps Tab inside, closes with Escape and gives focus back to the opener', async () => {
    const opener = renderPage()
    opener.focus()
    await userEvent.keyboard('{Enter}')
    const dialog = await screen.findByRole('dialog', { name: 'You have reached your Seats limit' })
    expect(dialog.matches(':modal')).toBe(true)
    await screen.findByRole('button', { name: 'Upgrade to Premium' })

    const outside = [opener, screen.getByText('Before'), screen.getByText('After')]
    const visited = new Set<Element>()
    for (let i = 0; i < 12; i++) {
      await userEvent.keyboard('{Tab}')
      const active = document.activeElement
      // Focus may leave the document for the browser's own UI, never for the page behind the modal.
      expect(outside).not.toContain(active)
      if (active && dialog.contains(active)) visited.add(active)
    }
    expect(visited.size).toBeGreaterThanOrEqual(3) // close button and the offers' buttons

    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect((dialog as HTMLDialogElement).open).toBe(false)
    expect(opener).toHaveFocus()
  })

  it('Escape also closes it while an upgrade is pending, and the store knows it is closed', async () => {
    const opener = renderPage()
    await userEvent.click(opener)
    await userEvent.click(await screen.findByRole('button', { name: 'Upgrade to Premium' }))
    await screen.findByRole('button', { name: 'Upgrading…' })
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    // Opening again works: the store was told the dialog closed.
    await userEvent.click(opener)
    expect(await screen.findByRole('dialog')).toHaveAttribute('open')
  })
})
