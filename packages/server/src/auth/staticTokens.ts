// Static bearer tokens, one per customer: for development, seeds and tests. A token reaches its own
// customer only.
import { type Authenticate, bearerToken } from './types.js'

/**
 * Authenticates `Authorization: Bearer <token>` against a fixed token → customer id table.
 *
 * ```ts
 * authenticate: staticTokens({ 'demo-acme': 'acme', 'demo-globex': 'globex' })
 * ```
 */
export function staticTokens(
  tokens: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
): Authenticate {
  const table = tokens instanceof Map ? new Map(tokens) : new Map(Object.entries(tokens))
  for (const [token, customerId] of table) {
    if (token === '' || customerId === '')
      throw new Error('staticTokens: tokens and customer ids must be non-empty')
  }
  return (request) => {
    const token = bearerToken(request)
    return token === null ? null : (table.get(token) ?? null)
  }
}
