// `/v1/admin/…`: management over HTTP. Off unless an admin secret is configured; the secret is
// compared in constant time and is never a customer's token (customer routes do not accept it).
import { type Grant, parseGrant, RuleError } from '@entitle/core/engine'
import type { EntitlementsAdmin } from '../admin.js'
import { bearerToken } from '../auth/types.js'
import { whenField } from './customerRoutes.js'
import { ApiError, jsonResponse, methodNotAllowed } from './errors.js'
import {
  onlyFields,
  optionalBooleanField,
  optionalInstantField,
  optionalStringArrayField,
  optionalStringField,
  readJsonObject,
  stringField,
} from './request.js'
import { secretsEqual } from './secret.js'

export interface AdminRoutesOptions {
  admin: EntitlementsAdmin
  /** The secret; `undefined` turns the whole API off (404). */
  adminToken: string | undefined
  maxBodyBytes: number
}

const ADMIN_ROUTE =
  /^\/v1\/admin\/customers(?:\/([^/]+)(?:\/(subscription|promotions|overrides|billing)(?:\/([^/]+))?)?)?$/

function grantField(body: Record<string, unknown>, field: string): Grant | null | undefined {
  const value = body[field]
  if (value === undefined || value === null) return value
  try {
    return parseGrant(value, field)
  } catch (error) {
    throw new RuleError('invalid_request', error instanceof Error ? error.message : String(error))
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new ApiError(404, 'not_found', 'malformed path segment')
  }
}

export function createAdminRoutes({ admin, adminToken, maxBodyBytes }: AdminRoutesOptions) {
  async function authorize(request: Request): Promise<void> {
    if (adminToken === undefined)
      throw new ApiError(404, 'not_found', 'the admin API is disabled (no admin token configured)')
    const token = bearerToken(request)
    if (token === null || !(await secretsEqual(token, adminToken))) {
      throw new ApiError(401, 'unauthorized', 'invalid admin token', {
        'www-authenticate': 'Bearer error="invalid_token"',
      })
    }
  }

  const body = (request: Request) => readJsonObject(request, maxBodyBytes)

  /** Answers an `/v1/admin/…` request, or `undefined` when the path is not one of the server's. */
  return async function adminRoute(request: Request, path: string): Promise<Response | undefined> {
    if (path === '/v1/admin/seed') {
      await authorize(request)
      if (request.method !== 'POST') throw methodNotAllowed('POST')
      return jsonResponse(await admin.seed(await body(request)))
    }
    const match = ADMIN_ROUTE.exec(path)
    if (!match) return undefined
    await authorize(request)
    const method = request.method
    const [, rawId, resource, rawFeature] = match
    if (rawId === undefined) {
      if (method === 'GET') return jsonResponse({ customers: await admin.listCustomers() })
      if (method !== 'POST') throw methodNotAllowed('GET, POST')
      const input = await body(request)
      onlyFields(input, ['id', 'planId', 'addons', 'stripeCustomerId'])
      const planId = input.planId === null ? null : optionalStringField(input, 'planId')
      const stripeCustomerId =
        input.stripeCustomerId === null ? null : optionalStringField(input, 'stripeCustomerId')
      const addons = optionalStringArrayField(input, 'addons')
      const snapshot = await admin.createCustomer({
        id: stringField(input, 'id', 128),
        ...(planId === undefined ? {} : { planId }),
        ...(stripeCustomerId === undefined ? {} : { stripeCustomerId }),
        ...(addons === undefined ? {} : { addons }),
      })
      return jsonResponse(snapshot, 201)
    }
    const customerId = decode(rawId)
    const feature = rawFeature === undefined ? undefined : decode(rawFeature)
    switch (resource) {
      case undefined: {
        if (method === 'DELETE') {
          if (!(await admin.deleteCustomer(customerId)))
            throw new ApiError(404, 'not_found', `unknown customer "${customerId}"`)
          return new Response(null, { status: 204 })
        }
        if (method !== 'GET') throw methodNotAllowed('GET, DELETE')
        const customer = await admin.getCustomer(customerId)
        if (customer === undefined) throw new ApiError(404, 'not_found', `unknown customer "${customerId}"`)
        return jsonResponse({ customer })
      }
      case 'subscription': {
        if (method !== 'PUT' || feature !== undefined) throw methodNotAllowed('PUT')
        const input = await body(request)
        onlyFields(input, ['planId', 'addons', 'trial', 'at'])
        return jsonResponse(
          await admin.changeSubscription(customerId, {
            planId: stringField(input, 'planId'),
            addons: optionalStringArrayField(input, 'addons'),
            trial: optionalBooleanField(input, 'trial'),
            at: whenField(input),
          }),
        )
      }
      case 'billing': {
        if (method !== 'PUT' || feature !== undefined) throw methodNotAllowed('PUT')
        const input = await body(request)
        onlyFields(input, ['pastDue'])
        if (input.pastDue === null) return jsonResponse(await admin.resolvePastDue(customerId))
        if (typeof input.pastDue !== 'object' || input.pastDue === undefined)
          throw new RuleError('invalid_request', 'pastDue: an object { graceEndsAt } or null (paid)')
        const pastDue = input.pastDue as Record<string, unknown>
        onlyFields(pastDue, ['graceEndsAt'])
        const graceEndsAt = optionalInstantField(pastDue, 'graceEndsAt')
        return jsonResponse(
          await admin.markPastDue(
            customerId,
            graceEndsAt === undefined || graceEndsAt === null ? {} : { graceEndsAt },
          ),
        )
      }
      case 'promotions': {
        if (method === 'DELETE' && feature !== undefined)
          return jsonResponse(await admin.endPromotions(customerId, feature))
        if (method !== 'POST' || feature !== undefined)
          throw methodNotAllowed('POST (or DELETE …/promotions/:feature)')
        const input = await body(request)
        onlyFields(input, ['feature', 'grant', 'endsAt'])
        const grant = grantField(input, 'grant')
        if (grant === null)
          throw new RuleError(
            'invalid_request',
            'grant: a promotion grants something; use an override to revoke',
          )
        return jsonResponse(
          await admin.grantPromotion(customerId, {
            feature: stringField(input, 'feature'),
            ...(grant === undefined ? {} : { grant }),
            endsAt: optionalInstantField(input, 'endsAt') ?? null,
          }),
        )
      }
      default: {
        if (feature === undefined)
          throw new ApiError(404, 'not_found', 'use /v1/admin/customers/:id/overrides/:feature')
        if (method === 'DELETE') return jsonResponse(await admin.clearOverride(customerId, feature))
        if (method !== 'PUT') throw methodNotAllowed('PUT, DELETE')
        const input = await body(request)
        onlyFields(input, ['grant', 'endsAt'])
        const grant = grantField(input, 'grant')
        if (grant === undefined)
          throw new RuleError('invalid_request', 'grant: is required (null revokes the feature)')
        return jsonResponse(
          await admin.setOverride(customerId, {
            feature,
            grant,
            endsAt: optionalInstantField(input, 'endsAt') ?? null,
          }),
        )
      }
    }
  }
}
