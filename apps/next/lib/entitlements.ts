// The one module where LogPilot's pages turn entitlements into product questions (as in apps/demo):
// pages call these helpers and never ask which plan a customer is on. Shared by the server
// components (types) and the client components (helpers).
import { defineHelpers } from '@entitle/react'

/** Every feature LogPilot gates on: a typo such as `'seets'` is a compile error in the app. */
export type Feature =
  | 'advanced-filtering'
  | 'api-access'
  | 'premium-support'
  | 'ai-assistant'
  | 'retention-days'
  | 'seats'
  | 'api-calls'

/** The snapshots' environment: the one the app's server is configured with (lib/server/entitlements.ts). */
export const ENVIRONMENT = 'production'

/** Where the app mounts @entitle/server (app/api/entitlements/[...path]/route.ts). */
export const API_BASE_PATH = '/api/entitlements'

export const helpers = defineHelpers((check, { value }) => ({
  /** May the workspace add `n` more members? A hint for the UI: the invite action asks the server. */
  canInviteMembers: (n = 1) => check('seats', { requested: n }).granted,
  canUseAi: () => check('ai-assistant').granted,
  /** Days of logs kept (a config entitlement). */
  retentionDays: (): number => value('retention-days', 3),
}))

declare module '@entitle/core' {
  interface Register {
    features: Feature
    helpers: typeof helpers
  }
}
