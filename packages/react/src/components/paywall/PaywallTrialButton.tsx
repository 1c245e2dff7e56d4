'use client'
import type { ButtonHTMLAttributes } from 'react'
import { createPart } from '../primitives/createPart.js'
import { actionButton } from './actionButton.js'
import { type OfferPartModel, useOfferPart } from './paywallContext.js'

/** "Start 14-day free trial" on a plan that offers one ("Starting trial…" while it runs); nothing otherwise. */
export const PaywallTrialButton = createPart<
  OfferPartModel,
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement>
>('Paywall.TrialButton', 'button', 'entitle-button', useOfferPart, ({ p, item: { view } }) => {
  const offer = view?.offer
  if (!view || view.trial === null || offer?.type !== 'plan' || offer.isCurrent) return null
  const mine = p.blocked && p.flow.offer === offer && p.flow.action === 'trial'
  return actionButton(p, mine, p.f.t.trialPending, view.trial, 'quiet', () => p.startTrial(offer))
})
