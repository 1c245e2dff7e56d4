// Local overrides of features' decisions, for development only: what the devtools panel uses to show
// a gate locked or a meter at its limit without touching the backend. An override is a fallback grant
// (`true`, `false`, `{ kind: 'config', value }`, `{ kind: 'metered', limit, usage? }`): the check decides
// on it as it would on a fallback, and marks the decision `isOverridden: true` (not `isFallback`).
// `client.setDevOverrides` refuses them outside development, so production decisions never change;
// the server never hears of them and keeps enforcing the real entitlements.
import type { FallbackGrant } from './types.js'

/** One feature's override: a fallback grant the check decides on instead of the snapshot. */
export type DevOverride = FallbackGrant

/** Feature id → override. */
export type DevOverrides = Readonly<Record<string, DevOverride>>

// Module-scoped on purpose (see dev.ts): core builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/**
 * Whether this is a development build. Read bare (no `typeof process` guard), because bundlers
 * replace `process.env.NODE_ENV` even where no `process` exists (Vite in development); without a
 * bundler or a `process`, it is not development.
 */
export function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return false
  }
}
