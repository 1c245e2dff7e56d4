// `@entitle/server/node`: hosts a Fetch-API handler (`createEntitlementsServer`'s, or any) on
// node:http, 127.0.0.1 by default. Bodies are read here and handed to the handler beside the
// Request; SSE responses stream, everything else is written in one go.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hostWritesKnownBody, knownBody } from './http/errors.js'
import { attachBody, DEFAULT_MAX_BODY_BYTES } from './http/request.js'
import type { RequestContext } from './server.js'

/** A Fetch-API handler, as `createEntitlementsServer` returns. */
export type FetchHandler = (request: Request, context?: RequestContext) => Promise<Response>

export interface ServeOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number
  /** Default `'127.0.0.1'` (loopback only). */
  host?: string
  /** Largest body read (the handler answers 413 past its own limit). Default 1 MiB. */
  maxBodyBytes?: number
  /** Called before the server closes its connections (e.g. `server.close()` of the handler). */
  onClose?: () => void | Promise<void>
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string
  port: number
  /** Ends open streams (through `onClose`), closes every connection, and resolves once closed. */
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

/** Hosts `handler` on node:http. */
export async function serve(handler: FetchHandler, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  let base = ''

  const server = createServer(async (req, res) => {
    // Created only when the handler asks (event streams): most requests never need one, and a
    // Request with a signal costs more than the rest of a small request.
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
    // The client left before the response ended (an SSE stream).
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
      // Node gives the path as sent; an absolute-form or odd target falls back to URL parsing.
      const target = req.url ?? '/'
      const request = new Request(target.startsWith('/') ? base + target : new URL(target, base), {
        method,
        headers,
      })
      if (body) attachBody(request, body)
      hostWritesKnownBody(request)
      const response = await handler(request, context)
      if (res.destroyed) return
      await writeResponse(response, res)
    } catch (error) {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify({ error: { code: 'internal', message: 'internal error' } }))
      }
      if (!(error instanceof Error && error.name === 'AbortError')) console.error('[entitle server]', error)
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
    close() {
      closing ??= (async () => {
        await options.onClose?.()
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose())
          server.closeAllConnections()
        })
      })()
      return closing
    },
  }
}
