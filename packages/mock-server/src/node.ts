// Node host of the mock server: its handler on node:http (`@entitle/server/node`), with the data in
// memory or, with `dataDir`, in an embedded PGlite database that survives restarts.
import { resolve } from 'node:path'
import { type RunningServer as HttpServer, serve } from '@entitle/server/node'
import { pgliteStore } from '@entitle/server/pglite'
import { createHandler, type HandlerOptions, type MockHandler } from './handler.js'

/** Options of `startServer`: the handler's, plus where to listen and where to keep data. */
export interface ServerOptions extends HandlerOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number
  /** Default `'127.0.0.1'` (loopback only). */
  host?: string
  /**
   * Keep the data (customers, usage, idempotency keys, the moved clock) in this directory, an
   * embedded PGlite database, across restarts. Default: in memory only.
   */
  dataDir?: string
  /** Host this handler (from `createHandler`) instead of creating one from the options. */
  handler?: MockHandler
}

/** A running mock server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string
  port: number
  handler: MockHandler
  /** Ends SSE streams and held requests, closes every connection and the store, and resolves once closed. */
  close(): Promise<void>
}

/** Hosts the mock server's handler on node:http (127.0.0.1 by default). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const ownsStore = options.handler === undefined && options.store === undefined
  const handler =
    options.handler ??
    createHandler({
      ...options,
      ...(options.store === undefined && options.dataDir !== undefined
        ? { store: pgliteStore({ dataDir: resolve(options.dataDir) }) }
        : {}),
    })
  try {
    await handler.ready
  } catch (error) {
    if (ownsStore) await handler.store.close().catch(() => {})
    throw error
  }
  const http: HttpServer = await serve(handler, {
    port: options.port ?? 4010,
    host: options.host ?? '127.0.0.1',
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    onClose: () => handler.close(),
  })
  let closing: Promise<void> | undefined
  return {
    url: http.url,
    port: http.port,
    handler,
    close() {
      closing ??= http.close().then(() => (ownsStore ? handler.store.close() : undefined))
      return closing
    },
  }
}
