// Two kinds of JWT, signed with the same secret and told apart by their audience: the session cookie
// (who is signed in, hours) and the API token the browser's entitlements client sends as a bearer
// token (minutes). The server's `jwtAuth` accepts only the second kind.
import { jwtVerify, SignJWT } from 'jose'
import { type CustomerId, isCustomerId } from '../customers'
import { jwtSecret } from './secrets'

/** `aud` of API tokens: what `jwtAuth` requires (lib/server/entitlements.ts). */
export const API_AUDIENCE = 'logpilot-entitlements'
/** The claim that names the customer (an organisation id in a real app). */
export const CUSTOMER_CLAIM = 'org_id'
/** API tokens live this long; the client asks for a new one when it nears its end or gets a 401. */
export const API_TOKEN_SECONDS = 300

const SESSION_AUDIENCE = 'logpilot-session'
const SESSION_SECONDS = 8 * 3600

const key = (): Uint8Array => new TextEncoder().encode(jwtSecret())

async function sign(customerId: CustomerId, audience: string, seconds: number): Promise<string> {
  return new SignJWT({ [CUSTOMER_CLAIM]: customerId })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${seconds}s`)
    .sign(key())
}

export const SESSION_MAX_AGE_SECONDS = SESSION_SECONDS

export function signSession(customerId: CustomerId): Promise<string> {
  return sign(customerId, SESSION_AUDIENCE, SESSION_SECONDS)
}

/** The customer of a valid session token, or `null` (missing, expired, forged, or an API token). */
export async function verifySession(token: string | undefined): Promise<CustomerId | null> {
  if (!token) return null
  try {
    const { payload } = await jwtVerify(token, key(), { audience: SESSION_AUDIENCE, algorithms: ['HS256'] })
    const customerId = payload[CUSTOMER_CLAIM]
    return isCustomerId(customerId) ? customerId : null
  } catch {
    return null
  }
}

export function signApiToken(customerId: CustomerId): Promise<string> {
  return sign(customerId, API_AUDIENCE, API_TOKEN_SECONDS)
}
