// A snapshot → the customer state whose snapshot grants the same. Test backends are given snapshots
// (a scenario's, or one written by hand), but a real backend computes snapshots from customers: the
// plan, add-ons and trial the snapshot names, usage from its meters, and an override for every
// feature the rules would not grant the same way from those.
import { periodStart } from '../periods.js'
import type { Catalog, Entitlement, EntitlementsSnapshot, Grant } from '../types.js'
import { grantOf, indexCatalog } from './catalogIndex.js'
import { type ComputedEntitlements, computeEntitlements } from './computeEntitlements.js'
import { type CustomerState, type CustomerUsage, emptyCustomerState, setOwn } from './customerState.js'

/** The grant an entitlement is the wire form of. */
function grantOfEntitlement(entitlement: Entitlement): Grant {
  switch (entitlement.kind) {
    case 'boolean':
      return { kind: 'boolean' }
    case 'config':
      return { kind: 'config', value: entitlement.value }
    case 'metered':
      return {
        kind: 'metered',
        limit: entitlement.limit,
        enforcement: entitlement.enforcement,
        resetPeriod: entitlement.resetPeriod,
      }
  }
}

/** Two entitlements grant the same (usage and reset instants aside, which the backend computes itself). */
function sameGrant(a: Entitlement | undefined, b: Entitlement | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return (
    JSON.stringify(grantOfEntitlement(a)) === JSON.stringify(grantOfEntitlement(b)) &&
    a.source === b.source &&
    a.expiresAt === b.expiresAt
  )
}

const own = (entitlements: Record<string, Entitlement>, feature: string): Entitlement | undefined =>
  Object.hasOwn(entitlements, feature) ? entitlements[feature] : undefined

/**
 * The customer state (and usage) whose snapshot at `now` grants what `snapshot` grants: same plan,
 * add-ons and trial where the catalog has them, the same usage, and overrides for the rest (their
 * `source` then reads `'override'`). For test backends, and for moving customers from another system.
 */
export function customerFromSnapshot(
  catalog: Catalog,
  snapshot: EntitlementsSnapshot,
  now: number,
): { state: CustomerState; usage: CustomerUsage } {
  const index = indexCatalog(catalog)
  const planId = snapshot.plan !== null && index.plans.has(snapshot.plan.id) ? snapshot.plan.id : null
  let state: CustomerState = {
    ...emptyCustomerState(),
    planId,
    addons: (snapshot.addons ?? []).map((a) => a.id).filter((id) => index.addons.has(id)),
  }
  // The lifecycle the snapshot reports: a scheduled change, a grace period.
  const info = snapshot.subscription
  if (info !== undefined) {
    const scheduled = info.scheduledChange
    state = {
      ...state,
      billing: {
        scheduledChange:
          scheduled === null
            ? null
            : {
                at: Date.parse(scheduled.at),
                planId:
                  scheduled.plan !== null && index.plans.has(scheduled.plan.id) ? scheduled.plan.id : null,
                addons: scheduled.addons.map((a) => a.id).filter((id) => index.addons.has(id)),
              },
        pastDue: info.graceEndsAt === null ? null : { since: now, graceEndsAt: Date.parse(info.graceEndsAt) },
      },
    }
  }
  // A trial: the plan that grants every feature the snapshot has from source 'trial'.
  if (snapshot.trialEndsAt !== null) {
    const fromTrial = Object.keys(snapshot.entitlements).filter(
      (f) => own(snapshot.entitlements, f)?.source === 'trial',
    )
    const trialPlan = catalog.plans.find(
      (p) => p.id !== planId && fromTrial.every((f) => grantOf(p, f) !== undefined),
    )
    if (trialPlan) {
      state = {
        ...state,
        trial: { planId: trialPlan.id, endsAt: Date.parse(snapshot.trialEndsAt) },
        trialsUsed: [trialPlan.id],
      }
    }
  }
  const usage: CustomerUsage = {}
  for (const feature of Object.keys(snapshot.entitlements)) {
    const entitlement = own(snapshot.entitlements, feature)
    if (entitlement?.kind !== 'metered') continue
    const period = entitlement.resetPeriod
    setOwn(usage, feature, {
      used: entitlement.usage,
      period,
      periodStart: period === null ? null : periodStart(period, now),
    })
  }
  // Promotions first, where the snapshot says a promotion grants it (and that reproduces it).
  const first: ComputedEntitlements = computeEntitlements(catalog, state, usage, now)
  const promotions: CustomerState['promotions'] = []
  for (const feature of catalog.features) {
    const wanted = own(snapshot.entitlements, feature.id)
    if (wanted?.source !== 'promotion' || sameGrant(wanted, own(first.entitlements, feature.id))) continue
    promotions.push({
      feature: feature.id,
      grant: grantOfEntitlement(wanted),
      endsAt: wanted.expiresAt == null ? null : Date.parse(wanted.expiresAt),
    })
  }
  state = { ...state, promotions }
  // Overrides for whatever still differs.
  const computed = computeEntitlements(catalog, state, usage, now)
  const overrides: CustomerState['overrides'] = []
  for (const feature of catalog.features) {
    const wanted = own(snapshot.entitlements, feature.id)
    const got = own(computed.entitlements, feature.id)
    if (sameGrant(wanted, got)) continue
    overrides.push({
      feature: feature.id,
      grant: wanted === undefined ? null : grantOfEntitlement(wanted),
      endsAt: wanted?.expiresAt == null ? null : Date.parse(wanted.expiresAt),
    })
  }
  return { state: { ...state, overrides }, usage }
}
