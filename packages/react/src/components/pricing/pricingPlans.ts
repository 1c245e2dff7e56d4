// The plans a pricing table shows, as columns: pure, from the catalog alone. Plans that differ only by
// billing interval (the same name, e.g. "Premium" at $49 / month and $490 / year) are one column; free
// and "contact us" plans belong to every interval.
import type { Catalog, Plan, Price } from '@entitle/core'

/** The billing intervals a pricing table switches between. */
export type BillingInterval = 'month' | 'year'

/** One column of a pricing table: a plan for the chosen interval. */
export interface PricingColumn {
  plan: Plan
  /**
   * Percent saved per year against the same plan's monthly price (same currency), on the yearly
   * view; `null` when there is nothing to compare.
   */
  savings: number | null
}

const intervalOf = (price: Price | null): BillingInterval | null =>
  price !== null && price.amount > 0 && (price.interval === 'month' || price.interval === 'year')
    ? price.interval
    : null

/** The intervals the catalog's paid plans are billed in, monthly first. A switch needs two. */
export function billingIntervals(catalog: Catalog): BillingInterval[] {
  const found = new Set(catalog.plans.map((p) => intervalOf(p.price)))
  return (['month', 'year'] as const).filter((i) => found.has(i))
}

/** The columns for `interval`, in catalog order: each plan name once, its variant for that interval. */
export function pricingColumns(catalog: Catalog, interval: BillingInterval): PricingColumn[] {
  const groups = new Map<string, Plan[]>()
  for (const plan of catalog.plans) {
    const group = groups.get(plan.name)
    if (group) group.push(plan)
    else groups.set(plan.name, [plan])
  }
  const columns: PricingColumn[] = []
  for (const plans of groups.values()) {
    const plan =
      plans.find((p) => intervalOf(p.price) === interval) ?? plans.find((p) => intervalOf(p.price) === null)
    if (!plan) continue
    const monthly = plans.find((p) => intervalOf(p.price) === 'month')?.price
    const price = plan.price
    const savings =
      interval === 'year' && monthly && price && monthly.currency === price.currency
        ? Math.round((1 - price.amount / (12 * monthly.amount)) * 100)
        : null
    columns.push({ plan, savings: savings !== null && savings > 0 ? savings : null })
  }
  return columns
}
