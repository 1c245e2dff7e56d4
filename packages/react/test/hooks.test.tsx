import { type EntitlementsClientState, EntitlementsError } from '@entitle/core'
import { act, render, renderHook, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { StrictMode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import {
  defineHelpers,
  EntitlementsProvider,
  useAccess,
  useCatalog,
  useEntitlement,
  useEntitlements,
  useEntitlementsClient,
  usePaywall,
  useReportUsage,
  useTrack,
} from '../src/index.js'
import { logpilotCatalog } from '../src/testing/logpilotCatalog.js'
import { createFakeClient, type FakeClient } from './fakeClient.js'
import { acme, globex } from './fixtures.js'

function Probe({ onRender }: { onRender: () => void }) {
  onRender()
  return null
}

function Seats() {
  const d = useEntitlement('seats')
  return <p>{d.reason}</p>
}

function wrapper(client: FakeClient, extra: Partial<Parameters<typeof EntitlementsProvider>[0]> = {}) {
  return ({ children }: { children: ReactNode }) => (
    <EntitlementsProvider client={client} {...extra}>
      {children}
    </EntitlementsProvider>
  )
}

describe('EntitlementsProvider', () => {
  it('starts the client after mount and stops it on unmount (not during render)', () => {
    const client = createFakeClient({ snapshot: acme() })
    let startsDuringRender = -1
    const { unmount } = render(
      <EntitlementsProvider client={client}>
        <Probe
          onRender={() => {
            startsDuringRender = client.starts
          }}
        />
      </EntitlementsProvider>,
    )
    expect(startsDuringRender).toBe(0)
    expect(client.starts).toBe(1)
    unmount()
    expect(client.stops).toBe(1)
  })

  it('hooks outside a provider throw a clear error', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useEntitlementsClient())).toThrow(/inside <EntitlementsProvider/)
    expect(() => renderHook(() => useEntitlement('seats'))).toThrow(/useEntitlement\(\) must be used inside/)
    vi.restoreAllMocks()
  })

  it('warns in development when the queryClient prop is not the client cache', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = createFakeClient({ snapshot: acme() })
    render(<EntitlementsProvider client={client} queryClient={createFakeClient().queryClient} />)
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('createEntitlementsClient({ queryClient })'))
    warn.mockClear()
    render(<EntitlementsProvider client={client} queryClient={client.queryClient} />)
    expect(warn).not.toHaveBeenCalled()
    vi.restoreAllMocks()
  })
})

describe('useEntitlement', () => {
  it('returns the decision and follows usage changes of its feature', () => {
    const client = createFakeClient({ snapshot: acme() })
    const { result } = renderHook(() => useEntitlement('seats'), { wrapper: wrapper(client) })
    expect(result.current).toMatchObject({ granted: false, reason: 'limit-exceeded', usage: 3, limit: 3 })
    act(() => client.setUsage('seats', 2))
    expect(result.current).toMatchObject({ granted: true, reason: 'within-limit', remaining: 1 })
  })

  it('takes `requested` into account', () => {
    const client = createFakeClient({ snapshot: globex() })
    const { result, rerender } = renderHook(({ n }) => useEntitlement('seats', { requested: n }), {
      wrapper: wrapper(client),
      initialProps: { n: 3 },
    })
    expect(result.current.granted).toBe(true)
    rerender({ n: 4 })
    expect(result.current).toMatchObject({ granted: false, reason: 'limit-exceeded', requested: 4 })
  })

  it('is `loading` (not denied) before any data, then the real decision', () => {
    const client = createFakeClient()
    const { result } = renderHook(() => useEntitlement('api-access'), { wrapper: wrapper(client) })
    expect(result.current.reason).toBe('loading')
    expect(client.events).toEqual([])
    act(() => client.setSnapshot(globex()))
    expect(result.current).toMatchObject({ granted: true, reason: 'entitled' })
  })

  it('returns the same Decision object while its fields are equal', () => {
    const client = createFakeClient({ snapshot: acme() })
    const { result } = renderHook(() => useEntitlement('advanced-filtering'), { wrapper: wrapper(client) })
    const first = result.current
    act(() => client.setUsage('seats', 1))
    expect(result.current).toBe(first)
  })

  it('reports check_denied and limit_reached once per transition, from an effect', () => {
    const client = createFakeClient({ snapshot: acme() })
    const { rerender } = render(
      <StrictMode>
        <EntitlementsProvider client={client}>
          <Seats />
        </EntitlementsProvider>
      </StrictMode>,
    )
    expect(client.events).toEqual([
      { type: 'check_denied', feature: 'seats', reason: 'limit-exceeded', requested: 1 },
      { type: 'limit_reached', feature: 'seats', reason: 'limit-exceeded', usage: 3, limit: 3 },
    ])
    rerender(
      <StrictMode>
        <EntitlementsProvider client={client}>
          <Seats />
        </EntitlementsProvider>
      </StrictMode>,
    )
    act(() => client.setUsage('api-calls', 10)) // another feature changes: no new event
    expect(client.events).toHaveLength(2)
    act(() => client.setUsage('seats', 1)) // granted again
    act(() => client.setUsage('seats', 3)) // denied again: a new transition
    expect(client.events.map((e) => e.type)).toEqual([
      'check_denied',
      'limit_reached',
      'check_denied',
      'limit_reached',
    ])
    expect(screen.getByText('limit-exceeded')).toBeInTheDocument()
  })

  it('reports limit_reached (without check_denied) when a soft limit is exceeded', () => {
    const client = createFakeClient({ snapshot: globex() })
    renderHook(() => useEntitlement('api-calls'), { wrapper: wrapper(client) })
    expect(client.events).toEqual([
      {
        type: 'limit_reached',
        feature: 'api-calls',
        reason: 'soft-limit-exceeded',
        usage: 52_300,
        limit: 50_000,
      },
    ])
  })

  it('reports not-entitled denials as check_denied only', () => {
    const client = createFakeClient({ snapshot: acme() })
    renderHook(() => useEntitlement('ai-assistant'), { wrapper: wrapper(client) })
    expect(client.events).toEqual([{ type: 'check_denied', feature: 'ai-assistant', reason: 'not-entitled' }])
  })

  it('unsubscribes on unmount', () => {
    const client = createFakeClient({ snapshot: acme() })
    const { unmount } = renderHook(() => useEntitlement('seats'), { wrapper: wrapper(client) })
    expect(client.listenerCount()).toBe(1)
    unmount()
    expect(client.listenerCount()).toBe(0)
  })
})

const helpers = defineHelpers((check, { value }) => ({
  canInviteMembers: (n: number) => check('seats', { requested: n }).granted,
  retentionDays: () => value('retention-days', 1),
  hasAi: () => check('ai-assistant').granted,
}))

describe('useEntitlements', () => {
  it('exposes state, checks, values and the business helpers', () => {
    const client = createFakeClient({ snapshot: globex() })
    const { result } = renderHook(() => useEntitlements(), { wrapper: wrapper(client, { helpers }) })
    const e = result.current as ReturnType<typeof useEntitlements> & ReturnType<typeof helpers>
    expect(e.isLoading).toBe(false)
    expect(e.customerId).toBe('globex')
    expect(e.snapshot?.plan?.id).toBe('premium')
    expect(e.check('api-access').granted).toBe(true)
    expect(e.value('retention-days', 0)).toBe(14)
    expect(e.canInviteMembers(3)).toBe(true)
    expect(e.canInviteMembers(4)).toBe(false)
    expect(e.retentionDays()).toBe(14)
    expect(e.hasAi()).toBe(true)
  })

  it('re-renders on any client change, and helpers see the new data', () => {
    const client = createFakeClient({ snapshot: globex() })
    let renders = 0
    const { result } = renderHook(
      () => {
        renders++
        return useEntitlements() as ReturnType<typeof useEntitlements> & ReturnType<typeof helpers>
      },
      { wrapper: wrapper(client, { helpers }) },
    )
    const before = renders
    act(() => client.setUsage('seats', 10))
    expect(renders).toBe(before + 1)
    expect(result.current.canInviteMembers(1)).toBe(false)
  })

  it('isLoading before data; error and isStale after a failed refresh', () => {
    const client = createFakeClient()
    const { result } = renderHook(() => useEntitlements(), { wrapper: wrapper(client) })
    expect(result.current.isLoading).toBe(true)
    act(() => client.setSnapshot(acme()))
    act(() => client.fail(new EntitlementsError('server', 'boom', { status: 503 })))
    expect(result.current).toMatchObject({ isLoading: false, isStale: true })
    expect(result.current.error?.code).toBe('server')
  })

  it('exposes the live-updates connection, re-rendering when it changes; off when a client does not say', () => {
    const fake = createFakeClient({ snapshot: globex() })
    expect(renderHook(() => useEntitlements(), { wrapper: wrapper(fake) }).result.current.live).toBe('off')

    let state: EntitlementsClientState = { ...fake.getState(), live: 'connecting' }
    const listeners = new Set<() => void>()
    const client: FakeClient = {
      ...fake,
      getState: () => state,
      subscribe(listener) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    }
    const { result } = renderHook(() => useEntitlements(), { wrapper: wrapper(client) })
    expect(result.current.live).toBe('connecting')
    for (const live of ['open', 'reconnecting', 'off'] as const) {
      act(() => {
        state = { ...state, live }
        for (const listener of listeners) listener()
      })
      expect(result.current.live).toBe(live)
    }
  })

  it('warns when a helper would shadow a built-in field (and keeps the built-in)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = createFakeClient({ snapshot: acme() })
    const shadowing = defineHelpers(() => ({ check: () => 'nope' }))
    const { result } = renderHook(() => useEntitlements(), {
      wrapper: wrapper(client, { helpers: shadowing }),
    })
    expect(result.current.check('seats').feature).toBe('seats')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('helper "check" is ignored'))
    vi.restoreAllMocks()
  })
})

describe('useReportUsage', () => {
  it('is optimistic, pending until the server answers, and surfaces a refusal as state after rollback', async () => {
    const client = createFakeClient({ snapshot: globex() })
    const { result } = renderHook(() => ({ r: useReportUsage('seats'), d: useEntitlement('seats') }), {
      wrapper: wrapper(client),
    })
    let promise!: Promise<unknown>
    act(() => {
      promise = result.current.r.report(2, { idempotencyKey: 'k1' })
    })
    expect(result.current.r.isPending).toBe(true)
    expect(result.current.d.usage).toBe(9)
    expect(client.usageCalls[0]).toMatchObject({ feature: 'seats', amount: 2, idempotencyKey: 'k1' })

    await act(async () => {
      client.usageCalls[0]?.deferred.reject(
        new EntitlementsError('limit_exceeded', 'no more seats', { status: 409 }),
      )
      await expect(promise).resolves.toBeUndefined()
    })
    expect(result.current.r.isPending).toBe(false)
    expect(result.current.r.error).toMatchObject({ code: 'limit_exceeded' })
    expect(result.current.d.usage).toBe(7)
    act(() => result.current.r.reset())
    expect(result.current.r.error).toBeNull()
  })

  it('resolves with the server answer', async () => {
    const client = createFakeClient({ snapshot: globex() })
    const { result } = renderHook(() => useReportUsage('seats'), { wrapper: wrapper(client) })
    let promise!: Promise<unknown>
    act(() => {
      promise = result.current.report(1)
    })
    const answer = { entitlement: { kind: 'metered', usage: 8 } as never, version: 13 }
    await act(async () => {
      client.usageCalls[0]?.deferred.resolve(answer)
      await expect(promise).resolves.toBe(answer)
    })
    expect(result.current).toMatchObject({ isPending: false, error: null })
  })
})

describe('useAccess', () => {
  const flags: Record<string, boolean> = { 'new-ui': true, 'beta-ai': false }
  const resolveFlag = (f: string) => flags[f] ?? false
  const hasPermission = (p: string) => p === 'members:invite'

  function access(client: FakeClient, opts: Parameters<typeof useAccess>[0]) {
    return renderHook(() => useAccess(opts), { wrapper: wrapper(client, { resolveFlag, hasPermission }) })
      .result.current
  }

  it('checks the flag, then the entitlement, then the permission', () => {
    const client = createFakeClient({ snapshot: globex() })
    expect(access(client, { flag: 'beta-ai', feature: 'ai-assistant' })).toMatchObject({
      allowed: false,
      deniedBy: 'flag',
    })
    expect(access(client, { flag: 'new-ui', feature: 'seats', requested: 5 })).toMatchObject({
      allowed: false,
      deniedBy: 'entitlement',
      decision: { reason: 'limit-exceeded' },
    })
    expect(access(client, { feature: 'seats', permission: 'billing:manage' })).toMatchObject({
      allowed: false,
      deniedBy: 'permission',
    })
    expect(access(client, { flag: 'new-ui', feature: 'seats', permission: 'members:invite' })).toMatchObject({
      allowed: true,
      deniedBy: null,
      decision: { granted: true },
    })
  })

  it('reports check_denied only when the entitlement is what denies', () => {
    const client = createFakeClient({ snapshot: acme() })
    access(client, { flag: 'beta-ai', feature: 'ai-assistant' })
    expect(client.events).toEqual([])
    access(client, { flag: 'new-ui', feature: 'ai-assistant' })
    expect(client.events).toEqual([{ type: 'check_denied', feature: 'ai-assistant', reason: 'not-entitled' }])
  })

  it('denies a flag or permission without its resolver, with a dev warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = createFakeClient({ snapshot: globex() })
    const { result } = renderHook(() => useAccess({ flag: 'x', feature: 'seats' }), {
      wrapper: wrapper(client),
    })
    expect(result.current.deniedBy).toBe('flag')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('without <EntitlementsProvider resolveFlag>'))
    vi.restoreAllMocks()
  })
})

describe('usePaywall', () => {
  it('opens and closes a paywall shared by the provider, defaulting the reason to the decision', () => {
    const client = createFakeClient({ snapshot: acme() })
    const { result } = renderHook(() => ({ a: usePaywall(), b: usePaywall() }), { wrapper: wrapper(client) })
    expect(result.current.a).toMatchObject({ isOpen: false, feature: null })
    act(() => result.current.a.open({ feature: 'seats', requested: 1 }))
    expect(result.current.b).toMatchObject({
      isOpen: true,
      feature: 'seats',
      reason: 'limit-exceeded',
      requested: 1,
    })
    act(() => result.current.b.close())
    expect(result.current.a).toMatchObject({ isOpen: false, feature: 'seats' })
  })

  it('keeps one store per provider', () => {
    const client = createFakeClient({ snapshot: acme() })
    const one = renderHook(() => usePaywall(), { wrapper: wrapper(client) })
    const two = renderHook(() => usePaywall(), { wrapper: wrapper(client) })
    act(() => one.result.current.open({ feature: 'api-access', reason: 'not-entitled' }))
    expect(one.result.current.isOpen).toBe(true)
    expect(two.result.current.isOpen).toBe(false)
  })
})

describe('useCatalog and useTrack', () => {
  it('loads the catalog after mount', async () => {
    const client = createFakeClient({ snapshot: acme() })
    const { result } = renderHook(() => useCatalog(), { wrapper: wrapper(client) })
    expect(result.current).toMatchObject({ catalog: undefined, isLoading: true, error: null })
    await act(async () => client.catalogLoad?.resolve(logpilotCatalog))
    expect(result.current.isLoading).toBe(false)
    expect(result.current.catalog?.plans.map((p) => p.id)).toEqual(['basic', 'premium', 'enterprise'])
  })

  it('surfaces a catalog error as state', async () => {
    const client = createFakeClient({ snapshot: acme() })
    const { result } = renderHook(() => useCatalog(), { wrapper: wrapper(client) })
    await act(async () => client.catalogLoad?.reject(new EntitlementsError('network', 'down')))
    expect(result.current).toMatchObject({ catalog: undefined, isLoading: false, error: { code: 'network' } })
  })

  it('useTrack forwards UI events to the client', () => {
    const client = createFakeClient({ snapshot: acme() })
    const { result } = renderHook(() => useTrack(), { wrapper: wrapper(client) })
    result.current({ type: 'paywall_viewed', feature: 'seats', reason: 'limit-exceeded' })
    expect(client.events).toEqual([{ type: 'paywall_viewed', feature: 'seats', reason: 'limit-exceeded' }])
  })
})
