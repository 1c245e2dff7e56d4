// `/v1/customers/:id/…`: what a customer's own token reaches.
import {
  type Catalog,
  changeSubscription,
  checkIdempotencyKey,
  type SubscriptionChange,
} from '@entitle/core/engine'
import type { Authenticate } from '../auth/types.js'
import type { Operations } from '../operations.js'
import { ApiError, methodNotAllowed, rawJsonResponse } from './errors.js'
import {
  nonZeroIntegerField,
  onlyFields,
  optionalBooleanField,
  optionalStringArrayField,
  optionalStringField,
  readJsonObject,
  stringField,
} from './request.js'
import type { SseHub } from './sse.js'

export interface CustomerRoutesOptions {
  catalog: Catalog
  authenticate: Authenticate
  operations: Operations
  hub: SseHub
  clock: () => number
  maxBodyBytes: number
}

/** Compares an `If-None-Match` list with a (weak) ETag, by weak comparison. */
function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const strip = (tag: string): string => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag))
}

/** `at`: `'now'` (default) or `'period_end'`. */
export function whenField(body: Record<string, unknown>): 'now' | 'period_end' | undefined {
  const at = body.at
  if (at === undefined || at === 'now' || at === 'period_end') return at
  throw new ApiError(400, 'invalid_request', 'at: must be "now" or "period_end"')
}

const etagHeaders = (etag: string): Record<string, string> => ({ etag, 'cache-control': 'private, no-cache' })

export function createCustomerRoutes(options: CustomerRoutesOptions) {
  const { authenticate, operations, hub, clock, maxBodyBytes, catalog } = options

  /** 401 without a valid token, 403 for another customer's (whether or not it exists), else the id. */
  async function authorize(request: Request, customerId: string): Promise<void> {
    const authenticated = await authenticate(request)
    if (authenticated === null) {
      throw new ApiError(
        401,
        'unauthorized',
        request.headers.has('authorization')
          ? 'invalid bearer token'
          : 'missing bearer token (Authorization: Bearer …)',
        {
          'www-authenticate': request.headers.has('authorization')
            ? 'Bearer error="invalid_token"'
            : 'Bearer',
        },
      )
    }
    if (authenticated !== customerId)
      throw new ApiError(403, 'forbidden', `this token cannot access customer "${customerId}"`)
  }

  return async function customerRoute(
    request: Request,
    customerId: string,
    resource: string,
    signal: () => AbortSignal,
  ): Promise<Response> {
    const method = request.method
    switch (resource) {
      case 'entitlements': {
        if (method !== 'GET') throw methodNotAllowed('GET')
        await authorize(request, customerId)
        const view = await operations.view(customerId)
        const ifNoneMatch = request.headers.get('if-none-match')
        if (ifNoneMatch && etagMatches(ifNoneMatch, view.etag))
          return new Response(null, { status: 304, headers: etagHeaders(view.etag) })
        return rawJsonResponse(view.json(clock()), 200, etagHeaders(view.etag))
      }
      case 'usage': {
        if (method !== 'POST') throw methodNotAllowed('POST')
        await authorize(request, customerId)
        const body = await readJsonObject(request, maxBodyBytes)
        onlyFields(body, ['feature', 'amount', 'idempotencyKey'])
        const feature = stringField(body, 'feature')
        const amount = nonZeroIntegerField(body, 'amount')
        const fromBody = optionalStringField(body, 'idempotencyKey', 255)
        const header = request.headers.get('idempotency-key')
        const idempotencyKey =
          fromBody !== undefined
            ? checkIdempotencyKey(fromBody)
            : header
              ? checkIdempotencyKey(header, 'Idempotency-Key')
              : undefined
        const answer = await operations.reportUsage(customerId, { feature, amount }, idempotencyKey)
        return rawJsonResponse(
          answer.body,
          answer.status,
          answer.replayed ? { 'idempotent-replayed': 'true' } : undefined,
        )
      }
      case 'subscription': {
        if (method !== 'PUT') throw methodNotAllowed('PUT')
        await authorize(request, customerId)
        const body = await readJsonObject(request, maxBodyBytes)
        onlyFields(body, ['planId', 'addons', 'trial', 'at'])
        const change: SubscriptionChange = {
          planId: stringField(body, 'planId'),
          addons: optionalStringArrayField(body, 'addons'),
          trial: optionalBooleanField(body, 'trial'),
          at: whenField(body),
        }
        const view = await operations.updateState(customerId, (state, now) =>
          changeSubscription(catalog, state, change, now),
        )
        return rawJsonResponse(view.json(clock()), 200, etagHeaders(view.etag))
      }
      default: {
        if (method !== 'GET') throw methodNotAllowed('GET')
        await authorize(request, customerId)
        await operations.view(customerId)
        return hub.open(customerId, signal())
      }
    }
  }
}
