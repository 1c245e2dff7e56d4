// The built-in cache alone: one request for simultaneous fetches, fresh data served without one,
// errors kept beside the last data, cancel settles at once and keeps what was there.
import { describe, expect, it, vi } from 'vitest'
import { createMemoryCache, hashOf } from '../src/cache.js'

const deferred = <T>() => {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('createMemoryCache', () => {
  const key = ['entitle', 'test', 'acme', 'entitlements'] as const
  const hash = hashOf(key)

  it('one request for simultaneous fetches; fresh data without one; a failure keeps the data', async () => {
    const cache = createMemoryCache()
    const answers = [deferred<string>(), deferred<string>()]
    const queryFn = vi.fn(
      () => (answers[queryFn.mock.calls.length - 1] as ReturnType<typeof deferred<string>>).promise,
    )
    const query = { queryKey: key, queryFn }
    const changed = vi.fn()
    cache.subscribe(changed)
    const a = cache.fetch(query, 0)
    const b = cache.fetch(query, 0)
    answers[0]?.resolve('v1')
    await expect(Promise.all([a, b])).resolves.toEqual(['v1', 'v1'])
    expect(queryFn).toHaveBeenCalledTimes(1)
    expect(changed).toHaveBeenCalledWith(hash)
    await expect(cache.fetch(query, 60_000)).resolves.toBe('v1') // fresh
    expect(queryFn).toHaveBeenCalledTimes(1)
    const c = cache.fetch(query, 0)
    answers[1]?.reject(new Error('down'))
    await expect(c).rejects.toThrow('down')
    expect(cache.read(hash)).toMatchObject({ data: 'v1', status: 'error', error: new Error('down') })
  })

  it('write: a server answer sets success; a local change keeps status and age', () => {
    const cache = createMemoryCache()
    const query = { queryKey: key, queryFn: async () => 'x' }
    cache.write(query, 'restored', 0)
    expect(cache.read(hash)).toMatchObject({ data: 'restored', status: 'success', dataUpdatedAt: 0 })
    cache.write(query, 'optimistic')
    expect(cache.read(hash)).toMatchObject({ data: 'optimistic', dataUpdatedAt: 0 })
  })

  it('cancel rejects at once with aborted, even if the fetch ignores its signal, and keeps the entry as it was', async () => {
    const cache = createMemoryCache()
    const deaf = deferred<string>()
    const query = { queryKey: key, queryFn: () => deaf.promise }
    cache.write(query, 'before', 1)
    const running = cache.fetch(query, 0)
    cache.cancel(query)
    await expect(running).rejects.toMatchObject({ code: 'aborted' })
    deaf.resolve('late')
    await Promise.resolve()
    expect(cache.read(hash)).toMatchObject({ data: 'before', status: 'success' })
  })
})
