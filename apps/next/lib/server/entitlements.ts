// The app's entitlements backend: @entitle/server in this very process, on PGlite (a data directory,
// nothing to install) or on PostgreSQL when DATABASE_URL is set, seeded with the LogPilot customers on
// first start. One instance per process, opened on first use (never while `next build` imports the
// route modules) and kept on `globalThis`, so `next dev` reloading modules does not open the database
// twice. The route handler (app/api/entitlements/[...path]) serves it over HTTP; server components and
// server actions call its JavaScript API directly.

import { defaultSeed, logPilotCatalog } from '@entitle/mock-server'
import { createEntitlementsServer, type EntitlementsServer, jwtAuth } from '@entitle/server'
import { pgliteStore } from '@entitle/server/pglite'
import { postgresStore } from '@entitle/server/postgres'
import { API_BASE_PATH, ENVIRONMENT } from '../settings'
import { adminToken, jwtSecret, stripeWebhookSecrets } from './secrets'
import { API_AUDIENCE, CUSTOMER_CLAIM } from './tokens'

interface ServerHolder {
  __logpilotEntitlements?: Promise<EntitlementsServer>
}

function openStore() {
  const url = process.env.DATABASE_URL
  if (url) return postgresStore({ connectionString: url })
  return pgliteStore({ dataDir: process.env.ENTITLE_DATA_DIR || '.entitle-data' })
}

async function start(): Promise<EntitlementsServer> {
  const webhookSecrets = stripeWebhookSecrets()
  const server = createEntitlementsServer({
    catalog: logPilotCatalog,
    store: openStore(),
    environment: ENVIRONMENT,
    basePath: API_BASE_PATH,
    // Bearer tokens are the short-lived JWTs of app/api/token (never the session cookie's).
    authenticate: jwtAuth({ secret: jwtSecret(), customerClaim: CUSTOMER_CLAIM, audience: API_AUDIENCE }),
    ...(adminToken() === undefined ? {} : { adminToken: adminToken() }),
    ...(webhookSecrets.length === 0 ? {} : { stripe: { webhookSecrets } }),
  })
  await server.ready
  // Creates the sample customers that do not exist yet; a second start changes nothing.
  await server.admin.seed(defaultSeed)
  return server
}

/** The process's entitlements server, ready and seeded. */
export function entitlementsServer(): Promise<EntitlementsServer> {
  const holder = globalThis as ServerHolder
  if (holder.__logpilotEntitlements === undefined) {
    const started = start()
    holder.__logpilotEntitlements = started
    // A failed start (database unreachable) is tried again by the next request.
    started.catch(() => {
      if (holder.__logpilotEntitlements === started) holder.__logpilotEntitlements = undefined
    })
  }
  return holder.__logpilotEntitlements
}
