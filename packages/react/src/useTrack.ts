'use client'
import type { EntitlementEvent } from '@entitle/core'
import { useCallback } from 'react'
import { useEntitlementsContext } from './context.js'

/**
 * Report a UI analytics event (`paywall_viewed`, `upgrade_clicked`, `upgrade_completed`…) to the
 * client's `onEvent`. Stable across renders; call it from effects and event handlers, not render.
 */
export function useTrack(): (event: EntitlementEvent) => void {
  const { client } = useEntitlementsContext('useTrack')
  return useCallback((event: EntitlementEvent) => client.track(event), [client])
}
