'use client'
import type { ConfigValue, EntitlementsClient } from '@entitle/core'
import type { QueryClient } from '@tanstack/query-core'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import {
  AccessContext,
  type AccessResolvers,
  EntitlementsContext,
  type EntitlementsContextValue,
} from './context.js'
import { devWarn } from './dev.js'
import type { HelpersDefinition, HelpersShape, Widen } from './helpers.js'
import { createPaywallStore } from './paywallStore.js'

// Module-scoped on purpose (see dev.ts): the package builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

export interface EntitlementsProviderProps {
  /** The headless client (`createEntitlementsClient(…)` from `@entitle/core`). Create it once, outside render. */
  client: EntitlementsClient
  /**
   * The app's own TanStack `QueryClient`, when it has one. Create the client with the same one
   * (`createEntitlementsClient({ queryClient })`) so the app keeps one cache; in development the
   * provider warns when they differ. Default: `client.queryClient` (none when the client was created
   * without one: it then keeps its data in its own small cache).
   */
  queryClient?: QueryClient
  /**
   * Business helpers (`defineHelpers(…)`), returned by `useEntitlements()`. Define them at module
   * level: a new definition on every render rebinds them and re-renders every `useEntitlements()` consumer.
   * Default: none.
   */
  helpers?: HelpersDefinition<HelpersShape, string>
  /** Feature-flag resolver for `useAccess({ flag })`. Default: none (a `flag` is then denied, with a dev warning). */
  resolveFlag?: (flag: string) => boolean
  /** Permission resolver for `useAccess({ permission })`. Default: none (a `permission` is then denied, with a dev warning). */
  hasPermission?: (permission: string) => boolean
  /**
   * Whether the signed-in user may buy (manage the account's billing). For one who may not, the
   * paywall offers "Ask an admin to upgrade" (`onRequestUpgrade`) instead of any checkout, trial or
   * plan change, and never calls the billing parts of the client. Default: none (everyone may).
   */
  canManageBilling?: () => boolean
  children?: ReactNode
}

const noHelpers: HelpersShape = {}

/**
 * Makes an entitlements client available to the hooks and components below it. Starts the client
 * (fetching, live updates, tab sync) in an effect after mount and stops it on unmount, so rendering
 * (including on the server) never touches the network.
 */
export function EntitlementsProvider({
  client,
  queryClient,
  helpers,
  resolveFlag,
  hasPermission,
  canManageBilling,
  children,
}: EntitlementsProviderProps) {
  const [paywallStore] = useState(createPaywallStore)

  useEffect(() => {
    client.start()
    return () => client.stop()
  }, [client])

  useEffect(() => {
    // Inline (not a shared flag) so that production builds drop the branch and its message (dev.ts).
    try {
      if (
        process.env.NODE_ENV !== 'production' &&
        queryClient !== undefined &&
        queryClient !== client.queryClient
      )
        devWarn(
          "<EntitlementsProvider queryClient> differs from the client's cache. Pass the same QueryClient to createEntitlementsClient({ queryClient }) so the app keeps one cache.",
        )
    } catch {}
  }, [client, queryClient])

  const bound = useMemo(() => {
    if (helpers === undefined) return noHelpers
    // Internals take any string; only the public signatures narrow to the registered feature keys.
    const untyped = client as EntitlementsClient<string>
    const check = (feature: string, options?: { requested?: number }) => untyped.check(feature, options)
    const value = <T extends ConfigValue>(feature: string, fallback: T): Widen<T> =>
      untyped.value(feature, fallback as ConfigValue) as Widen<T>
    return helpers(check, { check, value })
  }, [client, helpers])

  const value = useMemo<EntitlementsContextValue>(
    () => ({
      client: client as EntitlementsClient<string>,
      queryClient: queryClient ?? client.queryClient,
      helpers: bound,
      paywallStore,
    }),
    [client, queryClient, bound, paywallStore],
  )
  const access = useMemo<AccessResolvers>(
    () => ({ resolveFlag, hasPermission, canManageBilling }),
    [resolveFlag, hasPermission, canManageBilling],
  )

  return (
    <EntitlementsContext.Provider value={value}>
      <AccessContext.Provider value={access}>{children}</AccessContext.Provider>
    </EntitlementsContext.Provider>
  )
}
