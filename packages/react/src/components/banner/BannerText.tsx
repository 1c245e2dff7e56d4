'use client'
import { Icon } from '../icons.js'
import { createPart } from '../primitives/createPart.js'
import { type BannerModel, useBanner } from './bannerContext.js'

/** The banner's sentence with its state's icon (`LimitBanner.Text`, `TrialBanner.Text`). */
export const BannerText = createPart<BannerModel, HTMLParagraphElement>(
  'Banner.Text',
  'p',
  'entitle-banner__text',
  useBanner,
  (b) => [
    { id: b.textId },
    <>
      <Icon name={b.icon} />
      <span>{b.text}</span>
    </>,
  ],
)
