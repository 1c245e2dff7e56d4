// Shared test helpers: a real server on 127.0.0.1 (port 0) with a controllable clock, on the store
// the vitest project names (ENTITLE_TEST_STORE: memory by default, pglite, or postgres), so the same
// HTTP contract tests hold every store to the same answers.
import type { Entitlement, EntitlementsSnapshot, MeteredEntitlement } from '@entitle/core'
import type { Store } from '@entitle/server'
import { pgliteStore } from '@entitle/server/pglite'
import { postgresStore } from '@entitle/server/postgres'
import pg from 'pg'
import { inject } from 'vitest'
import { type RunningServer, type ServerOptions, startServer } from '../src/node.js'

let databases = 0

/** A database of its own on the test cluster (test files run in parallel; each resets its data). */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(inject('databaseUrl'))
  databases += 1
  const name = `entitle_t_${process.pid}_${Date.now().toString(36)}_${databases}`
  const admin = new pg.Client({ connectionString: base.href })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(base.href)
  url.pathname = `/${name}`
  return {
    url: url.href,
    async drop() {
      const client = new pg.Client({ connectionString: base.href })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}

/** The store of this test project, and how to dispose of it. */
export async function testStore(): Promise<{ store: Store; dispose(): Promise<void> }> {
  const kind = process.env.ENTITLE_TEST_STORE ?? 'memory'
  if (kind === 'pglite') {
    const store = pgliteStore()
    return { store, dispose: () => store.close() }
  }
  if (kind === 'postgres') {
    const database = await freshDatabase()
    const store = postgresStore({ connectionString: database.url, poolConfig: { max: 4 } })
    return {
      store,
      dispose: async () => {
        await store.close()
        await database.drop()
      },
    }
  }
  if (kind !== 'memory') throw new Error(`ENTITLE_TEST_STORE: unknown store "${kind}"`)
  return { store: (await import('@entitle/server')).memoryStore(), dispose: async () => {} }
}

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
  const { store, dispose } = await testStore()
  const server = await startServer({ port: 0, now: () => clock.now, adminToken: ADMIN, store, ...options })
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
    close: async () => {
      await server.close()
      await dispose()
    },
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
