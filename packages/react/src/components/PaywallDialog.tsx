'use client'
import type { FeatureKey, Offer } from '@entitle/core'
import {
  type DialogHTMLAttributes,
  forwardRef,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
} from 'react'
import { useCheckout } from '../useCheckout.js'
import { type UsePaywallResult, usePaywall } from '../usePaywall.js'
import { type LocalizedProps, useFormatter } from './i18n.js'
import { Icon } from './icons.js'
import { closeModal, openModal, releaseModal } from './modal.js'
import { Paywall, type PaywallProps } from './Paywall.js'
import { cx } from './shared.js'

export interface PaywallDialogProps
  extends Omit<DialogHTMLAttributes<HTMLDialogElement>, 'children' | 'open' | 'onClose'>,
    Pick<
      PaywallProps,
      'onContactSales' | 'onRequestUpgrade' | 'onStartTrial' | 'confirmTimeoutMs' | 'navigate'
    >,
    LocalizedProps {
  /**
   * Performs the upgrade (see `Paywall`'s `onUpgrade`: in-app, or `{ redirectUrl }` for a hosted
   * checkout; on the way back the dialog opens again to confirm it, or to show the offers after a
   * cancelled checkout). Default: `changePlan` of the nearest provider.
   */
  onUpgrade?: (offer: Offer) => Promise<unknown>
  /** Called after an upgrade resolved. Default: none. */
  onUpgraded?: (offer: Offer) => void
  /** Close the dialog once an upgrade resolved (the gated content is then usable). Default `true`. */
  closeOnSuccess?: boolean
  /** Called after the dialog closed (Escape, the close button, a backdrop click or `usePaywall().close()`). */
  onClose?: () => void
  /**
   * The parts of the dialog's paywall (`Paywall.Title`, `Paywall.Offers`…, your own markup), which
   * get this dialog's feature, callbacks and flow; `Paywall.Title` labels the dialog. A function is
   * your own content instead of the paywall: it receives the paywall's UI state, and the dialog
   * labels itself from an element with id `titleId`, if you render one. Default: the `<Paywall>`.
   */
  children?: ReactNode | ((paywall: UsePaywallResult & { titleId: string }) => ReactNode)
}

/**
 * The paywall in a modal: a native `<dialog>` opened with `showModal()` (focus contained, Escape
 * closes, the page behind is inert), driven by `usePaywall()`. Mount it once; open it from anywhere
 * with `usePaywall().open({ feature })`. Focus returns to what was focused before it opened.
 * Where `showModal()` is missing (jsdom in component tests, old browsers) it opens with the `open`
 * attribute and handles focus itself: focus moves in, Tab stays inside, Escape closes. No polyfill needed.
 */
export const PaywallDialog = forwardRef<HTMLDialogElement, PaywallDialogProps>(function PaywallDialog(
  {
    onUpgrade,
    onUpgraded,
    onContactSales,
    onRequestUpgrade,
    onStartTrial,
    confirmTimeoutMs,
    navigate,
    closeOnSuccess = true,
    onClose,
    locale,
    messages,
    children,
    className,
    onClick,
    ...rest
  },
  ref,
) {
  const paywall = usePaywall()
  const { isOpen, feature, requested, open, close } = paywall
  const checkout = useCheckout()
  const f = useFormatter({ locale, messages })
  const dialog = useRef<HTMLDialogElement>(null)
  const opener = useRef<Element | null>(null)
  const titleId = useId()
  useImperativeHandle(ref, () => dialog.current as HTMLDialogElement)

  useEffect(() => {
    const d = dialog.current
    if (!d) return
    if (isOpen && !d.hasAttribute('open')) {
      opener.current = document.activeElement
      openModal(d)
    } else if (!isOpen && d.hasAttribute('open')) {
      closeModal(d)
    }
  }, [isOpen])

  // An open dialog that unmounts takes its keyboard handling (where showModal() is missing) with it.
  useEffect(() => {
    const d = dialog.current
    return () => {
      if (d) releaseModal(d)
    }
  }, [])

  // The `close` event (native, or dispatched by the fallback) covers every way out: Escape, the
  // button, a backdrop click, the store.
  const handleClose = useCallback(() => {
    close()
    // Closed after a return from a checkout: that return is over.
    if (checkout?.pending.surface === 'dialog') checkout.dismiss()
    const target = opener.current
    opener.current = null
    if (target instanceof HTMLElement && target.isConnected) target.focus()
    onClose?.()
  }, [close, onClose, checkout])

  useEffect(() => {
    const d = dialog.current
    if (!d) return
    d.addEventListener('close', handleClose)
    return () => d.removeEventListener('close', handleClose)
  }, [handleClose])

  // Back from a hosted checkout started in this dialog: open again to confirm it (or, cancelled, to
  // show the offers again); once confirmed, close as after any upgrade.
  const reopened = useRef(false)
  useEffect(() => {
    if (checkout?.pending.surface !== 'dialog') return
    if (checkout.status !== 'confirmed') {
      if (reopened.current) return
      reopened.current = true
      const { feature: blocked, requested: wanted } = checkout.pending
      // A feature id the paywall itself stored: one of the registered keys.
      open({ feature: blocked as FeatureKey, ...(wanted === undefined ? {} : { requested: wanted }) })
    } else {
      if (closeOnSuccess) close()
      checkout.dismiss()
    }
  }, [checkout, open, close, closeOnSuccess])

  const upgraded = useCallback(
    (offer: Offer) => {
      onUpgraded?.(offer)
      if (closeOnSuccess) close()
    },
    [onUpgraded, closeOnSuccess, close],
  )

  // A click on the dialog element itself (not its content) is a click on the backdrop.
  const handleClick = (event: MouseEvent<HTMLDialogElement>) => {
    onClick?.(event)
    if (event.target === event.currentTarget) closeModal(event.currentTarget)
  }

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape (native) is the keyboard way to dismiss; this is the pointer way.
    <dialog
      ref={dialog}
      className={cx('entitle-dialog', className)}
      aria-labelledby={titleId}
      data-state={isOpen ? 'open' : 'closed'}
      onClick={handleClick}
      {...rest}
    >
      {isOpen && feature !== null && (
        <>
          <button
            type="button"
            className="entitle-dialog__close"
            aria-label={f.t.close}
            onClick={() => {
              if (dialog.current) closeModal(dialog.current)
            }}
          >
            <Icon name="close" />
          </button>
          {typeof children === 'function' ? (
            children({ ...paywall, titleId })
          ) : (
            <Paywall
              feature={feature}
              {...(requested === null ? {} : { requested })}
              {...(onUpgrade ? { onUpgrade } : {})}
              {...(onContactSales ? { onContactSales } : {})}
              {...(onRequestUpgrade ? { onRequestUpgrade } : {})}
              {...(onStartTrial ? { onStartTrial } : {})}
              {...(confirmTimeoutMs === undefined ? {} : { confirmTimeoutMs })}
              {...(navigate ? { navigate } : {})}
              surface="dialog"
              onUpgraded={upgraded}
              titleId={titleId}
              locale={f.locale}
              messages={f.t}
            >
              {children}
            </Paywall>
          )}
        </>
      )}
    </dialog>
  )
})
