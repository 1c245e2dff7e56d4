// Lookup maps of a catalog. Feature, plan and add-on ids come from requests and seeds: looking them
// up in Maps (never as object properties) makes `toString`, `constructor` or `__proto__` ordinary
// unknown ids rather than inherited members.
import type { Addon, Catalog, Feature, Grant, Plan } from '../types.js'

export interface CatalogIndex {
  readonly catalog: Catalog
  readonly features: ReadonlyMap<string, Feature>
  readonly plans: ReadonlyMap<string, Plan>
  readonly addons: ReadonlyMap<string, Addon>
}

// Catalogs are immutable once loaded, so their maps are built once per catalog object.
const indexes = new WeakMap<Catalog, CatalogIndex>()

/** The lookup maps of `catalog` (cached per catalog object: do not mutate a catalog once indexed). */
export function indexCatalog(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog)
  if (index === undefined) {
    index = {
      catalog,
      features: new Map(catalog.features.map((feature) => [feature.id, feature])),
      plans: new Map(catalog.plans.map((plan) => [plan.id, plan])),
      addons: new Map(catalog.addons.map((addon) => [addon.id, addon])),
    }
    indexes.set(catalog, index)
  }
  return index
}

/** A plan's or add-on's own grant of `feature` (never an inherited property). */
export function grantOf(offer: Plan | Addon | undefined, feature: string): Grant | undefined {
  if (offer === undefined || !Object.hasOwn(offer.grants, feature)) return undefined
  return offer.grants[feature]
}

/** Whether `addon` is sold with `plan`. */
export function isSoldWith(addon: Addon, plan: Plan | undefined): boolean {
  return plan !== undefined && addon.availableFor.includes(plan.id)
}
