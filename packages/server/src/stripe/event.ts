// Stripe's `entitlements.active_entitlement_summary.updated` event: its shape, checked after the
// signature is verified.
import { ApiError } from '../http/errors.js'

/** The event type the server applies. */
export const STRIPE_SUMMARY_EVENT = 'entitlements.active_entitlement_summary.updated'

/** One element of Stripe's active entitlement list (`entitlements.active_entitlement`). */
export interface StripeActiveEntitlement {
  id: string
  object: 'entitlements.active_entitlement'
  /** Stripe feature id (`feat_…`). */
  feature: string
  livemode: boolean
  /** The feature's lookup key: in Entitle, the feature id. */
  lookup_key: string
}

/** `data.object` of an `entitlements.active_entitlement_summary.updated` event. */
export interface StripeActiveEntitlementSummary {
  object: 'entitlements.active_entitlement_summary'
  customer: string
  entitlements: { object?: 'list'; data: StripeActiveEntitlement[]; has_more?: boolean; url?: string }
  livemode?: boolean
}

/** A Stripe event, reduced to what the server uses. */
export type ParsedStripeEvent =
  | {
      kind: 'summary'
      id: string
      created: number
      customer: string
      lookupKeys: string[]
      /** Stripe cut the list short: the summary is not the whole set until completed. */
      hasMore: boolean
    }
  | { kind: 'other'; id: string; type: string }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const badEvent = (message: string): ApiError =>
  new ApiError(400, 'invalid_request', `Stripe event: ${message}`)

/** Checks the shape of a (verified) Stripe event. */
export function parseStripeEvent(value: unknown): ParsedStripeEvent {
  if (!isRecord(value)) throw badEvent('must be a JSON object')
  const { id, type, created, data } = value
  if (typeof id !== 'string' || id === '') throw badEvent('id must be a non-empty string')
  if (typeof type !== 'string') throw badEvent('type must be a string')
  if (type !== STRIPE_SUMMARY_EVENT) return { kind: 'other', id, type }
  if (typeof created !== 'number' || !Number.isSafeInteger(created))
    throw badEvent('created must be an integer (epoch seconds)')
  const object = isRecord(data) ? data.object : undefined
  if (!isRecord(object)) throw badEvent('data.object must be an object')
  if (typeof object.customer !== 'string' || object.customer === '')
    throw badEvent('data.object.customer must be a string')
  const list = isRecord(object.entitlements) ? object.entitlements.data : undefined
  if (!Array.isArray(list)) throw badEvent('data.object.entitlements.data must be an array')
  const lookupKeys = list.map((item: unknown, i) => {
    if (!isRecord(item) || typeof item.lookup_key !== 'string' || item.lookup_key === '') {
      throw badEvent(`data.object.entitlements.data[${i}].lookup_key must be a non-empty string`)
    }
    return item.lookup_key
  })
  const hasMore = isRecord(object.entitlements) && object.entitlements.has_more === true
  return { kind: 'summary', id, created, customer: object.customer, lookupKeys, hasMore }
}
