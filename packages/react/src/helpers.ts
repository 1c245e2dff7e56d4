// Business helpers: the one module where application code turns entitlements into questions the
// product asks ("can this customer invite 3 more members?"). Defined once, bound to the client by the
// provider, typed end to end, returned by `useEntitlements()`.
import type { ConfigValue, Decision, FeatureKey, Register } from '@entitle/core'

/** The `check` a helper receives: the client's synchronous check, typed by your feature keys. */
export type CheckFn<F extends string = FeatureKey> = (
  feature: F,
  options?: { requested?: number },
) => Decision

/** `3` → `number`, `'eu'` → `string`: a fallback literal types the value, not a single constant. */
export type Widen<T> = T extends number ? number : T extends string ? string : T extends boolean ? boolean : T

/** A config entitlement's value, or `fallback` when it is not granted. */
export type ValueFn<F extends string = FeatureKey> = <T extends ConfigValue>(
  feature: F,
  fallback: T,
) => Widen<T>

/** The second argument of a helpers definition. */
export interface HelperTools<F extends string = FeatureKey> {
  check: CheckFn<F>
  value: ValueFn<F>
}

/** What a helpers definition returns: named functions. */
export type HelpersShape = { [name: string]: (...args: never[]) => unknown }

/**
 * A helpers definition: receives `check` (and `{ check, value }`) and returns the helpers. Called once
 * per client by `<EntitlementsProvider helpers={…}>`; each helper calls `check` when it runs, so its
 * answer always reflects the current snapshot.
 */
export type HelpersDefinition<H extends HelpersShape = HelpersShape, F extends string = FeatureKey> = (
  check: CheckFn<F>,
  tools: HelperTools<F>,
) => H

/** The helpers a definition produces: `HelpersOf<typeof helpers>`. */
export type HelpersOf<D> = D extends (...args: never[]) => infer H
  ? H extends HelpersShape
    ? H
    : never
  : never

/**
 * Define your business helpers once (an identity function that carries the types).
 *
 * ```ts
 * export const helpers = defineHelpers((check, { value }) => ({
 *   canInviteMembers: (n: number) => check('seats', { requested: n }).granted,
 *   retentionDays: () => value('retention-days', 3),
 * }))
 * declare module '@entitle/core' {
 *   interface Register { helpers: typeof helpers }
 * }
 * ```
 * With `Register['features']` declared, `check('seets')` inside a helper is a compile error.
 */
export function defineHelpers<H extends HelpersShape, F extends string = FeatureKey>(
  definition: HelpersDefinition<H, F>,
): HelpersDefinition<H, F> {
  return definition
}

/** No helpers. */
export type NoHelpers = Record<never, never>

/** The helpers registered with `interface Register { helpers: typeof helpers }`, or none. */
export type RegisteredHelpers = Register extends { helpers: infer D } ? HelpersOf<D> : NoHelpers
