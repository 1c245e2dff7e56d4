// MSW host: the same handler answers intercepted requests (Storybook, jsdom tests, the browser).
import { http } from 'msw'
import { createHandler, type HandlerOptions, type MockHandler } from './handler.js'

/** Options of `createMswHandlers`. */
export interface MswOptions {
  /**
   * Where the mock server "lives": requests under it are answered; its path (if any) is stripped
   * before routing. Default: any origin (`*`), so relative and absolute URLs both match.
   */
  baseUrl?: string
}

/**
 * MSW request handlers that answer `<baseUrl>/v1/*` and `<baseUrl>/health` with the mock server
 * handler (pass one to share its state, or options to create one).
 *
 * ```ts
 * const handler = createHandler()
 * const worker = setupWorker(...createMswHandlers(handler, { baseUrl: 'https://api.example.com' }))
 * ```
 */
export function createMswHandlers(
  handlerOrOptions: MockHandler | HandlerOptions = {},
  options: MswOptions = {},
) {
  const handler = typeof handlerOrOptions === 'function' ? handlerOrOptions : createHandler(handlerOrOptions)
  const base = (options.baseUrl ?? '*').replace(/\/+$/, '')
  const prefix = base === '*' ? '' : new URL(base).pathname.replace(/\/+$/, '')
  const forward = async ({ request }: { request: Request }): Promise<Response> => {
    if (!prefix) return handler(request)
    // Route on the path below the base URL.
    const url = new URL(request.url)
    url.pathname = url.pathname.slice(prefix.length) || '/'
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
    return handler(
      new Request(url, {
        method: request.method,
        headers: request.headers,
        body: hasBody ? await request.arrayBuffer() : undefined,
        signal: request.signal,
      }),
    )
  }
  return [http.all(`${base}/v1/*`, forward), http.all(`${base}/health`, forward)]
}
