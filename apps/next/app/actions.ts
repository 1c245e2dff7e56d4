'use server'
// Server actions: signing in and out, and inviting a member. Inviting takes a seat, a hard limit,
// so the server decides with the same rules engine the client checks with; the client's check is
// only a hint for the UI.
import { redirect } from 'next/navigation'
import { isCustomerId } from '../lib/customers'
import { entitlementsServer } from '../lib/server/entitlements'
import { currentCustomer, endSession, startSession } from '../lib/server/session'

export async function signIn(formData: FormData): Promise<void> {
  const customerId = formData.get('customer')
  if (!isCustomerId(customerId)) redirect('/sign-in')
  await startSession(customerId)
  redirect('/team')
}

export async function signOut(): Promise<void> {
  await endSession()
  redirect('/sign-in')
}

export type InviteResult =
  | { status: 'invited'; email: string }
  /** The server refused: no seat left (`limit_exceeded`) or seats not in the plan (`not_entitled`). */
  | { status: 'refused'; code: string; message: string }
  | { status: 'invalid'; message: string }
  | { status: 'signed-out' }

const EMAIL = /^[^\s@]+@[^\s@]+$/
const KEY = /^[A-Za-z0-9_-]{8,128}$/

/**
 * Takes a seat for `email` and sends the invitation. `idempotencyKey` (one per invitation, made by the
 * browser) makes a retried action count once.
 */
export async function inviteMember(email: string, idempotencyKey: string): Promise<InviteResult> {
  const customerId = await currentCustomer()
  if (customerId === null) return { status: 'signed-out' }
  const address = typeof email === 'string' ? email.trim() : ''
  if (address.length > 254 || !EMAIL.test(address))
    return { status: 'invalid', message: 'Enter an email address.' }
  if (typeof idempotencyKey !== 'string' || !KEY.test(idempotencyKey))
    return { status: 'invalid', message: 'Malformed request.' }

  const server = await entitlementsServer()
  const answer = await server.reportUsage(customerId, { feature: 'seats', amount: 1 }, idempotencyKey)
  if (answer.status === 409) {
    const { error } = JSON.parse(answer.body) as { error: { code: string; message: string } }
    return { status: 'refused', code: error.code, message: error.message }
  }
  // The seat is taken: this is where the app would store the invitation and send its email.
  return { status: 'invited', email: address }
}
