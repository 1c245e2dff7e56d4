// The same job written by hand on @tanstack/react-query + zustand: what a team would reasonably write
// instead of adopting an SDK. Fetch the snapshot with a bearer token, check booleans and meters
// (hard/soft limits, unlimited, expiry) and keep paywall UI state in a zustand store. No retries
// beyond react-query's, no persistence, no live updates, no validation: a fair "minimum" for the job.
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { create } from 'zustand'

const BASE_URL = 'https://api.example.com'
const CUSTOMER = 'acme'
const TOKEN = 'demo-acme'

type Entitlement =
  | { kind: 'boolean'; expiresAt: string | null }
  | { kind: 'config'; value: string | number | boolean; expiresAt: string | null }
  | {
      kind: 'metered'
      usage: number
      limit: number | null
      enforcement: 'hard' | 'soft'
      resetsAt: string | null
      expiresAt: string | null
    }
export type Snapshot = { version: number; entitlements: Record<string, Entitlement | undefined> }
export type Plan = {
  id: string
  name: string
  price: { amount: number; currency: string } | null
  grants: Record<string, unknown>
}
export type Catalog = { plans: Plan[] }

export const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } })

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${BASE_URL}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
  })
  if (!res.ok) throw new Error(`${res.status} ${path}`)
  return res.json() as Promise<T>
}

export const snapshotQuery = {
  queryKey: ['entitlements', CUSTOMER],
  queryFn: () => api<Snapshot>(`/v1/customers/${CUSTOMER}/entitlements`),
}

export type Check = { granted: boolean; loading: boolean; usage?: number; limit?: number | null }

export function check(snapshot: Snapshot | undefined, feature: string, requested = 1): Check {
  if (!snapshot) return { granted: false, loading: true }
  const e = snapshot.entitlements[feature]
  if (!e || (e.expiresAt && Date.parse(e.expiresAt) <= Date.now())) return { granted: false, loading: false }
  if (e.kind !== 'metered') return { granted: true, loading: false }
  const usage = e.resetsAt && Date.parse(e.resetsAt) <= Date.now() ? 0 : e.usage
  const granted = e.limit === null || e.enforcement === 'soft' || usage + requested <= e.limit
  return { granted, loading: false, usage, limit: e.limit }
}

/** Re-renders only when this feature's check changes (react-query's `select` + structural sharing). */
export function useEntitlement(feature: string, requested = 1): Check {
  const { data } = useQuery({ ...snapshotQuery, select: (s: Snapshot) => check(s, feature, requested) })
  return data ?? { granted: false, loading: true }
}

type PaywallState = { feature: string | null; open: (feature: string) => void; close: () => void }
export const usePaywallStore = create<PaywallState>((set) => ({
  feature: null,
  open: (feature) => set({ feature }),
  close: () => set({ feature: null }),
}))

export function useCatalog() {
  return useQuery({ queryKey: ['catalog'], queryFn: () => api<Catalog>('/v1/catalog'), staleTime: Infinity })
}

export function useChangePlan() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (planId: string) =>
      api<Snapshot>(`/v1/customers/${CUSTOMER}/subscription`, {
        method: 'PUT',
        body: JSON.stringify({ planId }),
      }),
    onSuccess: (snapshot) => client.setQueryData(snapshotQuery.queryKey, snapshot),
  })
}
