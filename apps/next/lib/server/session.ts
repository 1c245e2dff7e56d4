// The signed-in customer, in an httpOnly cookie holding a session JWT (lib/server/tokens.ts). The
// token itself never reaches page scripts, URLs or storage.
import { cookies, headers } from 'next/headers'
import type { CustomerId } from '../customers'
import { SESSION_MAX_AGE_SECONDS, signSession, verifySession } from './tokens'

const COOKIE = 'logpilot_session'

/** The signed-in customer, or `null`. */
export async function currentCustomer(): Promise<CustomerId | null> {
  return verifySession((await cookies()).get(COOKIE)?.value)
}

export async function startSession(customerId: CustomerId): Promise<void> {
  // Secure where the app is served over HTTPS (behind a proxy that says so); plain on http://127.0.0.1.
  const secure = (await headers()).get('x-forwarded-proto') === 'https'
  ;(await cookies()).set(COOKIE, await signSession(customerId), {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
  })
}

export async function endSession(): Promise<void> {
  ;(await cookies()).delete(COOKIE)
}
