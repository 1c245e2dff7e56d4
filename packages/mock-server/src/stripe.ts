// Stripe compatibility: webhook signatures (the `Stripe-Signature` scheme), the
// `entitlements.active_entitlement_summary.updated` event, and a pure mapper from Stripe's active
// entitlements to an Entitle snapshot. WebCrypto only, so it runs in Node, browsers (MSW) and edge
// runtimes alike.
import type { Catalog, Entitlement, EntitlementsSnapshot } from '@entitle/core'
import { indexCatalog, stripeGrantFor, toEntitlement } from './compute.js'
import { ApiError } from './errors.js'

/** Stripe's default tolerance between the signed timestamp and now. */
export const STRIPE_TOLERANCE_SECONDS = 300

/** The event type the mock server applies. */
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

const encoder = new TextEncoder()
const keyCache = new Map<string, Promise<CryptoKey>>()

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ])
    keyCache.set(secret, key)
  }
  return key
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

/**
 * A `Stripe-Signature` header for `payload`, as Stripe would send it (for tests, and for tools
 * that replay events). `timestamp` is in epoch seconds.
 */
export async function stripeSignatureHeader(
  payload: string,
  secret: string,
  timestamp: number,
): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret),
    encoder.encode(`${timestamp}.${payload}`),
  )
  const hex = Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('')
  return `t=${timestamp},v1=${hex}`
}

/**
 * Verifies a `Stripe-Signature` header (`t=…,v1=…[,v1=…]`): HMAC-SHA256 of `${t}.${payload}` with
 * any of `secrets` (several during a rotation) must equal any `v1` signature, and `t` must be
 * within `toleranceSeconds` of `nowMs`. WebCrypto's `verify` compares in constant time.
 * Throws a 400 `ApiError` (`invalid_signature` or `timestamp_outside_tolerance`).
 */
export async function verifyStripeSignature(
  payload: string,
  header: string | null,
  secrets: readonly string[],
  nowMs: number,
  toleranceSeconds: number = STRIPE_TOLERANCE_SECONDS,
): Promise<void> {
  if (!header) throw new ApiError(400, 'invalid_signature', 'missing Stripe-Signature header')
  let timestamp: number | undefined
  const signatures: Uint8Array<ArrayBuffer>[] = []
  for (const part of header.split(',')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const k = part.slice(0, eq).trim()
    const v = part.slice(eq + 1).trim()
    if (k === 't' && /^\d{1,12}$/.test(v)) timestamp = Number(v)
    // Other schemes (v0 = Stripe's test scheme) are ignored, as Stripe's own libraries do.
    else if (k === 'v1' && /^[0-9a-fA-F]{64}$/.test(v)) signatures.push(hexToBytes(v))
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new ApiError(
      400,
      'invalid_signature',
      'Stripe-Signature needs a timestamp (t=…) and at least one v1 signature',
    )
  }
  const signed = encoder.encode(`${timestamp}.${payload}`)
  let valid = false
  for (const secret of secrets) {
    const key = await hmacKey(secret)
    for (const signature of signatures) {
      if (await crypto.subtle.verify('HMAC', key, signature, signed)) valid = true
    }
  }
  if (!valid)
    throw new ApiError(
      400,
      'invalid_signature',
      'no Stripe-Signature v1 signature matches the payload with a configured secret',
    )
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) {
    throw new ApiError(
      400,
      'timestamp_outside_tolerance',
      `Stripe-Signature timestamp is more than ${toleranceSeconds} s away from the server's clock (replayed or delayed event?)`,
    )
  }
}

/** A Stripe event, reduced to what the mock server uses. */
export type ParsedStripeEvent =
  | { kind: 'summary'; id: string; created: number; customer: string; lookupKeys: string[] }
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
  return { kind: 'summary', id, created, customer: object.customer, lookupKeys }
}

/** Options of `snapshotFromStripeEntitlements`. */
export interface StripeSnapshotOptions {
  customerId: string
  environment: string
  /** Your own per-customer version: increase it whenever the result changes. */
  version: number
  /** The instant computed at (for `generatedAt` and period resets), epoch ms or a Date. */
  now: number | Date
  /** Current-period usage of metered features, by feature id. Default 0. */
  usage?: Readonly<Record<string, number>>
  /**
   * The customer's plan, used to pick the limit or value of Stripe-granted metered and config
   * features (Stripe only says "granted"), and reported as `plan`. Default: the first plan of the
   * catalog that grants the feature; `plan: null`.
   */
  planId?: string | null
  /** Default `null`. */
  trialEndsAt?: string | null
}

/**
 * Turns Stripe's active entitlements (the list, or its `data` array) and your catalog into an
 * Entitle snapshot, so a backend that keeps entitlements in Stripe can serve Entitle's format.
 * Pure: no I/O, no clock. A lookup key the catalog does not know is left out.
 *
 * ```ts
 * const active = await stripe.entitlements.activeEntitlements.list({ customer })
 * res.json(snapshotFromStripeEntitlements(active, catalog, { customerId, environment: 'production', version, now: Date.now() }))
 * ```
 */
export function snapshotFromStripeEntitlements(
  activeEntitlements:
    | readonly Pick<StripeActiveEntitlement, 'lookup_key'>[]
    | { data: readonly Pick<StripeActiveEntitlement, 'lookup_key'>[] },
  catalog: Catalog,
  options: StripeSnapshotOptions,
): EntitlementsSnapshot {
  const now = typeof options.now === 'number' ? options.now : options.now.getTime()
  const list = 'data' in activeEntitlements ? activeEntitlements.data : activeEntitlements
  const granted = new Set(list.map((e) => e.lookup_key))
  const entitlements: Record<string, Entitlement> = {}
  for (const feature of catalog.features) {
    if (!granted.has(feature.id)) continue
    const grant = stripeGrantFor(catalog, feature.id, options.planId)
    if (!grant) continue
    const usage = options.usage?.[feature.id] ?? 0
    entitlements[feature.id] = toEntitlement({ grant, source: 'plan', expiresAt: null }, usage, now)
  }
  const plan = options.planId ? indexCatalog(catalog).plans.get(options.planId) : undefined
  return {
    customerId: options.customerId,
    environment: options.environment,
    version: options.version,
    generatedAt: new Date(now).toISOString(),
    plan: plan ? { id: plan.id, name: plan.name } : null,
    trialEndsAt: options.trialEndsAt ?? null,
    entitlements,
  }
}
