import type { Catalog } from '@entitle/core'

/** Feature ids in the catalog's order (ids it does not know last, as given). */
export function inCatalogOrder(catalog: Catalog | undefined, ids: string[]): string[] {
  const order = catalog?.features.map((x) => x.id) ?? []
  const rank = (id: string) => {
    const i = order.indexOf(id)
    return i === -1 ? order.length : i
  }
  return [...ids].sort((a, b) => rank(a) - rank(b))
}
