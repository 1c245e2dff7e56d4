// State and listeners alone: one object while nothing changed, listeners told after a change, one
// broken listener never stopping the others.
import { describe, expect, it, vi } from 'vitest'
import { createStateStore, type StateInputs } from '../src/clientState.js'
import { EntitlementsError } from '../src/errors.js'
import { snapshotOf } from './fakeServer.js'

describe('createStateStore', () => {
  it('keeps the state object while its fields are equal; tells listeners only on change', () => {
    const inputs: StateInputs = {
      customerId: 'acme',
      entry: { data: snapshotOf('acme', 1), error: null, status: 'success', dataUpdatedAt: 1 },
      restored: true,
      pendingUsage: 0,
      catalog: undefined,
      live: 'off',
    }
    const store = createStateStore(
      () => inputs,
      (raw) => new EntitlementsError('network', String(raw)),
    )
    const first = store.compute()
    expect(first).toMatchObject({ status: 'success', isStale: true, customerId: 'acme' })
    expect(store.compute()).toBe(first)
    const listener = vi.fn()
    store.listeners.add(listener)
    store.update()
    expect(listener).not.toHaveBeenCalled()
    inputs.entry = { ...(inputs.entry as NonNullable<StateInputs['entry']>), status: 'error', error: 'boom' }
    store.update()
    expect(listener).toHaveBeenCalledTimes(1)
    const failed = store.compute()
    expect(failed).toMatchObject({ status: 'error', isStale: true, error: { code: 'network' } })
    expect(store.compute().error).toBe(failed.error) // the same error keeps its identity
  })

  it('a throwing listener does not stop the others', () => {
    const inputs: StateInputs = {
      customerId: 'a',
      entry: undefined,
      restored: false,
      pendingUsage: 0,
      catalog: undefined,
      live: 'off',
    }
    const store = createStateStore(
      () => inputs,
      (raw) => raw as EntitlementsError,
    )
    store.compute()
    const thrown: unknown[] = []
    vi.stubGlobal('queueMicrotask', (fn: () => void) => {
      try {
        fn()
      } catch (error) {
        thrown.push(error)
      }
    })
    const after = vi.fn()
    store.listeners.add(() => {
      throw new Error('bad listener')
    })
    store.listeners.add(after)
    inputs.customerId = 'b'
    store.update()
    vi.unstubAllGlobals()
    expect(after).toHaveBeenCalled()
    expect(thrown).toEqual([new Error('bad listener')])
  })
})
