// CORS for apps served from another origin (a Vite dev server, another host). Off unless
// configured: mounted in the app itself (a Next.js route handler), the API is same-origin.
import { ApiError, errorResponse } from './errors.js'

const ALLOWED_HEADERS =
  'Authorization, Content-Type, Idempotency-Key, If-None-Match, Last-Event-ID, Stripe-Signature'
const EXPOSED_HEADERS = 'ETag, Idempotent-Replayed, Retry-After'
const METHODS = 'GET, POST, PUT, DELETE, OPTIONS'

export interface Cors {
  /** Answers an `OPTIONS` request. */
  preflight(request: Request): Response
  /** Adds the CORS headers an allowed origin's response needs. */
  decorate(request: Request, response: Response): Response
}

/** `'*'`: any origin (echoed back, with `Vary: Origin`); a list: exactly those; empty: none. */
export function createCors(origins: readonly string[]): Cors {
  const anyOrigin = origins.includes('*')
  const allowed = (origin: string): boolean => anyOrigin || origins.includes(origin)
  return {
    preflight(request) {
      const origin = request.headers.get('origin')
      if (!origin || !request.headers.get('access-control-request-method'))
        return new Response(null, { status: 204, headers: { allow: METHODS } })
      if (!allowed(origin)) {
        return errorResponse(
          new ApiError(
            403,
            'cors_origin_not_allowed',
            `origin ${origin} is not allowed (corsOrigin / --cors-origin)`,
          ),
        )
      }
      const requested = request.headers.get('access-control-request-headers')
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': METHODS,
          'access-control-allow-headers': requested ? `${ALLOWED_HEADERS}, ${requested}` : ALLOWED_HEADERS,
          'access-control-max-age': '600',
          vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        },
      })
    },
    decorate(request, response) {
      const origin = request.headers.get('origin')
      if (origin && allowed(origin)) {
        response.headers.set('access-control-allow-origin', origin)
        response.headers.set('access-control-expose-headers', EXPOSED_HEADERS)
        response.headers.append('vary', 'Origin')
      }
      return response
    },
  }
}
