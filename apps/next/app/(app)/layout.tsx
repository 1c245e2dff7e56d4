// Every signed-in page: reads the customer's entitlements on the server, through the server's
// JavaScript API (no HTTP round trip to itself), and hands the snapshot and the catalog to the
// client provider, so every gate is already right in the server's HTML.
import { redirect } from 'next/navigation'
import type { ReactNode } from 'react'
import { AppShell } from '../../components/AppShell'
import { EntitlementsRoot } from '../../components/EntitlementsRoot'
import { customerName } from '../../lib/customers'
import { entitlementsServer } from '../../lib/server/entitlements'
import { currentCustomer } from '../../lib/server/session'

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const customerId = await currentCustomer()
  if (customerId === null) redirect('/sign-in')
  const server = await entitlementsServer()
  const snapshot = await server.getSnapshot(customerId)
  if (snapshot === undefined) redirect('/sign-in')
  return (
    <EntitlementsRoot
      key={customerId}
      customerId={customerId}
      initialSnapshot={snapshot}
      initialCatalog={server.catalog}
    >
      <AppShell customerName={customerName(customerId)}>{children}</AppShell>
    </EntitlementsRoot>
  )
}
