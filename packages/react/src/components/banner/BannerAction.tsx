'use client'
import type { ButtonHTMLAttributes } from 'react'
import { createPart } from '../primitives/createPart.js'
import { type BannerModel, useBanner } from './bannerContext.js'

/**
 * The call to action ("Upgrade"), described by the banner's text (`LimitBanner.Action`,
 * `TrialBanner.Action`). Your `onClick` runs first; `event.preventDefault()` there skips the upgrade.
 * Renders nothing when the banner has no action.
 */
export const BannerAction = createPart<
  BannerModel,
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement>
>('Banner.Action', 'button', 'entitle-button', useBanner, (b) => {
  const upgrade = b.upgrade
  return upgrade === null
    ? null
    : [
        {
          type: 'button',
          'aria-describedby': b.textId,
          onClick: (event: { defaultPrevented: boolean }) => {
            if (!event.defaultPrevented) upgrade()
          },
        },
        b.actionLabel,
      ]
})
