'use client'
import type { CheckoutState } from '@entitle/core'
import { useCallback, useContext, useSyncExternalStore } from 'react'
import { AccessContext, useEntitlementsContext } from './context.js'

/**
 * The way back from a hosted checkout (the client's `checkoutReturn` option): `'confirming'` while
 * the entitlement bought is on its way, then `'confirmed'` or `'timeout'` (`retry()` waits again);
 * `'cancelled'` after a cancelled checkout. `undefined` when there is none (or it was another
 * customer's). The paywall and `<Gate>` show it; read it for your own UI.
 */
export function useCheckout(): CheckoutState | undefined {
  const { client } = useEntitlementsContext('useCheckout')
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client])
  const read = useCallback(() => {
    const state = client.getState()
    return state.checkout?.pending.customerId === state.customerId ? state.checkout : undefined
  }, [client])
  return useSyncExternalStore(subscribe, read, read)
}

/** Whether the signed-in user may buy (the provider's `canManageBilling`; everyone when not given). */
export function useCanManageBilling(): boolean {
  const { canManageBilling } = useContext(AccessContext)
  return canManageBilling === undefined || canManageBilling()
}
