'use client'
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react'
import type { LocalizedProps } from './i18n/MessagesProvider.js'
import { useMessageOverrides } from './i18n/messagesContext.js'
import { upgradeStatusMessages } from './i18n/upgradeStatusMessages.js'
import { Icon } from './icons.js'
import { type AsChildProps, contentOf, Slot } from './primitives/Slot.js'
import { cx } from './shared.js'

export interface UpgradeStatusProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>,
    LocalizedProps,
    AsChildProps {
  /** `confirming`: the entitlement is on its way; `timeout`: it did not arrive in time. */
  status: 'confirming' | 'timeout'
  /** What was bought ("Premium"). */
  offerName: string
  /** "Check again" after a timeout. Default: none (no button). */
  onCheckAgain?: (() => void) | undefined
  /** With `asChild`: your element, which gets the message and the button. */
  children?: ReactNode
}

/**
 * "Confirming your upgrade to Premium…" while an upgrade's entitlement is on its way (a webhook
 * after a hosted checkout, say); after a timeout, a clear message and "Check again". `<Gate>` and
 * the paywall show it; `data-state` is `confirming` or `timeout`.
 */
export const UpgradeStatus = forwardRef<HTMLDivElement, UpgradeStatusProps>(function UpgradeStatus(
  { status, offerName, onCheckAgain, locale, messages, asChild, className, children, ...rest },
  ref,
) {
  // Its three strings and the overrides, not the formatter: `<Gate>` shows it in apps without a paywall.
  const overrides = useMessageOverrides(locale, messages).messages
  const t = { ...upgradeStatusMessages, ...overrides }
  const timedOut = status === 'timeout'
  const Comp = asChild ? Slot : 'div'
  const content = (
    <>
      <p className="entitle-paywall__message" role={timedOut ? 'alert' : 'status'}>
        {timedOut ? <Icon name="clock" /> : <span className="entitle-spinner" aria-hidden="true" />}
        {timedOut ? t.confirmTimeout(offerName) : t.confirming(offerName)}
      </p>
      {timedOut && onCheckAgain && (
        <button
          type="button"
          className="entitle-button"
          data-variant="secondary"
          onClick={() => onCheckAgain()}
        >
          {t.checkAgain}
        </button>
      )}
    </>
  )
  return (
    <Comp ref={ref} className={cx('entitle-upgrade-status', className)} data-state={status} {...rest}>
      {asChild ? contentOf(true, children, content) : content}
    </Comp>
  )
})
