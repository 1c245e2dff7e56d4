// Management rules for grants outside the subscription: promotions and overrides. Each returns the
// customer's next state or throws `RuleError`; the caller stores it.
import type { Catalog, Grant } from '../types.js'
import { indexCatalog } from './catalogIndex.js'
import type { CustomerState } from './customerState.js'
import { RuleError } from './ruleError.js'

/** A promotion to grant: `grant` defaults to `{ kind: 'boolean' }` (boolean features only). */
export interface PromotionInput {
  feature: string
  grant?: Grant | undefined
  /** Epoch ms it ends; `null` = never. */
  endsAt: number | null
}

/** An override to set: replaces what the other sources give; `grant: null` revokes the feature. */
export interface OverrideInput {
  feature: string
  grant: Grant | null
  /** Epoch ms it ends; `null` = never. */
  endsAt: number | null
}

function checkGrant(
  catalog: Catalog,
  feature: string,
  grant: Grant | null | undefined,
  field: string,
): Grant | null {
  const info = indexCatalog(catalog).features.get(feature)
  if (info === undefined) throw new RuleError('unknown_feature', `feature: unknown feature "${feature}"`)
  if (grant === undefined) {
    if (info.kind !== 'boolean')
      throw new RuleError('invalid_request', `${field}: required for the ${info.kind} feature "${feature}"`)
    return { kind: 'boolean' }
  }
  if (grant !== null && grant.kind !== info.kind) {
    throw new RuleError(
      'invalid_request',
      `${field}.kind: "${feature}" is a ${info.kind} feature, got a ${grant.kind} grant`,
    )
  }
  return grant
}

function checkEnd(endsAt: number | null, now: number): void {
  if (endsAt !== null && (!Number.isFinite(endsAt) || endsAt <= now))
    throw new RuleError('invalid_request', 'endsAt: must be an instant in the future, or null for never')
}

/** Adds a promotion (a feature may have several; the combination rule picks what they grant). */
export function grantPromotion(
  catalog: Catalog,
  state: CustomerState,
  input: PromotionInput,
  now: number,
): CustomerState {
  const grant = checkGrant(catalog, input.feature, input.grant, 'grant')
  checkEnd(input.endsAt, now)
  if (grant === null)
    throw new RuleError('invalid_request', 'grant: a promotion grants something; use an override to revoke')
  return {
    ...state,
    promotions: [...state.promotions, { feature: input.feature, grant, endsAt: input.endsAt }],
  }
}

/** Removes every promotion of `feature`. */
export function endPromotions(state: CustomerState, feature: string): CustomerState {
  return { ...state, promotions: state.promotions.filter((p) => p.feature !== feature) }
}

/** Sets the override of a feature (one per feature: it replaces an earlier one). */
export function setOverride(
  catalog: Catalog,
  state: CustomerState,
  input: OverrideInput,
  now: number,
): CustomerState {
  const grant = checkGrant(catalog, input.feature, input.grant, 'grant')
  checkEnd(input.endsAt, now)
  return {
    ...state,
    overrides: [
      ...state.overrides.filter((o) => o.feature !== input.feature),
      { feature: input.feature, grant, endsAt: input.endsAt },
    ],
  }
}

/** Removes the override of `feature`: the other sources decide again. */
export function clearOverride(state: CustomerState, feature: string): CustomerState {
  return { ...state, overrides: state.overrides.filter((o) => o.feature !== feature) }
}
