// A Web Locks stand-in (Node 20 has no `navigator.locks`): exclusive locks by name, granted in request
// order, held until the callback's promise settles; a request whose signal aborts while it waits is
// dropped (rejected with an AbortError), as in browsers.
interface Waiter {
  callback: () => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  signal?: AbortSignal | undefined
}

export class FakeLockManager {
  private readonly held = new Set<string>()
  private readonly queues = new Map<string, Waiter[]>()

  /** Names currently held (for assertions). */
  holders(): string[] {
    return [...this.held]
  }

  request(name: string, options: { signal?: AbortSignal }, callback: () => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { callback, resolve, reject, signal: options.signal }
      if (options.signal?.aborted) return reject(new DOMException('aborted', 'AbortError'))
      options.signal?.addEventListener('abort', () => {
        const queue = this.queues.get(name) ?? []
        const index = queue.indexOf(waiter)
        if (index < 0) return
        queue.splice(index, 1)
        reject(new DOMException('aborted', 'AbortError'))
      })
      const queue = this.queues.get(name) ?? []
      this.queues.set(name, queue)
      queue.push(waiter)
      this.next(name)
    })
  }

  private next(name: string) {
    if (this.held.has(name)) return
    const waiter = this.queues.get(name)?.shift()
    if (!waiter) return
    this.held.add(name)
    const release = () => {
      this.held.delete(name)
      this.next(name)
    }
    Promise.resolve()
      .then(() => waiter.callback())
      .then(
        (value) => {
          release()
          waiter.resolve(value)
        },
        (error: unknown) => {
          release()
          waiter.reject(error)
        },
      )
  }
}
