// @entitle/server's whole HTTP contract under /api/entitlements: the browser's entitlements client
// (snapshot, catalog, usage, subscription changes, the live event stream), the admin API (only with
// ENTITLE_ADMIN_TOKEN) and the Stripe webhook, POST /api/entitlements/v1/webhooks/stripe (only with
// STRIPE_WEBHOOK_SECRET; signature-verified). The handler is a plain Fetch-API function.
import { entitlementsServer } from '../../../../lib/server/entitlements'

// Every answer depends on the request (auth, ETag) and on the database: never prerendered or cached.
export const dynamic = 'force-dynamic'

async function handle(request: Request): Promise<Response> {
  const server = await entitlementsServer()
  return server(request)
}

export { handle as DELETE, handle as GET, handle as OPTIONS, handle as POST, handle as PUT }
