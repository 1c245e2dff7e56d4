'use client'
import { createContext, useContext } from 'react'
import type { PaywallItem } from './offerViews.js'
import type { PaywallModel } from './usePaywallModel.js'

// Module-scoped on purpose (see dev.ts): the package builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** @internal The model `Paywall.Root` computed, for its parts. */
export const PaywallContext = createContext<PaywallModel | null>(null)

/** @internal The card an offer's parts are about (set by `Paywall.Offers`, `Paywall.CurrentPlan`). */
export const OfferContext = createContext<PaywallItem | null>(null)

/** @internal The enclosing root's model. A part outside `Paywall.Root` is a programming error (said in development). */
export function usePaywallPart(part: string): PaywallModel {
  const model = useContext(PaywallContext)
  let misplaced: string | undefined // worded inside the try, thrown outside it (dev.ts)
  try {
    if (process.env.NODE_ENV !== 'production' && model === null)
      misplaced = `[entitle] <${part}> must be inside <Paywall.Root>.`
  } catch {}
  if (misplaced !== undefined) throw new Error(misplaced)
  return model as PaywallModel
}

/** @internal What an offer's part reads: the paywall, and the card it is in. */
export interface OfferPartModel {
  p: PaywallModel
  item: PaywallItem
}

/** @internal The paywall and the enclosing card. An offer's part outside one is a programming error (said in development). */
export function useOfferPart(part: string): OfferPartModel {
  const p = usePaywallPart(part)
  const item = useContext(OfferContext)
  let misplaced: string | undefined // worded inside the try, thrown outside it (dev.ts)
  try {
    if (process.env.NODE_ENV !== 'production' && item === null)
      misplaced = `[entitle] <${part}> must be inside <Paywall.Offer> (in <Paywall.Offers>).`
  } catch {}
  if (misplaced !== undefined) throw new Error(misplaced)
  return { p, item: item as PaywallItem }
}
