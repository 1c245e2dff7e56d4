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

const dev = typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'

/** @internal The enclosing root's model. A part outside `Paywall.Root` is a programming error (said in development). */
export function usePaywallPart(part: string): PaywallModel {
  const model = useContext(PaywallContext)
  if (model === null && dev) throw new Error(`[entitle] <${part}> must be inside <Paywall.Root>.`)
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
  if (item === null && dev)
    throw new Error(`[entitle] <${part}> must be inside <Paywall.Offer> (in <Paywall.Offers>).`)
  return { p, item: item as PaywallItem }
}
