import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EntitlementsClientState, LiveStatus } from '../src/clientTypes.js'
import { EntitlementsError } from '../src/errors.js'
import { evaluate } from '../src/evaluate.js'
import type { EntitlementsSnapshot } from '../src/types.js'
// Imported up front so the client's lazy `import('./waitFor.js')` resolves from the module cache.
import {
  type Waitable,
  type WaitCondition,
  type WaitForOptions,
  waitFor as waitWith,
} from '../src/waitFor.js'
import { createFakeServer, type FakeServer, snapshotOf } from './fakeServer.js'
import { clientFor, SERVER_NOW, stateWhere } from './helpers.js'

const waitFor = (client: Waitable, condition: WaitCondition, options: WaitForOptions = {}) =>
  waitWith(
    client,
    condition,
    options,
    (code, message, cause) => new EntitlementsError(code, message, { cause }),
  )

const locked = (version = 1) => snapshotOf('acme', version, {})
const unlocked = (version = 2) =>
  snapshotOf('acme', version, { 'ai-assistant': { kind: 'boolean', source: 'plan', expiresAt: null } })

/** A controllable client: the test sets its state (a snapshot arriving, the stream opening) and counts fetches. */
function fakeClient(snapshot: EntitlementsSnapshot | undefined, live: LiveStatus = 'off') {
  const listeners = new Set<() => void>()
  let state: EntitlementsClientState = {
    customerId: 'acme',
    snapshot,
    status: snapshot ? 'success' : 'loading',
    error: null,
    isStale: false,
    pendingUsage: 0,
    live,
  }
  const fetched: number[] = []
  const client: Waitable = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    refresh: async () => {
      fetched.push(Date.now() - SERVER_NOW)
      return state.snapshot as EntitlementsSnapshot
    },
    check: (feature, options) => ({ ...evaluate(state.snapshot, feature, options), isStale: state.isStale }),
  }
  return {
    client,
    fetched,
    listeners,
    set(next: Partial<EntitlementsClientState>) {
      state = { ...state, ...next }
      for (const listener of [...listeners]) listener()
    },
  }
}

/** Settles a promise's outcome into an inspectable box, so pending can be asserted under fake timers. */
function track<T>(promise: Promise<T>) {
  const box: { value?: T; error?: EntitlementsError; settled: boolean } = { settled: false }
  promise.then(
    (value) => Object.assign(box, { value, settled: true }),
    (error: EntitlementsError) => Object.assign(box, { error, settled: true }),
  )
  return box
}

describe('waitFor (a controllable client, fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('resolves at once when the condition already holds, without a fetch', async () => {
    const fake = fakeClient(unlocked())
    await expect(waitFor(fake.client, { feature: 'ai-assistant' })).resolves.toMatchObject({ version: 2 })
    expect(fake.fetched).toEqual([])
    expect(fake.listeners.size).toBe(0)
  })

  it('no stream: polls with backoff (500 ms doubling, capped at 5 s) and resolves on the answer that satisfies', async () => {
    const fake = fakeClient(locked())
    const wait = track(waitFor(fake.client, { feature: 'ai-assistant' }))
    await vi.advanceTimersByTimeAsync(12_500)
    expect(fake.fetched).toEqual([0, 500, 1500, 3500, 7500, 12_500])
    expect(wait.settled).toBe(false)
    fake.set({ snapshot: unlocked() })
    await vi.advanceTimersByTimeAsync(0)
    expect(wait.value).toMatchObject({ version: 2 })
    // Nothing keeps running after it resolved.
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fake.fetched).toHaveLength(6)
    expect(fake.listeners.size).toBe(0)
  })

  it('with the stream open: no fetch, the snapshot it brings resolves the wait', async () => {
    const fake = fakeClient(locked(), 'open')
    const wait = track(waitFor(fake.client, { feature: 'ai-assistant' }))
    await vi.advanceTimersByTimeAsync(3000)
    expect(fake.fetched).toEqual([])
    fake.set({ snapshot: unlocked() }) // what a live event does
    await vi.advanceTimersByTimeAsync(0)
    expect(wait.value).toMatchObject({ version: 2 })
  })

  it('with the stream open, a slow safety poll still asks the server, in case an event was lost', async () => {
    const fake = fakeClient(locked(), 'open')
    track(waitFor(fake.client, { feature: 'ai-assistant' }, { timeoutMs: 20_000 }))
    await vi.advanceTimersByTimeAsync(18_000)
    // Ticks at 0, .5, 1.5, 3.5, 7.5, 12.5, 17.5 s; only those once the backoff reached its 5 s cap fetch.
    expect(fake.fetched).toEqual([7500, 12_500, 17_500])
  })

  it('the stream dropping mid-wait: polling takes over', async () => {
    const fake = fakeClient(locked(), 'open')
    track(waitFor(fake.client, { feature: 'ai-assistant' }))
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.fetched).toEqual([])
    fake.set({ live: 'reconnecting' })
    await vi.advanceTimersByTimeAsync(2600)
    expect(fake.fetched).toEqual([1500, 3500])
  })

  it('times out with code "timeout", and stops polling', async () => {
    const fake = fakeClient(locked())
    const wait = track(waitFor(fake.client, { feature: 'ai-assistant' }, { timeoutMs: 4000 }))
    await vi.advanceTimersByTimeAsync(3999)
    expect(wait.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(wait.error?.code).toBe('timeout')
    expect(wait.error?.message).toBe('waitFor: the condition did not hold within 4000 ms')
    const polls = fake.fetched.length
    fake.set({ snapshot: unlocked() })
    await vi.advanceTimersByTimeAsync(30_000)
    expect(fake.fetched).toHaveLength(polls)
    expect(fake.listeners.size).toBe(0)
  })

  it('an abort rejects with code "aborted" (with the reason as cause) and stops everything', async () => {
    const fake = fakeClient(locked())
    const controller = new AbortController()
    const wait = track(waitFor(fake.client, { feature: 'ai-assistant' }, { signal: controller.signal }))
    await vi.advanceTimersByTimeAsync(600)
    controller.abort(new Error('navigated away'))
    await vi.advanceTimersByTimeAsync(0)
    expect(wait.error?.code).toBe('aborted')
    expect(wait.error?.cause).toEqual(new Error('navigated away'))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fake.fetched).toEqual([0, 500])
    expect(fake.listeners.size).toBe(0)
  })

  it('an already aborted signal rejects at once, without a fetch', async () => {
    const fake = fakeClient(locked())
    await expect(
      waitFor(fake.client, { feature: 'ai-assistant' }, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'aborted' })
    expect(fake.fetched).toEqual([])
  })

  it('only confirmed data counts: not a fallback, not a stale or restored snapshot', async () => {
    const fake = fakeClient(undefined)
    const wait = track(waitFor(fake.client, { feature: 'ai-assistant' }))
    fake.set({ snapshot: unlocked(), isStale: true }) // restored from storage, say
    await vi.advanceTimersByTimeAsync(0)
    expect(wait.settled).toBe(false)
    fake.set({ isStale: false })
    await vi.advanceTimersByTimeAsync(0)
    expect(wait.value).toMatchObject({ version: 2 })
  })

  it('metered: waits until `requested` more units fit', async () => {
    const meter = (limit: number, version: number) =>
      snapshotOf('acme', version, {
        seats: {
          kind: 'metered',
          usage: 3,
          limit,
          enforcement: 'hard',
          resetPeriod: null,
          resetsAt: null,
          source: 'plan',
          expiresAt: null,
        },
      })
    const fake = fakeClient(meter(3, 1))
    const wait = track(waitFor(fake.client, { feature: 'seats', requested: 2 }))
    fake.set({ snapshot: meter(4, 2) })
    await vi.advanceTimersByTimeAsync(0)
    expect(wait.settled).toBe(false)
    fake.set({ snapshot: meter(10, 3) })
    await vi.advanceTimersByTimeAsync(0)
    expect(wait.value?.version).toBe(3)
  })

  it('a predicate on the snapshot', async () => {
    const fake = fakeClient(locked(1))
    const wait = track(waitFor(fake.client, (s) => s.plan?.id === 'premium'))
    fake.set({ snapshot: { ...locked(2), plan: { id: 'premium', name: 'Premium' } } })
    await vi.advanceTimersByTimeAsync(0)
    expect(wait.value?.version).toBe(2)
  })
})

describe('client.waitFor (the real client on the fake server)', () => {
  let server: FakeServer
  beforeEach(() => {
    vi.useFakeTimers({ now: SERVER_NOW })
    server = createFakeServer()
    server.setSnapshot(locked(1))
  })
  afterEach(async () => {
    vi.useRealTimers()
    await server.close()
  })

  it('polls the server until the webhook has landed', async () => {
    const client = clientFor(server)
    client.start()
    await stateWhere(client, (s) => s.status === 'success')
    const wait = track(client.waitFor({ feature: 'ai-assistant' }))
    await vi.advanceTimersByTimeAsync(1200)
    expect(wait.settled).toBe(false)
    server.setSnapshot(unlocked(2)) // the webhook, 1.2 s later
    await vi.advanceTimersByTimeAsync(300) // the poll at 1.5 s sees it
    expect(wait.value).toMatchObject({ version: 2 })
    expect(client.check('ai-assistant').granted).toBe(true)
    client.stop()
  })

  it('follows the live stream when it is open: no extra fetch', async () => {
    const client = clientFor(server, { live: true })
    client.start()
    const connection = await server.nextConnection()
    await stateWhere(client, (s) => s.live === 'open' && s.status === 'success')
    const fetches = server.count('GET', '/v1/customers/acme/entitlements')
    const wait = track(client.waitFor({ feature: 'ai-assistant' }))
    await vi.advanceTimersByTimeAsync(2000)
    connection.snapshot(unlocked(2))
    await vi.advanceTimersByTimeAsync(0)
    expect(wait.value).toMatchObject({ version: 2 })
    expect(server.count('GET', '/v1/customers/acme/entitlements')).toBe(fetches)
    client.stop()
  })
})
