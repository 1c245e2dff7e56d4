// These run in jsdom as it is, with no polyfill: jsdom has no showModal()/close(), so the dialog takes
// its fallback (the `open` attribute, focus moved in, Tab kept inside, Escape closes), which is what
// every user's component test gets. The native path (focus containment, the inert page, a real
// keyboard) is tested in Chromium: packages/react/test/browser/PaywallDialog.browser.tsx and the stories.
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef, type Ref } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { TestEntitlementsProvider } from '../testing/index.js'
import { type UsePaywallResult, usePaywall } from '../usePaywall.js'
import { Paywall } from './Paywall.js'
import { PaywallDialog, type PaywallDialogProps } from './PaywallDialog.js'

let paywall: UsePaywallResult
// `dialogRef`, not `ref`: React 18 does not pass `ref` to a function component as a prop.
function Page({ dialogRef, ...props }: PaywallDialogProps & { dialogRef?: Ref<HTMLDialogElement> }) {
  paywall = usePaywall()
  return (
    <>
      <button type="button" onClick={() => paywall.open({ feature: 'seats', requested: 1 })}>
        Invite
      </button>
      <PaywallDialog ref={dialogRef} {...props} />
    </>
  )
}

function renderPage(props: PaywallDialogProps & { dialogRef?: Ref<HTMLDialogElement> } = {}) {
  return render(
    <TestEntitlementsProvider scenario="over-hard-limit">
      <Page {...props} />
    </TestEntitlementsProvider>,
  )
}

describe('PaywallDialog', () => {
  it('is closed and empty until usePaywall().open(); then it is a modal labelled by the paywall title', async () => {
    const user = userEvent.setup()
    const { container } = renderPage()
    const dialog = container.querySelector('dialog')
    expect(dialog).not.toHaveAttribute('open')
    expect(dialog).toBeEmptyDOMElement()
    expect(dialog).toHaveAttribute('data-state', 'closed')

    await user.click(screen.getByRole('button', { name: 'Invite' }))
    const open = await screen.findByRole('dialog', { name: 'You have reached your Seats limit' })
    expect(open).toHaveAttribute('data-state', 'open')
    expect(await screen.findByRole('button', { name: 'Upgrade to Premium' })).toBeInTheDocument()
  })

  it('works where showModal() is missing: focus moves in, Tab stays inside, Escape closes and focus returns', async () => {
    expect('showModal' in HTMLDialogElement.prototype).toBe(false) // jsdom as it is: no polyfill here
    const user = userEvent.setup()
    const onClose = vi.fn()
    renderPage({ onClose })
    const opener = screen.getByRole('button', { name: 'Invite' })
    await user.click(opener)
    const dialog = screen.getByRole('dialog', { name: 'You have reached your Seats limit' })
    expect(dialog).toHaveAttribute('open')
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus()

    await screen.findByRole('button', { name: 'Upgrade to Premium' })
    for (let i = 0; i < 8; i++) {
      await user.tab()
      expect(dialog).toContainElement(document.activeElement as HTMLElement)
    }
    await user.tab({ shift: true })
    expect(dialog).toContainElement(document.activeElement as HTMLElement)

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(dialog).not.toHaveAttribute('open')
    expect(paywall.isOpen).toBe(false)
    expect(opener).toHaveFocus()
    expect(onClose).toHaveBeenCalledOnce()

    // Closed, Escape is the page's again; opening once more works.
    await user.keyboard('{Escape}')
    expect(onClose).toHaveBeenCalledOnce()
    await user.click(opener)
    expect(screen.getByRole('dialog')).toHaveAttribute('open')
  })

  it('without showModal(), a cancel listener that calls preventDefault() keeps it open on Escape, as natively', async () => {
    const user = userEvent.setup()
    renderPage({ onCancel: (event) => event.preventDefault() })
    await user.click(screen.getByRole('button', { name: 'Invite' }))
    await user.keyboard('{Escape}')
    expect(screen.getByRole('dialog')).toHaveAttribute('open')
  })

  it('uses the native showModal() and close() where the browser has them', async () => {
    const proto = HTMLDialogElement.prototype as Partial<HTMLDialogElement>
    const showModal = vi.fn(function (this: HTMLDialogElement) {
      this.setAttribute('open', '')
    })
    const close = vi.fn(function (this: HTMLDialogElement) {
      this.removeAttribute('open')
      this.dispatchEvent(new Event('close'))
    })
    proto.showModal = showModal
    proto.close = close
    try {
      const user = userEvent.setup()
      renderPage()
      await user.click(screen.getByRole('button', { name: 'Invite' }))
      expect(showModal).toHaveBeenCalledOnce()
      await user.click(screen.getByRole('button', { name: 'Close' }))
      expect(close).toHaveBeenCalledOnce()
      expect(screen.queryByRole('dialog')).toBeNull()
    } finally {
      delete proto.showModal
      delete proto.close
    }
  })

  it('the close button closes it, tells the store, and gives focus back to the opener', async () => {
    const user = userEvent.setup()
    const onClose = vi.fn()
    renderPage({ onClose })
    const opener = screen.getByRole('button', { name: 'Invite' })
    await user.click(opener)
    await user.click(await screen.findByRole('button', { name: 'Close' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(paywall.isOpen).toBe(false)
    expect(opener).toHaveFocus()
    expect(onClose).toHaveBeenCalledOnce()
  })

  it('closing through the store (usePaywall().close) closes the native dialog', async () => {
    const user = userEvent.setup()
    const { container } = renderPage()
    await user.click(screen.getByRole('button', { name: 'Invite' }))
    await screen.findByRole('dialog')
    act(() => paywall.close())
    expect(container.querySelector('dialog')).not.toHaveAttribute('open')
  })

  it('closes itself after a successful upgrade (closeOnSuccess) and reports it', async () => {
    const user = userEvent.setup()
    const onUpgraded = vi.fn()
    renderPage({ onUpgraded }) // the default upgrade: the client's changePlan
    await user.click(screen.getByRole('button', { name: 'Invite' }))
    await user.click(await screen.findByRole('button', { name: 'Upgrade to Premium' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(onUpgraded).toHaveBeenCalledWith(expect.objectContaining({ id: 'premium' }))
    expect(paywall.isOpen).toBe(false)
  })

  it('stays open after success with closeOnSuccess={false}', async () => {
    const user = userEvent.setup()
    renderPage({ closeOnSuccess: false })
    await user.click(screen.getByRole('button', { name: 'Invite' }))
    await user.click(await screen.findByRole('button', { name: 'Upgrade to Premium' }))
    expect(await screen.findByText('Done: you now have Seats.')).toBeInTheDocument()
    expect(screen.getByRole('dialog')).toHaveAttribute('open')
  })

  it('forwards its ref to the <dialog>, spreads props, localises the close button', async () => {
    const user = userEvent.setup()
    const ref = createRef<HTMLDialogElement>()
    renderPage({ dialogRef: ref, className: 'mine', id: 'upsell', messages: { close: 'Schließen' } })
    expect(ref.current?.tagName).toBe('DIALOG')
    expect(ref.current).toHaveClass('entitle-dialog', 'mine')
    expect(ref.current).toHaveAttribute('id', 'upsell')
    await user.click(screen.getByRole('button', { name: 'Invite' }))
    expect(await screen.findByRole('button', { name: 'Schließen' })).toBeInTheDocument()
  })

  it('custom content through the render prop receives the paywall state', async () => {
    const user = userEvent.setup()
    renderPage({
      children: ({ feature, requested, titleId, close }) => (
        <>
          <h2 id={titleId}>
            Need more {feature} ({requested})?
          </h2>
          <button type="button" onClick={close}>
            Later
          </button>
        </>
      ),
    })
    await user.click(screen.getByRole('button', { name: 'Invite' }))
    expect(await screen.findByRole('dialog', { name: 'Need more seats (1)?' })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Later' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('takes the paywall’s parts as children: your layout, with the dialog’s feature and flow; the title labels it', async () => {
    const user = userEvent.setup()
    const onUpgrade = vi.fn(async () => {})
    renderPage({
      onUpgrade,
      children: (
        <>
          <Paywall.Title />
          <Paywall.Offers>
            {() => (
              <Paywall.Offer>
                <Paywall.OfferName />
                <Paywall.UpgradeButton />
              </Paywall.Offer>
            )}
          </Paywall.Offers>
        </>
      ),
    })
    await user.click(screen.getByRole('button', { name: 'Invite' }))
    const dialog = await screen.findByRole('dialog', { name: 'You have reached your Seats limit' })
    expect(dialog.querySelector('.entitle-paywall__description')).toBeNull()
    await user.click(await screen.findByRole('button', { name: 'Upgrade to Premium' }))
    expect(onUpgrade).toHaveBeenCalledWith(expect.objectContaining({ id: 'premium' }))
  })
})
