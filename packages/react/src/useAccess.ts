'use client'
import type { Decision, FeatureKey } from '@entitle/core'
import { useContext, useEffect, useMemo } from 'react'
import { AccessContext, useEntitlementsContext } from './context.js'
import { devWarn } from './dev.js'
import { useDecision, useDenialAnalytics } from './useEntitlement.js'

// Module-scoped on purpose (see dev.ts): the package builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** What `useAccess` checks, in this order. */
export interface AccessOptions<F extends string = FeatureKey> {
  /** A feature flag, resolved by the provider's `resolveFlag`. Checked first. Default: none. */
  flag?: string
  /** The entitlement. Checked second. */
  feature: F
  /** Units about to be used (metered). Default: the client's. */
  requested?: number
  /** A permission, resolved by the provider's `hasPermission`. Checked last. Default: none. */
  permission?: string
}

export interface AccessResult {
  allowed: boolean
  /**
   * The first check that said no: `'flag'` (feature not released to this user), `'entitlement'` (the
   * plan does not include it: the only denial worth an upsell), `'permission'` (the user's role), or `null`.
   */
  deniedBy: 'flag' | 'entitlement' | 'permission' | null
  /** The entitlement decision (computed even when the flag says no). */
  decision: Decision
  /** No entitlement data yet: `allowed` is false but nothing is denied yet; show a placeholder. */
  isLoading: boolean
}

/**
 * The stitched check: feature flag, then entitlement, then permission. A flag or permission without
 * its resolver in the provider is denied (with a development warning): an unconfigured gate stays shut.
 * Denial analytics (`check_denied`) fire only when the entitlement is what denies.
 */
export function useAccess(options: AccessOptions): AccessResult {
  const { client } = useEntitlementsContext('useAccess')
  const { resolveFlag, hasPermission } = useContext(AccessContext)
  const { flag, feature, requested, permission } = options
  const decision = useDecision(client, feature, requested)

  const flagOn = flag === undefined ? true : resolveFlag ? resolveFlag(flag) : false
  const permitted = permission === undefined ? true : hasPermission ? hasPermission(permission) : false
  const isLoading = decision.reason === 'loading'
  const deniedBy: AccessResult['deniedBy'] = !flagOn
    ? 'flag'
    : !decision.granted
      ? 'entitlement'
      : !permitted
        ? 'permission'
        : null

  useEffect(() => {
    // Inline (not a shared flag) so that production builds drop the branch and its messages (dev.ts).
    try {
      if (process.env.NODE_ENV !== 'production') {
        if (flag !== undefined && resolveFlag === undefined)
          devWarn(
            `useAccess({ flag: "${flag}" }) without <EntitlementsProvider resolveFlag>: the flag is treated as off.`,
          )
        if (permission !== undefined && hasPermission === undefined)
          devWarn(
            `useAccess({ permission: "${permission}" }) without <EntitlementsProvider hasPermission>: the permission is treated as missing.`,
          )
      }
    } catch {}
  }, [flag, permission, resolveFlag, hasPermission])

  useDenialAnalytics(client, flagOn ? decision : grantedPlaceholder)

  return useMemo(
    () => ({ allowed: deniedBy === null, deniedBy, decision, isLoading }),
    [deniedBy, decision, isLoading],
  )
}

// While the flag is off the user cannot see the feature, so its entitlement denial is not reported.
const grantedPlaceholder: Decision = {
  feature: '',
  granted: true,
  reason: 'entitled',
  isFallback: false,
  isStale: false,
}
