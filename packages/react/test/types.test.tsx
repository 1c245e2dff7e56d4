// Type-level behaviour: typed feature keys and typed business helpers. Checked by `tsc -p
// tsconfig.check.json` (an unused @ts-expect-error is an error there); the `it` blocks run the same
// calls for real so the file is also a runtime test.
import type { Decision } from '@entitle/core'
import { renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  type CheckFn,
  createEntitlementsHooks,
  defineHelpers,
  EntitlementsProvider,
  type HelpersOf,
  type UseReportUsageResult,
} from '../src/index.js'
import type { LogPilotFeature } from '../src/testing/logpilotCatalog.js'
import { createFakeClient } from './fakeClient.js'
import { acme } from './fixtures.js'

const helpers = defineHelpers((check: CheckFn<LogPilotFeature>, { value }) => ({
  canInviteMembers: (n: number) => check('seats', { requested: n }).granted,
  retentionDays: () => value('retention-days', 3),
  hasAi: () => check('ai-assistant').granted,
}))

const hooks = createEntitlementsHooks<LogPilotFeature, HelpersOf<typeof helpers>>()

function wrapper({ children }: { children: ReactNode }) {
  return (
    <EntitlementsProvider client={createFakeClient({ snapshot: acme() })} helpers={helpers}>
      {children}
    </EntitlementsProvider>
  )
}

describe('typed feature keys and helpers', () => {
  it('helpers keep their signatures through useEntitlements()', () => {
    const { result } = renderHook(() => hooks.useEntitlements(), { wrapper })
    const e = result.current
    expectTypeOf(e.canInviteMembers).toEqualTypeOf<(n: number) => boolean>()
    expectTypeOf(e.retentionDays).returns.toEqualTypeOf<number>()
    expectTypeOf(e.check).parameter(0).toEqualTypeOf<LogPilotFeature>()
    expectTypeOf(e.value('retention-days', 7)).toEqualTypeOf<number>()
    expect(e.canInviteMembers(1)).toBe(false)
    expect(e.retentionDays()).toBe(3)

    // @ts-expect-error wrong helper argument: canInviteMembers takes a number
    e.canInviteMembers('x')
    // @ts-expect-error unknown helper (and at run time, in development, an error saying what to pass)
    expect(() => e.canExportLogs()).toThrow('is not among this provider')
    // @ts-expect-error unknown feature key
    e.check('seets')
  })

  it('useEntitlement / useReportUsage / useAccess reject unknown feature keys', () => {
    const { result } = renderHook(
      () => ({
        seats: hooks.useEntitlement('seats', { requested: 2 }),
        usage: hooks.useReportUsage('api-calls'),
        access: hooks.useAccess({ feature: 'api-access' }),
      }),
      { wrapper },
    )
    expectTypeOf(result.current.seats).toEqualTypeOf<Decision>()
    expectTypeOf(result.current.usage).toEqualTypeOf<UseReportUsageResult>()
    expectTypeOf(hooks.useEntitlement).parameter(0).toEqualTypeOf<LogPilotFeature>()
    expect(result.current.seats.granted).toBe(false)

    const typeOnly = () => {
      // @ts-expect-error unknown feature key
      hooks.useEntitlement('seets')
      // @ts-expect-error unknown feature key
      hooks.useReportUsage('api-call')
      // @ts-expect-error unknown feature key
      hooks.useAccess({ feature: 'api-acess' })
      // @ts-expect-error requested is a number
      hooks.useEntitlement('seats', { requested: '2' })
    }
    expect(typeOnly).toBeTypeOf('function')
  })

  it('an unknown feature key inside a helpers definition is a type error', () => {
    const bad = defineHelpers((check: CheckFn<LogPilotFeature>) => ({
      // @ts-expect-error unknown feature key
      canUseAi: () => check('ai-asistant').granted,
    }))
    expect(bad).toBeTypeOf('function')
  })

  it('helpers are plain functions: anything else in the definition is rejected', () => {
    // @ts-expect-error a helper must be a function
    const bad = defineHelpers(() => ({ seats: 3 }))
    expect(bad).toBeTypeOf('function')
  })
})
