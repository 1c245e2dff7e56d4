// A miniature app that registers its catalog's feature ids and its business helpers globally, the
// way the README shows. Checked by test/register.test.ts with its own TypeScript program (a global
// augmentation must not leak into the workspace's type check). Every @ts-expect-error must be needed.
import type { FeatureIdsOf } from '@entitle/core'
import { defineHelpers, useAccess, useEntitlement, useEntitlements, useReportUsage } from '@entitle/react'
import type { logpilotCatalog } from '@entitle/react/testing'

export const helpers = defineHelpers((check, { value }) => ({
  canInviteMembers: (n: number) => check('seats', { requested: n }).granted,
  retentionDays: () => value('retention-days', 3),
  // @ts-expect-error unknown feature key inside a helper
  canUseTypo: () => check('seets').granted,
}))

declare module '@entitle/core' {
  interface Register {
    features: FeatureIdsOf<typeof logpilotCatalog>
    helpers: typeof helpers
  }
}

export function InviteButton() {
  const { canInviteMembers, retentionDays, check } = useEntitlements()
  const seats = useEntitlement('seats', { requested: 2 })
  const report = useReportUsage('api-calls')
  const access = useAccess({ feature: 'ai-assistant', flag: 'ai' })
  const ok: boolean = canInviteMembers(2)
  const days: number = retentionDays()

  // @ts-expect-error wrong helper argument
  canInviteMembers('x')
  // @ts-expect-error unknown helper
  useEntitlements().canExportLogs()
  // @ts-expect-error unknown feature key
  useEntitlement('seets')
  // @ts-expect-error unknown feature key
  check('api-call')
  // @ts-expect-error unknown feature key
  useReportUsage('seat')
  // @ts-expect-error unknown feature key
  useAccess({ feature: 'ai' })

  return (
    <button type="button" disabled={!ok || !seats.granted || !access.allowed || report.isPending}>
      Invite ({days} days of logs)
    </button>
  )
}
