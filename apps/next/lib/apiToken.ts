// The browser's `getToken`: a short-lived API token from app/api/token (which reads the httpOnly
// session cookie), kept in memory only and fetched again shortly before it expires or after a 401.

interface TokenAnswer {
  token: string
  expiresAt: number
}

/** Renew this long before the token's end, so a request never leaves with an expiring token. */
const MARGIN_MS = 30_000

export function apiTokenSource(): (context: { refresh: boolean }) => Promise<string> {
  let current: TokenAnswer | undefined
  let pending: Promise<TokenAnswer> | undefined
  const fetchToken = async (): Promise<TokenAnswer> => {
    const response = await fetch('/api/token', { cache: 'no-store', credentials: 'same-origin' })
    if (!response.ok) throw new Error(`no API token (${response.status}): sign in again`)
    return (await response.json()) as TokenAnswer
  }
  return async ({ refresh }) => {
    if (!refresh && current !== undefined && current.expiresAt - MARGIN_MS > Date.now()) return current.token
    // One request for concurrent callers (snapshot, catalog and stream start together).
    pending ??= fetchToken().finally(() => {
      pending = undefined
    })
    current = await pending
    return current.token
  }
}
