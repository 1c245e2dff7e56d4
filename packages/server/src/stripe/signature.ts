// Stripe webhook signatures (the `Stripe-Signature` scheme). WebCrypto only, so it runs in Node,
// browsers (MSW) and edge runtimes alike.
import { ApiError } from '../http/errors.js'

/** Stripe's default tolerance between the signed timestamp and now. */
export const STRIPE_TOLERANCE_SECONDS = 300

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
