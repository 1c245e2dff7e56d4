// @entitle/react/testing: the real client over an in-memory backend, one line per scenario.
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineHelpers, useCatalog, useEntitlement, useEntitlements, useReportUsage } from '../src/index.js'
import {
  createTestClient,
  createTestSnapshot,
  logpilotCatalog,
  type ScenarioName,
  scenarios,
  TestEntitlementsProvider,
} from '../src/testing/index.js'
import { NOW } from './fixtures.js'

function InviteButton() {
  const seats = useEntitlement('seats')
  if (seats.reason === 'loading') return <p>Checking your plan…</p>
  return seats.granted ? (
    <button type="button">Invite a member</button>
  ) : (
    <p>Upgrade to invite more members</p>
  )
}

const realFetch = vi.fn(() => Promise.reject(new Error('the network must not be used')))
beforeEach(() => {
  vi.stubGlobal('fetch', realFetch)
})
afterEach(() => {
  vi.unstubAllGlobals()
  realFetch.mockClear()
})

describe('TestEntitlementsProvider', () => {
  it('tests gated UI in one line per scenario, with no network', () => {
    render(
      <TestEntitlementsProvider scenario="over-hard-limit">
        <InviteButton />
      </TestEntitlementsProvider>,
    )
    expect(screen.getByText('Upgrade to invite more members')).toBeInTheDocument()

    render(
      <TestEntitlementsProvider scenario="granted-all">
        <InviteButton />
      </TestEntitlementsProvider>,
    )
    expect(screen.getByRole('button', { name: 'Invite a member' })).toBeInTheDocument()
    expect(realFetch).not.toHaveBeenCalled()
  })

  it.each<[ScenarioName, string, Partial<ReturnType<typeof useEntitlement>>]>([
    ['granted-all', 'seats', { granted: true, reason: 'unlimited' }],
    ['over-hard-limit', 'seats', { granted: false, reason: 'limit-exceeded', usage: 3, limit: 3 }],
    ['over-soft-limit', 'api-calls', { granted: true, reason: 'soft-limit-exceeded', usage: 52_300 }],
    ['trial-expiring', 'ai-assistant', { granted: true, source: 'trial' }],
    ['trial-expired', 'ai-assistant', { granted: false, reason: 'expired', source: 'trial' }],
    ['loading', 'seats', { granted: false, reason: 'loading' }],
  ])('scenario %s: %s is %o on the first render', (scenario, feature, expected) => {
    const first: unknown[] = []
    renderHook(
      () => {
        const d = useEntitlement(feature)
        if (first.length === 0) first.push(d)
        return d
      },
      {
        wrapper: ({ children }: { children: ReactNode }) => (
          <TestEntitlementsProvider scenario={scenario} now={NOW}>
            {children}
          </TestEntitlementsProvider>
        ),
      },
    )
    expect(first[0]).toMatchObject(expected)
  })

  it('outage: the fetch fails like a down server; fail-open and fallbacks decide, and the error is state', async () => {
    const { result } = renderHook(
      () => ({ e: useEntitlements(), seats: useEntitlement('seats'), ai: useEntitlement('ai-assistant') }),
      {
        wrapper: ({ children }: { children: ReactNode }) => (
          <TestEntitlementsProvider
            scenario="outage"
            fallback={{ seats: { kind: 'metered', limit: 5, usage: 0 } }}
          >
            {children}
          </TestEntitlementsProvider>
        ),
      },
    )
    await waitFor(() => expect(result.current.e.error?.code).toBe('network'))
    expect(result.current.ai).toMatchObject({ granted: true, isFallback: true })
    expect(result.current.seats).toMatchObject({ granted: true, isFallback: true, limit: 5 })
    expect(realFetch).not.toHaveBeenCalled()
  })

  it('loading: the request never answers, so checks stay `loading`', async () => {
    const { client, server } = createTestClient({ scenario: 'loading' })
    const { result } = renderHook(() => useEntitlement('api-access'), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestEntitlementsProvider client={client}>{children}</TestEntitlementsProvider>
      ),
    })
    await waitFor(() => expect(server.requests).toContain('GET /v1/customers/test-customer/entitlements'))
    expect(result.current.reason).toBe('loading')
    expect(client.getState().status).toBe('loading')
  })

  it('usage goes through the real client: optimistic, refused at the hard limit, rolled back', async () => {
    const { result } = renderHook(
      () => ({ report: useReportUsage('seats'), seats: useEntitlement('seats', { requested: 0 }) }),
      {
        wrapper: ({ children }: { children: ReactNode }) => (
          <TestEntitlementsProvider snapshot={createTestSnapshot({ plan: 'basic', usage: { seats: 2 } })}>
            {children}
          </TestEntitlementsProvider>
        ),
      },
    )
    expect(result.current.seats.usage).toBe(2)
    await act(async () => {
      await result.current.report.report(1)
    })
    expect(result.current.seats.usage).toBe(3)
    await act(async () => {
      await result.current.report.report(1)
    })
    expect(result.current.report.error).toMatchObject({ code: 'limit_exceeded' })
    expect(result.current.seats.usage).toBe(3)
  })

  it('a plan change opens the gate without a reload', async () => {
    const { client } = createTestClient({ scenario: 'over-hard-limit' })
    render(
      <TestEntitlementsProvider client={client}>
        <InviteButton />
      </TestEntitlementsProvider>,
    )
    expect(screen.getByText('Upgrade to invite more members')).toBeInTheDocument()
    await act(async () => {
      await client.changePlan('premium')
    })
    expect(screen.getByRole('button', { name: 'Invite a member' })).toBeInTheDocument()
  })

  it('useCatalog loads the catalog from the in-memory backend, shared by every consumer', async () => {
    const { client, server } = createTestClient({ scenario: 'over-hard-limit' })
    const { result } = renderHook(() => [useCatalog(), useCatalog()] as const, {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestEntitlementsProvider client={client}>{children}</TestEntitlementsProvider>
      ),
    })
    expect(result.current[0].isLoading).toBe(true)
    await waitFor(() =>
      expect(result.current[1].catalog?.plans.map((p) => p.id)).toEqual(['basic', 'premium', 'enterprise']),
    )
    expect(result.current[0].catalog).toBe(result.current[1].catalog)
    expect(server.requests.filter((r) => r === 'GET /v1/catalog')).toHaveLength(1)
  })

  it('events reach onEvent', () => {
    const onEvent = vi.fn()
    render(
      <TestEntitlementsProvider scenario="over-hard-limit" onEvent={onEvent}>
        <InviteButton />
      </TestEntitlementsProvider>,
    )
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'check_denied', feature: 'seats' }))
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'limit_reached', feature: 'seats' }))
  })
})

// The app's helpers, as the README defines them (this program registers no `Register['helpers']`,
// hence the cast that an app's augmentation makes unnecessary).
const helpers = defineHelpers((check, { value }) => ({
  canInviteMembers: (n: number) => check('seats', { requested: n }).granted,
  retentionDays: () => value('retention-days', 1),
}))
type WithHelpers = ReturnType<typeof useEntitlements> & ReturnType<typeof helpers>

function HelperInviteButton() {
  const { canInviteMembers } = useEntitlements() as WithHelpers
  return canInviteMembers(1) ? <button type="button">Invite</button> : <p>All seats are taken</p>
}

describe('TestEntitlementsProvider and the app helpers', () => {
  it('runs the helpers passed as helpers={helpers} on the scenario data', () => {
    render(
      <TestEntitlementsProvider scenario="over-hard-limit" helpers={helpers}>
        <HelperInviteButton />
      </TestEntitlementsProvider>,
    )
    expect(screen.getByText('All seats are taken')).toBeInTheDocument()
    render(
      <TestEntitlementsProvider scenario="granted-all" helpers={helpers}>
        <HelperInviteButton />
      </TestEntitlementsProvider>,
    )
    expect(screen.getByRole('button', { name: 'Invite' })).toBeInTheDocument()
  })

  it('a helper it was not given fails saying what to pass, not "canInviteMembers is not a function"', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}) // React reports the render error too
    expect(() =>
      render(
        <TestEntitlementsProvider scenario="over-hard-limit">
          <HelperInviteButton />
        </TestEntitlementsProvider>,
      ),
    ).toThrow(
      new TypeError(
        '[entitle] useEntitlements().canInviteMembers is not a function: this provider was given no helpers. ' +
          'Pass your defineHelpers(…) definition to the provider: <EntitlementsProvider client={client} helpers={helpers}>, ' +
          'and in tests <TestEntitlementsProvider scenario="…" helpers={helpers}> (from @entitle/react/testing).',
      ),
    )
    vi.restoreAllMocks()
  })

  it('names the helpers the provider has when the one called is not among them', () => {
    const others = defineHelpers((check) => ({ canExportLogs: () => check('api-access').granted }))
    const { result } = renderHook(() => useEntitlements() as WithHelpers, {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestEntitlementsProvider helpers={others}>{children}</TestEntitlementsProvider>
      ),
    })
    expect(() => result.current.canInviteMembers(1)).toThrow(
      `useEntitlements().canInviteMembers is not a function: it is not among this provider's helpers (canExportLogs). Add "canInviteMembers" to your defineHelpers(…) definition`,
    )
    // What the value has reads as usual; inspecting it (matchers, printing, await) stays harmless.
    expect(result.current).toMatchObject({ isLoading: false, customerId: 'test-customer' })
    expect(Object.keys(result.current)).not.toContain('canInviteMembers')
    expect(JSON.stringify({ id: result.current.customerId })).toBe('{"id":"test-customer"}')
  })

  it('in production builds a missing helper is simply absent (the check and its message are dropped)', () => {
    vi.stubEnv('NODE_ENV', 'production')
    try {
      const { result } = renderHook(() => useEntitlements() as WithHelpers, {
        wrapper: ({ children }: { children: ReactNode }) => (
          <TestEntitlementsProvider>{children}</TestEntitlementsProvider>
        ),
      })
      expect(result.current.canInviteMembers).toBeUndefined()
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe('scenarios and createTestSnapshot', () => {
  it('are built on the LogPilot catalog', () => {
    const s = scenarios['over-soft-limit'](NOW).snapshot
    expect(s?.plan).toEqual({ id: 'premium', name: 'Premium' })
    expect(s?.entitlements['api-calls']).toMatchObject({
      usage: 52_300,
      limit: 50_000,
      resetsAt: '2026-12-01T00:00:00.000Z',
    })
    expect(Object.keys(createTestSnapshot({ now: NOW }).entitlements).sort()).toEqual(
      logpilotCatalog.features.map((f) => f.id).sort(),
    )
  })

  it('follows the backend: an add-on not sold with the plan is a clear error, and the larger config value wins', () => {
    expect(() => createTestSnapshot({ plan: 'basic', addons: ['extra-seats'], now: NOW })).toThrow(
      'createTestSnapshot: add-on "extra-seats" is not available for plan "basic" (only premium)',
    )
    const catalog = {
      ...logpilotCatalog,
      addons: [
        ...logpilotCatalog.addons,
        {
          id: 'short-retention',
          name: 'Short retention',
          price: null,
          availableFor: ['premium'],
          grants: { 'retention-days': { kind: 'config' as const, value: 7 } },
        },
      ],
    }
    const s = createTestSnapshot({ plan: 'premium', addons: ['short-retention'], catalog, now: NOW })
    expect(s.entitlements['retention-days']).toMatchObject({ kind: 'config', value: 14, source: 'plan' })
  })

  it('add-ons raise limits; overrides replace or remove entitlements', () => {
    const s = createTestSnapshot({
      plan: 'premium',
      addons: ['extra-seats', 'ai-addon'],
      entitlements: { 'premium-support': null },
      now: NOW,
    })
    expect(s.entitlements.seats).toMatchObject({ limit: 15 })
    expect(s.entitlements['ai-assistant']).toMatchObject({ kind: 'boolean', source: 'addon' })
    expect(s.entitlements['premium-support']).toBeUndefined()
    expect(s.addons).toEqual([
      { id: 'extra-seats', name: '+5 seats' },
      { id: 'ai-addon', name: 'AI assistant' },
    ])
    expect(createTestSnapshot({ plan: 'premium', now: NOW }).addons).toEqual([])
  })

  it('the in-memory backend lists owned add-ons after a plan change buys them, as the mock server does', async () => {
    const { client, server } = createTestClient({ scenario: 'over-soft-limit', now: NOW })
    expect(client.getState().snapshot?.addons).toEqual([])
    const bought = await client.changePlan('premium', { addons: ['ai-addon'] })
    expect(bought.addons).toEqual([{ id: 'ai-addon', name: 'AI assistant' }])
    expect(client.getState().snapshot?.addons).toEqual(bought.addons)
    // Buying one more: the owned ones go along (an explicit list replaces them).
    const owned = (client.getState().snapshot?.addons ?? []).map((a) => a.id)
    const more = await client.changePlan('premium', { addons: [...owned, 'extra-seats'] })
    expect(more.addons?.map((a) => a.id)).toEqual(['ai-addon', 'extra-seats'])
    expect(more.entitlements.seats).toMatchObject({ limit: 15 })
    // Omitted: the owned add-ons sold with the plan are kept; a plan they are not sold for drops them.
    expect((await client.changePlan('premium')).addons?.map((a) => a.id)).toEqual(['ai-addon', 'extra-seats'])
    expect((await client.changePlan('enterprise')).addons).toEqual([])
    await expect(client.changePlan('basic', { addons: ['ai-addon'] })).rejects.toMatchObject({
      code: 'bad_request',
    })
    await expect(client.changePlan('premium', { addons: ['gold'] })).rejects.toMatchObject({
      code: 'bad_request',
    })
    expect(server.snapshot?.plan?.id).toBe('enterprise')
  })
})
