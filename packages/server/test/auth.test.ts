// Authentication: development tokens and JWTs (HS256 secret, JWKS), verified by jose. A token
// reaches its own customer only; a JWT for a customer the store does not have is a 404.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jwtAuth, staticTokens } from '../src/index.js'
import { harness } from './harness.js'

const SECRET = 'a-shared-secret-of-at-least-32-bytes!'
const key = new TextEncoder().encode(SECRET)
const sign = (claims: Record<string, unknown>, options: { expiresIn?: string; secret?: Uint8Array } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.secret ?? key)

describe('staticTokens', () => {
  it('maps tokens to customers and refuses empty ones', async () => {
    const auth = staticTokens({ 'tok-a': 'a' })
    expect(await auth(new Request('http://x', { headers: { authorization: 'Bearer tok-a' } }))).toBe('a')
    expect(await auth(new Request('http://x', { headers: { authorization: 'Bearer nope' } }))).toBeNull()
    expect(await auth(new Request('http://x'))).toBeNull()
    expect(() => staticTokens({ '': 'a' })).toThrow('non-empty')
  })
})

describe('jwtAuth (HS256)', () => {
  it('a valid token reaches the customer its claim names, and no other', async () => {
    const { call } = await harness({ authenticate: jwtAuth({ secret: SECRET }) })
    const token = await sign({ sub: 'acme' })
    expect((await call('GET', '/v1/customers/acme/entitlements', { token })).status).toBe(200)
    const other = await call('GET', '/v1/customers/globex/entitlements', { token })
    expect(other.status).toBe(403)
    expect(other.json.error?.code).toBe('forbidden')
  })

  it('expired, wrongly signed, malformed or unsigned (alg none) tokens are 401', async () => {
    const { call } = await harness({ authenticate: jwtAuth({ secret: SECRET }) })
    const unsigned = `${btoa(JSON.stringify({ alg: 'none' }))}.${btoa(JSON.stringify({ sub: 'acme' }))}.`
    for (const token of [
      await sign({ sub: 'acme' }, { expiresIn: '-1m' }),
      await sign(
        { sub: 'acme' },
        { secret: new TextEncoder().encode('another-secret-of-at-least-32-bytes') },
      ),
      'not.a.jwt',
      unsigned,
    ]) {
      const res = await call('GET', '/v1/customers/acme/entitlements', { token })
      expect(res.status).toBe(401)
      expect(res.json.error?.code).toBe('unauthorized')
    }
  })

  it('reads a configurable (nested) claim, and checks issuer and audience when set', async () => {
    const auth = jwtAuth({
      secret: SECRET,
      customerClaim: 'org.id',
      issuer: 'https://auth.test',
      audience: 'entitle',
    })
    const { call } = await harness({ authenticate: auth })
    const good = await new SignJWT({ org: { id: 'acme' } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://auth.test')
      .setAudience('entitle')
      .setExpirationTime('5m')
      .sign(key)
    expect((await call('GET', '/v1/customers/acme/entitlements', { token: good })).status).toBe(200)
    const wrongAudience = await new SignJWT({ org: { id: 'acme' } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://auth.test')
      .setAudience('someone-else')
      .setExpirationTime('5m')
      .sign(key)
    expect((await call('GET', '/v1/customers/acme/entitlements', { token: wrongAudience })).status).toBe(401)
  })

  it('a valid token for a customer the store does not have is 404', async () => {
    const { call } = await harness({ authenticate: jwtAuth({ secret: SECRET }) })
    const res = await call('GET', '/v1/customers/newco/entitlements', { token: await sign({ sub: 'newco' }) })
    expect(res.status).toBe(404)
    expect(res.json.error?.code).toBe('not_found')
  })

  it('refuses weak or ambiguous configuration at start', () => {
    expect(() => jwtAuth({ secret: 'short' })).toThrow('at least 32 bytes')
    expect(() => jwtAuth({})).toThrow('exactly one')
    expect(() => jwtAuth({ secret: SECRET, jwksUrl: 'http://127.0.0.1:1/jwks' })).toThrow('exactly one')
  })
})

describe('jwtAuth (JWKS)', () => {
  let jwks: Server
  let url: string
  let sign256: (sub: string) => Promise<string>
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256')
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }
    sign256 = (sub) =>
      new SignJWT({ sub })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setExpirationTime('5m')
        .sign(privateKey)
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ keys: [jwk] }))
    })
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`
  })
  afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())))

  it('verifies tokens with the key set of the provider', async () => {
    const { call } = await harness({ authenticate: jwtAuth({ jwksUrl: url }) })
    expect(
      (await call('GET', '/v1/customers/acme/entitlements', { token: await sign256('acme') })).status,
    ).toBe(200)
    // An HS256 token signed with anything is not accepted where a JWKS is configured.
    expect(
      (await call('GET', '/v1/customers/acme/entitlements', { token: await sign({ sub: 'acme' }) })).status,
    ).toBe(401)
  })

  it('an unreachable key set is the server failing (500), not the customer (401)', async () => {
    const { call } = await harness({
      authenticate: jwtAuth({ jwksUrl: 'http://127.0.0.1:1/jwks' }),
      log: () => {},
    })
    const res = await call('GET', '/v1/customers/acme/entitlements', { token: await sign256('acme') })
    expect(res.status).toBe(500)
  })
})
