// `POST /v1/webhooks/stripe`: Stripe's active entitlement summaries into the store. The signature
// covers the exact bytes received; a summary Stripe cut short (`has_more`) is completed through the
// configured Stripe client, or refused so that Stripe delivers it again, never applied as if whole.
import { applyStripeSummary, type Catalog } from '@entitle/core/engine'
import type { Operations } from '../operations.js'
import type { Store } from '../store/types.js'
import { parseStripeEvent } from '../stripe/event.js'
import { STRIPE_TOLERANCE_SECONDS, verifyStripeSignature } from '../stripe/signature.js'
import { ApiError, jsonResponse, methodNotAllowed } from './errors.js'
import { parseJson, readText } from './request.js'

/** Stripe settings of the server. */
export interface StripeOptions {
  /** Webhook signing secrets (`whsec_…`); any of them verifies an event, so a secret can rotate. */
  webhookSecrets: string | readonly string[]
  /** Largest accepted distance between the signed timestamp and now, in s. Default 300. */
  toleranceSeconds?: number
  /**
   * Every active entitlement's `lookup_key` of a Stripe customer, all pages (e.g. with the `stripe`
   * package: `stripe.entitlements.activeEntitlements.list({ customer }).autoPagingToArray(…)`). Used
   * for summaries Stripe truncated (`has_more: true`). Without it those are refused with 422
   * `stripe_summary_incomplete`, and Stripe retries them.
   */
  listActiveEntitlements?: (stripeCustomerId: string) => Promise<readonly string[]>
  /**
   * The clock signed timestamps are checked against, epoch ms. Default `Date.now`: real time, never
   * a development clock that was moved forward.
   */
  clock?: () => number
}

export interface StripeWebhookOptions {
  stripe: StripeOptions | undefined
  store: Store
  catalog: Catalog
  operations: Operations
  maxBodyBytes: number
}

export function createStripeWebhook({
  stripe,
  store,
  catalog,
  operations,
  maxBodyBytes,
}: StripeWebhookOptions) {
  const wallClock = stripe?.clock ?? Date.now
  const secrets =
    stripe === undefined
      ? []
      : typeof stripe.webhookSecrets === 'string'
        ? [stripe.webhookSecrets]
        : [...stripe.webhookSecrets]
  const tolerance = stripe?.toleranceSeconds ?? STRIPE_TOLERANCE_SECONDS

  return async function stripeWebhook(request: Request): Promise<Response> {
    if (request.method !== 'POST') throw methodNotAllowed('POST')
    if (secrets.length === 0)
      throw new ApiError(
        400,
        'stripe_not_configured',
        'no Stripe webhook secret is configured (stripe.webhookSecrets / --stripe-webhook-secret)',
      )
    const payload = await readText(request, maxBodyBytes)
    await verifyStripeSignature(
      payload,
      request.headers.get('stripe-signature'),
      secrets,
      wallClock(),
      tolerance,
    )
    const event = parseStripeEvent(parseJson(payload))
    if (event.kind === 'other')
      return jsonResponse({ received: true, applied: false, reason: 'unhandled_event_type' })
    let lookupKeys = event.lookupKeys
    if (event.hasMore) {
      if (stripe?.listActiveEntitlements === undefined) {
        throw new ApiError(
          422,
          'stripe_summary_incomplete',
          'the summary lists only part of the active entitlements (has_more: true); configure stripe.listActiveEntitlements to complete it. Not applied: Stripe will retry.',
        )
      }
      lookupKeys = [...(await stripe.listActiveEntitlements(event.customer))]
    }
    const customerId = await store.customerIdForStripe(event.customer)
    if (customerId === undefined)
      return jsonResponse({ received: true, applied: false, reason: 'unknown_customer' })
    let outcome: { applied: boolean; reason?: string; unknownLookupKeys?: string[] } = { applied: false }
    const view = await operations.updateState(customerId, (state) => {
      if (state.stripe.lastEvent?.id === event.id) {
        outcome = { applied: false, reason: 'duplicate_event' }
        return null
      }
      const result = applyStripeSummary(catalog, state, {
        eventId: event.id,
        created: event.created,
        lookupKeys,
      })
      if (!result.applied) {
        outcome = { applied: false, reason: result.reason }
        return null
      }
      outcome = {
        applied: true,
        ...(result.unknownLookupKeys.length > 0 ? { unknownLookupKeys: result.unknownLookupKeys } : {}),
      }
      return result.state
    })
    return jsonResponse({ received: true, ...outcome, customerId, version: view.record.mark.version })
  }
}
