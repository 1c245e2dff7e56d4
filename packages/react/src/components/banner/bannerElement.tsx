'use client'
import type { HTMLAttributes, ReactNode, Ref } from 'react'
import { type AsChildProps, Slot } from '../primitives/Slot.js'
import { cx } from '../shared.js'
import { BannerAction } from './BannerAction.js'
import { BannerText } from './BannerText.js'
import { BannerContext, type BannerModel } from './bannerContext.js'

/** Props every banner root takes besides its options: its element's, `asChild`, and children or a render prop. */
export interface BannerRootProps<R> extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>, AsChildProps {
  /**
   * The parts to render (`.Text`, `.Action`, your own markup). Default: the text and the action.
   * A function is the headless form: it renders only what it returns (no element of its own).
   */
  children?: ReactNode | ((banner: R) => ReactNode)
}

/** @internal A banner root's element (`role="status"`, `data-state`), giving its parts the model. */
export function bannerElement<R extends BannerModel & { state: string }>(
  model: R | null,
  { asChild, className, children, ...rest }: BannerRootProps<R>,
  ref: Ref<HTMLDivElement>,
): ReactNode {
  if (model === null) return null
  if (typeof children === 'function') return children(model)
  const Comp = asChild ? Slot : 'div'
  return (
    <BannerContext.Provider value={model}>
      <Comp
        ref={ref}
        role="status"
        className={cx('entitle-banner', className)}
        data-state={model.state}
        {...rest}
      >
        {children ?? (
          <>
            <BannerText />
            <BannerAction />
          </>
        )}
      </Comp>
    </BannerContext.Provider>
  )
}
