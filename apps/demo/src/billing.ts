// Billing glue: what the customer owns, and how an offer from a paywall becomes a subscription change.
// Billing is the one part of the app that talks about plans; it never decides access.
import type { Addon, Catalog, EntitlementsSnapshot, Price } from '@entitle/core'

/** The add-ons the customer owns, as the snapshot lists them (display only: access comes from checks). */
export function ownedAddons(
  snapshot: EntitlementsSnapshot | undefined,
  catalog: Catalog | undefined,
): Addon[] {
  if (!snapshot || !catalog) return []
  const owned = new Set((snapshot.addons ?? []).map((a) => a.id))
  return catalog.addons.filter((addon) => owned.has(addon.id))
}

export function formatPrice(price: { amount: number; currency: string; interval: string } | null): string {
  if (price === null) return 'Contact us'
  if (price.amount === 0) return 'Free'
  const amount = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: price.currency,
    minimumFractionDigits: price.amount % 100 === 0 ? 0 : 2,
  }).format(price.amount / 100)
  return price.interval === 'one_time' ? `${amount} once` : `${amount} / ${price.interval}`
}

/** A price per month, for telling an upgrade from a downgrade; `null` for "contact us". */
export function monthlyOf(price: Price | null): number | null {
  if (price === null) return null
  return price.interval === 'year' ? price.amount / 12 : price.interval === 'month' ? price.amount : 0
}
