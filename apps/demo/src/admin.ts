// The mock server's admin API (demo controls only; a real entitlements service has no such thing).
import { ENTITLE_URL } from './client'

const ADMIN_TOKEN = import.meta.env.VITE_ENTITLE_ADMIN_TOKEN ?? ''
export const DAY_MS = 86_400_000

async function admin<T>(
  action: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<T> {
  const response = await fetch(`${ENTITLE_URL}/v1/admin/${action}`, {
    method,
    headers: {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  })
  const json = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null
  if (!response.ok) throw new Error(json?.error?.message ?? `admin ${action}: HTTP ${response.status}`)
  return json as T
}

export type OutageMode = 'hang' | 'error'
export interface Outage {
  down: boolean
  mode: OutageMode
}

export const getOutage = () => admin<Outage>('outage')
export const setOutage = (down: boolean, mode: OutageMode = 'hang') => admin<Outage>('outage', { down, mode })
export const getClock = () => admin<{ now: string }>('clock')
export const advanceClock = (days: number) =>
  admin<{ now: string }>('clock', { advanceMs: Math.round(days * DAY_MS) })
export const resetMock = () => admin<{ now: string }>('reset', {})
/** The hosted checkout's webhook lag (Pay → the change), ms. */
export const getCheckout = () => admin<{ delayMs: number }>('checkout')
export const setCheckoutDelay = (delayMs: number) => admin<{ delayMs: number }>('checkout', { delayMs })
/** A failed payment: the plan stays for the server's grace period (7 days on its clock), then its entitlements go. */
export const markPastDue = (customerId: string) =>
  admin(`customers/${encodeURIComponent(customerId)}/billing`, { pastDue: {} }, 'PUT')
/** The payment went through. */
export const resolvePastDue = (customerId: string) =>
  admin(`customers/${encodeURIComponent(customerId)}/billing`, { pastDue: null }, 'PUT')
