// JWT bearer tokens from your auth provider, verified with `jose` (HS256 with a shared secret, or any
// asymmetric algorithm from a JWKS URL). The claim that names the customer is configurable.
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose'
import { type Authenticate, bearerToken } from './types.js'

export interface JwtAuthOptions {
  /** HS256/384/512 shared secret. Give this or `jwksUrl`. */
  secret?: string | Uint8Array | undefined
  /** Your provider's JSON Web Key Set (e.g. `https://example.auth0.com/.well-known/jwks.json`). Give this or `secret`. */
  jwksUrl?: string | URL | undefined
  /** The claim that holds the customer id. Default `'sub'`. Dotted paths reach nested claims (`'org.id'`). */
  customerClaim?: string | undefined
  /** Required `iss`. Default: not checked. */
  issuer?: string | string[] | undefined
  /** Required `aud`. Default: not checked. */
  audience?: string | string[] | undefined
  /** Accepted algorithms. Default: `['HS256']` with a secret; jose's asymmetric defaults with a JWKS. */
  algorithms?: string[] | undefined
  /** Tolerated clock skew in seconds for `exp`/`nbf`. Default 5. */
  clockToleranceSeconds?: number | undefined
}

function claim(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/**
 * Authenticates `Authorization: Bearer <jwt>`: a token whose signature, expiry and (when set)
 * issuer and audience verify reaches the customer its `customerClaim` names; anything else is 401.
 */
export function jwtAuth(options: JwtAuthOptions): Authenticate {
  if ((options.secret === undefined) === (options.jwksUrl === undefined))
    throw new Error('jwtAuth: give exactly one of `secret` (HS256) or `jwksUrl`')
  const customerClaim = options.customerClaim ?? 'sub'
  let key: Uint8Array | JWTVerifyGetKey
  if (options.secret !== undefined) {
    key = typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret
    if (key.byteLength < 32) throw new Error('jwtAuth: an HS256 secret must be at least 32 bytes')
  } else {
    key = createRemoteJWKSet(new URL(options.jwksUrl as string | URL))
  }
  const verifyOptions = {
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
    ...(options.algorithms !== undefined
      ? { algorithms: options.algorithms }
      : options.secret !== undefined
        ? { algorithms: ['HS256'] }
        : {}),
    clockTolerance: options.clockToleranceSeconds ?? 5,
  }
  return async (request) => {
    const token = bearerToken(request)
    if (token === null) return null
    try {
      const { payload } = await jwtVerify(token, key as Uint8Array, verifyOptions)
      const customerId = claim(payload, customerClaim)
      return typeof customerId === 'string' && customerId !== '' ? customerId : null
    } catch (error) {
      // A bad token is a 401; a JWKS that cannot be fetched is the server's own failure.
      if (isTokenError(error)) return null
      throw error
    }
  }
}

const TOKEN_ERRORS = new Set([
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
])

function isTokenError(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false
  const code = String(error.code)
  return code.startsWith('ERR_JWT_') || code.startsWith('ERR_JWS_') || TOKEN_ERRORS.has(code)
}
