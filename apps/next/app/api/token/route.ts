// The browser's entitlements client gets its bearer token here (`getToken`): a JWT for the signed-in
// customer that lives five minutes, minted from the httpOnly session cookie. The client keeps it in
// memory only.
import { currentCustomer } from '../../../lib/server/session'
import { API_TOKEN_SECONDS, signApiToken } from '../../../lib/server/tokens'

export const dynamic = 'force-dynamic'

export async function GET(): Promise<Response> {
  const customerId = await currentCustomer()
  const headers = { 'cache-control': 'no-store' }
  if (customerId === null)
    return Response.json(
      { error: { code: 'unauthorized', message: 'not signed in' } },
      { status: 401, headers },
    )
  return Response.json(
    { token: await signApiToken(customerId), expiresAt: Date.now() + API_TOKEN_SECONDS * 1000 },
    { headers },
  )
}
