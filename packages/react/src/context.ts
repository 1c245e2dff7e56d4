'use client'
// Two contexts, both with values that change only when the provider's inputs do: the client and its
// stores (read by every hook), and the flag/permission resolvers (read by `useAccess` only), so a new
// inline resolver re-renders the `useAccess` consumers and nobody else.
import type { EntitlementsClient } from '@entitle/core'
import type { QueryClient } from '@tanstack/query-core'
import { createContext, useContext } from 'react'
import type { HelpersShape } from './helpers.js'
import type { PaywallStore } from './paywallStore.js'

/** @internal */
export interface EntitlementsContextValue {
  client: EntitlementsClient<string>
  /** The app's QueryClient, when it shares one with the client. */
  queryClient: QueryClient | undefined
  helpers: HelpersShape
  paywallStore: PaywallStore
}

/** @internal */
export interface AccessResolvers {
  resolveFlag: ((flag: string) => boolean) | undefined
  hasPermission: ((permission: string) => boolean) | undefined
  canManageBilling: (() => boolean) | undefined
}

/** @internal */
export const EntitlementsContext = createContext<EntitlementsContextValue | null>(null)

/** @internal */
export const AccessContext = createContext<AccessResolvers>({
  resolveFlag: undefined,
  hasPermission: undefined,
  canManageBilling: undefined,
})

/** @internal The provider's context; throws (a programming error) outside `<EntitlementsProvider>`. */
export function useEntitlementsContext(hook: string): EntitlementsContextValue {
  const value = useContext(EntitlementsContext)
  if (value === null) {
    throw new Error(
      `[entitle] ${hook}() must be used inside <EntitlementsProvider client={…}>. ` +
        'Wrap your app (or, in tests, the component) in <EntitlementsProvider> or <TestEntitlementsProvider> from @entitle/react/testing.',
    )
  }
  return value
}

/**
 * The `EntitlementsClient` of the nearest `<EntitlementsProvider>`.
 * Throws outside a provider: that is a programming error, not a runtime condition.
 */
export function useEntitlementsClient(): EntitlementsClient {
  return useEntitlementsContext('useEntitlementsClient').client
}
