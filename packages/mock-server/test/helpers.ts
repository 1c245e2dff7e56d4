// Shared test helpers: a real server on 127.0.0.1 (port 0) with a controllable clock.
import type { Entitlement, EntitlementsSnapshot, MeteredEntitlement } from '@entitle/core'
import { type RunningServer, type ServerOptions, startServer } from '../src/node.js'

/** 2026-03-15 12:00 UTC, a Sunday in the middle of a month. */
export const T0 = Date.parse('2026-03-15T12:00:00.000Z')
export const DAY = 86_400_000
export const ADMIN = 'test-admin'

/** The union of the API's JSON bodies that tests read. */
export interface ApiBody extends Partial<Omit<EntitlementsSnapshot, 'entitlements'>> {
  error?: { code: string; message: string }
  entitlements?: Record<string, Entitlement>
  entitlement?: MeteredEntitlement
  [key: string]: unknown
}

/** Narrows an entitlement to a metered one (fails the test otherwise). */
export function metered(e: Entitlement | undefined): MeteredEntitlement {
  if (e?.kind !== 'metered') throw new Error(`expected a metered entitlement, got ${JSON.stringify(e)}`)
  return e
}

export interface ApiResult<T = ApiBody> {
  status: number
  headers: Headers
  json: T
  text: string
}

export interface TestServer {
  server: RunningServer
  url: string
  clock: { now: number }
  /** A JSON request; `token` becomes `Authorization: Bearer …` (default `demo-<customer>` is NOT implied). */
  call<T = ApiBody>(
    method: string,
    path: string,
    init?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResult<T>>
  close(): Promise<void>
}

/** Starts a server; its clock is `clock.now` (move it by assigning). */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const clock = { now: T0 }
  const server = await startServer({ port: 0, now: () => clock.now, adminToken: ADMIN, ...options })
  return {
    server,
    url: server.url,
    clock,
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers }
      if (init.token) headers.authorization = `Bearer ${init.token}`
      let body: string | undefined
      if (init.rawBody !== undefined) body = init.rawBody
      else if (init.body !== undefined) body = JSON.stringify(init.body)
      if (body !== undefined) headers['content-type'] ??= 'application/json'
      const res = await fetch(`${server.url}${path}`, { method, headers, body })
      const text = await res.text()
      let json: unknown
      try {
        json = text ? JSON.parse(text) : undefined
      } catch {
        json = undefined
      }
      return { status: res.status, headers: res.headers, json: json as never, text }
    },
    close: () => server.close(),
  }
}

/** Reads server-sent events from a fetch response, one at a time. */
export function sseReader(response: Response) {
  if (!response.body) throw new Error('no body')
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  return {
    /** The next event or comment block. */
    async next(): Promise<{ event?: string; data?: string; id?: string; comment?: string }> {
      for (;;) {
        const end = buffer.indexOf('\n\n')
        if (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const out: { event?: string; data?: string; id?: string; comment?: string } = {}
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) out.comment = line.slice(1).trim()
            else if (line.startsWith('event: ')) out.event = line.slice(7)
            else if (line.startsWith('data: ')) out.data = line.slice(6)
            else if (line.startsWith('id: ')) out.id = line.slice(4)
          }
          return out
        }
        const { done, value } = await reader.read()
        if (done) throw new Error('stream ended')
        buffer += decoder.decode(value, { stream: true })
      }
    },
    /** The next `snapshot` event's data, parsed (skipping heartbeats). */
    async nextSnapshot(): Promise<EntitlementsSnapshot> {
      for (let i = 0; i < 100; i++) {
        const e = await this.next()
        if (e.event === 'snapshot' && e.data) return JSON.parse(e.data) as EntitlementsSnapshot
      }
      throw new Error('no snapshot within 100 events')
    },
    /** Resolves true when the stream ends. */
    async ended(): Promise<boolean> {
      for (let i = 0; i < 1000; i++) {
        const { done } = await reader.read()
        if (done) return true
      }
      return false
    },
    cancel: () => reader.cancel(),
  }
}
