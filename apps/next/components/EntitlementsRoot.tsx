'use client'
// The browser's entitlements client, created once per signed-in customer from what the server
// rendered with: the first render (on the server, and the hydration in the browser) shows exactly
// the server's snapshot, with no loading branch. Then the provider starts the client: it follows the
// server's event stream, and later visits also restore the snapshot saved in localStorage.
import { type Catalog, createEntitlementsClient, type EntitlementsSnapshot } from '@entitle/core'
import { EntitlementsProvider } from '@entitle/react'
import { type ReactNode, useState } from 'react'
import { apiTokenSource } from '../lib/apiToken'
import { type Feature, helpers } from '../lib/entitlements'
import { API_BASE_PATH, ENVIRONMENT } from '../lib/settings'

export interface EntitlementsRootProps {
  customerId: string
  initialSnapshot: EntitlementsSnapshot
  initialCatalog: Catalog
  children: ReactNode
}

export function EntitlementsRoot({
  customerId,
  initialSnapshot,
  initialCatalog,
  children,
}: EntitlementsRootProps) {
  const [client] = useState(() =>
    createEntitlementsClient<Feature>({
      baseUrl: API_BASE_PATH,
      customerId,
      environment: ENVIRONMENT,
      getToken: apiTokenSource(),
      initialSnapshot,
      initialCatalog,
      // With no data at all (the service down on a first visit), a seat is never handed out blindly.
      fallback: { seats: { kind: 'metered', limit: 0, enforcement: 'hard' } },
    }),
  )
  return (
    <EntitlementsProvider client={client} helpers={helpers}>
      {children}
    </EntitlementsProvider>
  )
}
