// The one module where LogPilot's pages turn entitlements into product questions (as in apps/demo):
// pages call these helpers and never ask which plan a customer is on.
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

export const helpers = defineHelpers((check) => ({
  /** May the workspace add `n` more members? A hint for the UI: the invite action asks the server. */
  canInviteMembers: (n = 1) => check('seats', { requested: n }).granted,
}))

declare module '@entitle/core' {
  interface Register {
    features: Feature
    helpers: typeof helpers
  }
}
