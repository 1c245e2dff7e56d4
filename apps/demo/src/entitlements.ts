// The one place where LogPilot turns entitlements into product questions. Pages call these helpers
// ("can this workspace invite 2 more members?") and never ask which plan a customer is on, so
// pricing and packaging can change on the server without touching the pages.
import type { Decision } from '@entitle/core'
import { defineHelpers } from '@entitle/react'

/** Every feature LogPilot gates on: a typo such as `'seets'` is a compile error in the app. */
export const FEATURES = [
  'advanced-filtering',
  'api-access',
  'premium-support',
  'ai-assistant',
  'retention-days',
  'seats',
  'api-calls',
] as const
export type Feature = (typeof FEATURES)[number]
/** The metered ones (meters, banners, usage reports). */
export type MeteredFeature = Extract<Feature, 'seats' | 'api-calls'>

/** Retention used when the entitlements service has never answered (the smallest plan's). */
export const DEFAULT_RETENTION_DAYS = 3

export const helpers = defineHelpers((check, { value }) => ({
  /** May the workspace add `n` more members? (hard seat limit) */
  canInviteMembers: (n = 1) => check('seats', { requested: n }).granted,
  /** The seat decision behind `canInviteMembers`, for explaining a refusal. */
  seatCheck: (n = 1): Decision => check('seats', { requested: n }),
  canUseAdvancedFiltering: () => check('advanced-filtering').granted,
  canUseApi: () => check('api-access').granted,
  canUseAi: () => check('ai-assistant').granted,
  hasPrioritySupport: () => check('premium-support').granted,
  /** Days of logs kept (a config entitlement). */
  retentionDays: (): number => value('retention-days', DEFAULT_RETENTION_DAYS),
  /** Past the monthly API allowance (a soft limit: calls keep working, we nudge to upgrade). */
  isOverApiAllowance: () => check('api-calls', { requested: 0 }).reason === 'soft-limit-exceeded',
}))
// Registered once for the whole app: every hook and component that takes a feature key checks it
// (`useEntitlement('seets')` and `<Gate feature="ai">` are compile errors), and `useEntitlements()`
// returns these helpers, typed.
declare module '@entitle/core' {
  interface Register {
    features: Feature
    helpers: typeof helpers
  }
}

export {
  Gate,
  LimitBanner,
  Paywall,
  UsageMeter,
  useAccess,
  useEntitlement,
  useEntitlements,
  useEntitlementsClient,
  useReportUsage,
} from '@entitle/react'
