/**
 * Who a request is from: the id of the customer it may read and write, or `null` (401). Throw or
 * reject only for failures of your own (a key server down): the server answers 500 and logs it.
 */
export type Authenticate = (request: Request) => string | null | Promise<string | null>

/** The bearer token of a request (`Authorization: Bearer <token>`), or `null`. */
export function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
  return match?.[1] ?? null
}
