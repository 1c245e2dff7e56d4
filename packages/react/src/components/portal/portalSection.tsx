'use client'
import { forwardRef, type HTMLAttributes, type ReactNode, useId } from 'react'
import type { LocalizedProps } from '../i18n.js'
import { cx } from '../shared.js'

/** The props every section of the customer portal takes. */
export interface PortalSectionProps extends Omit<HTMLAttributes<HTMLElement>, 'title'>, LocalizedProps {
  /** The section's heading. Default: its message ("Usage", "Your add-ons"…). */
  title?: ReactNode
  /** Heading level of the title. Default `2` (`3` inside `<CustomerPortal>`). */
  headingLevel?: 2 | 3 | 4 | 5 | 6
}

/** @internal A titled section (`aria-labelledby` its heading), the frame of every portal section. */
export const PortalSection = forwardRef<
  HTMLElement,
  Omit<PortalSectionProps, 'locale' | 'messages'> & { name: string; defaultTitle: string; state?: string }
>(function PortalSection(
  { name, title, defaultTitle, headingLevel = 2, state, className, children, ...rest },
  ref,
) {
  const id = useId()
  const H = `h${headingLevel}` as 'h2'
  return (
    <section
      ref={ref}
      className={cx('entitle-portal__section', `entitle-portal__${name}`, className)}
      data-state={state}
      aria-labelledby={id}
      {...rest}
    >
      <H className="entitle-portal__title" id={id}>
        {title ?? defaultTitle}
      </H>
      {children}
    </section>
  )
})
