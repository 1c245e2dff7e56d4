// The app's secrets, from the environment. Server-only: never imported by a client component.
import { randomBytes } from 'node:crypto'

interface SecretsHolder {
  __logpilotJwtSecret?: string
}

/**
 * Signs the session cookie and the short-lived API tokens (HS256, at least 32 bytes):
 * `ENTITLE_JWT_SECRET`. Without it, a random secret for this process (sessions end on a restart, and
 * several instances would not accept each other's tokens), with a warning. Kept on `globalThis` so
 * that `next dev` reloading this module does not sign everyone out.
 */
export function jwtSecret(): string {
  const configured = process.env.ENTITLE_JWT_SECRET
  if (configured) return configured
  const holder = globalThis as SecretsHolder
  if (holder.__logpilotJwtSecret === undefined) {
    holder.__logpilotJwtSecret = randomBytes(32).toString('base64url')
    console.warn(
      '[logpilot] ENTITLE_JWT_SECRET is not set: signing sessions with a random secret of this process. Set it (32+ bytes, e.g. `openssl rand -base64 32`) so sessions survive restarts.',
    )
  }
  return holder.__logpilotJwtSecret
}

/** `ENTITLE_ADMIN_TOKEN`: the secret of `/api/entitlements/v1/admin/…`. Unset: the admin API is off (404). */
export function adminToken(): string | undefined {
  return process.env.ENTITLE_ADMIN_TOKEN || undefined
}

/** `STRIPE_WEBHOOK_SECRET` (`whsec_…`; several, comma-separated, while one rotates). Unset: webhooks off. */
export function stripeWebhookSecrets(): string[] {
  return (process.env.STRIPE_WEBHOOK_SECRET ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}
