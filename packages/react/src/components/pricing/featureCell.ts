// What one plan gives for one feature, in words: the cells of a pricing table's feature matrix.
import type { Feature, Grant } from '@entitle/core'
import type { Formatter } from '../i18n.js'

export interface FeatureCell {
  /** The plan grants the feature at all. */
  included: boolean
  /** "Included", "Not included", "14 days", "10 seats", "1,000 calls / month", "Unlimited seats". */
  text: string
}

/** The cell of `feature` for a plan's (or add-on's) `grant`. */
export function featureCell(f: Formatter, feature: Feature, grant: Grant | undefined): FeatureCell {
  const { t } = f
  if (grant === undefined) return { included: false, text: t.notIncluded }
  if (grant.kind === 'boolean') return { included: true, text: t.included }
  if (grant.kind === 'config') {
    const v = grant.value
    return {
      included: true,
      text:
        typeof v === 'number'
          ? t.configValue(f.number(v), f.unit(feature.unit, v))
          : typeof v === 'boolean'
            ? v
              ? t.included
              : t.notIncluded
            : v,
    }
  }
  const allowance = t.grants(
    grant.limit === null ? null : f.number(grant.limit),
    f.unit(feature.unit, grant.limit ?? 2),
  )
  return {
    included: grant.limit === null || grant.limit > 0,
    text: grant.resetPeriod ? t.perPeriod(allowance, grant.resetPeriod) : allowance,
  }
}
