// jsdom has no showModal(): a minimal stand-in (open attribute + the `close` event) lets these tests
// check the wiring. Focus containment, Escape and the inert page need a real browser: see
// packages/react/test/browser/PaywallDialog.browser.tsx and the PaywallDialog stories.
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef, type Ref } from 'react'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { TestEntitlementsProvider } from '../testing/index.js'
import { type UsePaywallResult, usePaywall } from '../usePaywall.js'
import { PaywallDialog, type PaywallDialogProps } from './PaywallDialog.js'

beforeAll(() => {
  const proto = HTMLDialogElement.prototype
  if (typeof proto.showModal !== 'function') {
    proto.showModal = vi.fn(function (this: HTMLDialogElement) {
      this.setAttribute('open', '')
    })
  }
  if (typeof proto.close !== 'function' || !('__stub' in proto.close)) {
    proto.close = Object.assign(
      function (this: HTMLDialogElement) {
        if (!this.hasAttribute('open')) return
        this.removeAttribute('open')
        this.dispatchEvent(new Event('close'))
      },
      { __stub: true },
    )
  }
})

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
    expect(HTMLDialogElement.prototype.showModal).toHaveBeenCalled()
    const open = await screen.findByRole('dialog', { name: 'You have reached your Seats limit' })
    expect(open).toHaveAttribute('data-state', 'open')
    expect(await screen.findByRole('button', { name: 'Upgrade to Premium' })).toBeInTheDocument()
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
    const onUpgrade = vi.fn(async () => {})
    const onUpgraded = vi.fn()
    renderPage({ onUpgrade, onUpgraded })
    await user.click(screen.getByRole('button', { name: 'Invite' }))
    await user.click(await screen.findByRole('button', { name: 'Upgrade to Premium' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(onUpgraded).toHaveBeenCalledWith(expect.objectContaining({ id: 'premium' }))
    expect(paywall.isOpen).toBe(false)
  })

  it('stays open after success with closeOnSuccess={false}', async () => {
    const user = userEvent.setup()
    renderPage({ onUpgrade: async () => {}, closeOnSuccess: false })
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
})
