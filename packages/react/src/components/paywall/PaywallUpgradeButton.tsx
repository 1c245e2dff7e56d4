'use client'
import type { ButtonHTMLAttributes } from 'react'
import { createPart } from '../primitives/createPart.js'
import { actionButton } from './actionButton.js'
import { type OfferPartModel, useOfferPart } from './paywallContext.js'

/**
 * The offer's main button: "Upgrade to Premium", "Add +5 seats", or "Ask an admin to upgrade to
 * Premium" for a member who may not buy; "Upgrading…" / "Opening checkout…" while it runs (the other
 * buttons wait). Primary on the cheapest offer, secondary on the others. Nothing on the current plan
 * or a sales-led offer (see `ContactSalesButton`).
 */
export const PaywallUpgradeButton = createPart<
  OfferPartModel,
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement>
>('Paywall.UpgradeButton', 'button', 'entitle-button', useOfferPart, ({ p, item: { view } }) => {
  if (!view || view.offer.isCurrent || view.kind === 'contact-sales') return null
  const { offer } = view
  const { t } = p.f
  const mine = p.blocked && p.flow.offer === offer
  const variant = view.isCheapest ? undefined : 'secondary'
  return view.kind === 'ask-admin'
    ? actionButton(p, mine, t.pending, view.action, variant, () => p.requestUpgrade(offer))
    : actionButton(
        p,
        mine && p.flow.action === 'upgrade',
        p.status === 'redirecting' ? t.redirecting : t.pending,
        view.action,
        variant,
        () => p.upgrade(offer),
      )
})
