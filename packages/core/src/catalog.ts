// A catalog declared in code: `defineCatalog({…} as const)` (or a file generated from the server's
// catalog), passed as `createEntitlementsClient({ catalog })`. It types the feature keys without a
// `Register` augmentation, types `value()` by each config feature's values, and tells the client every
// feature's kind and enforcement before any data arrives (so fail-open never hands out a hard limit).
import type { ConfigValue, Enforcement, FeatureKind } from './types.js'

/** What a catalog declared in code holds: its features at least; plans and add-ons when it is a full catalog. */
export interface CatalogDefinition {
  readonly features: readonly { readonly id: string; readonly kind: FeatureKind }[]
  readonly plans?: readonly { readonly grants: GrantsDefinition }[]
  readonly addons?: readonly { readonly grants: GrantsDefinition }[]
}

/** A plan's or add-on's grants, as declared (`as const`). */
export type GrantsDefinition = {
  readonly [feature: string]:
    | { readonly kind: 'boolean' }
    | { readonly kind: 'config'; readonly value: ConfigValue }
    | { readonly kind: 'metered'; readonly enforcement: Enforcement }
}

/**
 * Declares a catalog in code. An identity function: it only carries the literal types.
 *
 * ```ts
 * export const catalog = defineCatalog({
 *   features: [{ id: 'seats', name: 'Seats', kind: 'metered' }, { id: 'retention-days', name: 'Retention', kind: 'config' }],
 *   plans: [{ id: 'basic', …, grants: { seats: { kind: 'metered', limit: 3, enforcement: 'hard', resetPeriod: null } } }],
 *   addons: [],
 * } as const)
 * const client = createEntitlementsClient({ baseUrl, customerId, catalog })
 * client.check('seets') // ✗ compile error
 * ```
 */
export function defineCatalog<const C extends CatalogDefinition>(catalog: C): C {
  return catalog
}

/** The feature ids of a catalog definition. */
export type CatalogFeatures<C extends CatalogDefinition> = C['features'][number]['id']

type Offers<C> =
  | (C extends { readonly plans: readonly (infer P)[] } ? P : never)
  | (C extends { readonly addons: readonly (infer A)[] } ? A : never)
type GrantOf<C, K extends string> =
  Offers<C> extends infer O
    ? O extends { readonly grants: infer G }
      ? K extends keyof G
        ? G[K]
        : never
      : never
    : never
type WidenValue<T> = T extends number
  ? number
  : T extends string
    ? string
    : T extends boolean
      ? boolean
      : never

/**
 * The type of a config feature's value, from its grants (`3 | 14 | 90` → `number`); `ConfigValue`
 * when the catalog declares no grants for it.
 */
export type CatalogValue<C extends CatalogDefinition, K extends string> = [
  Extract<GrantOf<C, K>, { kind: 'config' }>,
] extends [never]
  ? ConfigValue
  : WidenValue<Extract<GrantOf<C, K>, { kind: 'config' }>['value']>

/** Feature id → config value type, for every config feature of a catalog definition. */
export type CatalogValues<C extends CatalogDefinition> = {
  [K in Extract<C['features'][number], { kind: 'config' }>['id']]: CatalogValue<C, K>
}
