// Node host: the handler on node:http, plus file persistence for `--state`.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, resolve } from 'node:path'
import { knownBody } from './errors.js'
import { createHandler, type HandlerOptions, type MockHandler, type RequestContext } from './handler.js'
import { attachBody, DEFAULT_MAX_BODY_BYTES } from './request.js'
import type { StatePersistence } from './state.js'

/**
 * Keeps state in a JSON file. Each save writes a temporary file, fsyncs it, renames it over the
 * old one and fsyncs the directory: a crash (even `kill -9` or power loss) leaves either the old
 * or the new state, never a torn file.
 */
export function fileStatePersistence(path: string): StatePersistence {
  const file = resolve(path)
  const dir = dirname(file)
  mkdirSync(dir, { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  return {
    load() {
      try {
        return readFileSync(file, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    save(json) {
      const fd = openSync(tmp, 'w')
      try {
        writeSync(fd, json)
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      renameSync(tmp, file)
      try {
        const dirFd = openSync(dir, 'r')
        try {
          fsyncSync(dirFd)
        } finally {
          closeSync(dirFd)
        }
      } catch {
        // Some platforms cannot fsync a directory; the rename is still atomic there.
      }
    },
  }
}

/** Options of `startServer`: the handler's, plus where to listen. */
export interface ServerOptions extends HandlerOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number
  /** Default `'127.0.0.1'` (loopback only). */
  host?: string
  /** Keep state in this JSON file across restarts (see `fileStatePersistence`). Default: in memory only. */
  statePath?: string
  /**
   * Host this handler (from `createHandler`) instead of creating one from the options. Request
   * bodies reach it pre-read beside the `Request` (which itself has no body), so wrap it only in
   * ways that pass the `Request` object through.
   */
  handler?: MockHandler
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string
  port: number
  handler: MockHandler
  /** Ends SSE streams and held requests, closes every connection, and resolves once closed. */
  close(): Promise<void>
}

/** Reads a body, keeping at most `limit + 1` bytes (enough for the handler to answer 413). */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let kept = 0
    let seen = 0
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length
      // The rest of an oversized body is read and dropped, so the client can finish sending and
      // read the 413; past 64 MiB it is not worth reading any more.
      if (seen > 64 * 1024 * 1024) req.destroy()
      if (kept > limit) return
      chunks.push(chunk)
      kept += chunk.length
    })
    const done = (): void => {
      const body = Buffer.concat(chunks)
      resolveBody(new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>)
    }
    req.on('end', done)
    // A destroyed request never ends; settle anyway (nobody will read the response).
    req.on('close', done)
    req.on('error', reject)
  })
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, key) => {
    headers[key] = value
  })
  const streaming = response.headers.get('content-type')?.startsWith('text/event-stream') === true
  if (!response.body || !streaming) {
    const known = knownBody(response)
    const body = known ?? (response.body ? Buffer.from(await response.arrayBuffer()) : undefined)
    // An explicit length spares chunked encoding (and its extra terminating write).
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body))
    res.writeHead(response.status, headers)
    res.end(body)
    return
  }
  res.writeHead(response.status, headers)
  res.flushHeaders()
  res.socket?.setNoDelay(true)
  const reader = response.body.getReader()
  res.on('close', () => {
    reader.cancel().catch(() => {})
  })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      res.write(value)
    }
  } catch {
    // The stream was cancelled because the client left.
  }
  res.end()
}

/**
 * Hosts the mock server's handler on node:http (127.0.0.1 by default), converting
 * IncomingMessage ↔ Request/Response; SSE responses stream, everything else is buffered.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const handler =
    options.handler ??
    createHandler({
      ...options,
      ...(options.statePath !== undefined ? { persistence: fileStatePersistence(options.statePath) } : {}),
    })
  const host = options.host ?? '127.0.0.1'
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  let base = ''

  const server = createServer(async (req, res) => {
    // Created only when the handler asks (held requests, SSE): most requests never need one, and
    // a Request with a signal costs more than the rest of a small request.
    let abort: AbortController | undefined
    let gone = false
    const context: RequestContext = {
      get signal() {
        if (!abort) {
          abort = new AbortController()
          if (gone) abort.abort()
        }
        return abort.signal
      },
    }
    // The client left before the response ended (a held request, an SSE stream).
    res.on('close', () => {
      if (res.writableFinished) return
      gone = true
      abort?.abort()
    })
    try {
      const headers = new Headers()
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string)
      }
      const method = req.method ?? 'GET'
      const hasBody = method !== 'GET' && method !== 'HEAD'
      const body = hasBody ? await readBody(req, maxBody) : undefined
      const request = new Request(new URL(req.url ?? '/', base), { method, headers })
      if (body) attachBody(request, body)
      const response = await handler(request, context)
      if (res.destroyed) return
      await writeResponse(response, res)
    } catch (error) {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify({ error: { code: 'internal', message: 'internal error' } }))
      }
      if (!(error instanceof Error && error.name === 'AbortError'))
        console.error('[entitle mock-server]', error)
    }
  })
  server.keepAliveTimeout = 10_000

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  base = `http://${urlHost}:${port}`

  let closing: Promise<void> | undefined
  return {
    url: base,
    port,
    handler,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        handler.close()
        server.close(() => resolveClose())
        server.closeAllConnections()
      })
      return closing
    },
  }
}
