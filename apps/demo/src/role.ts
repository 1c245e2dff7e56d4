// Who is signed in, for the demo: a billing admin, who may buy, or a team member, who may not and
// asks an admin instead (the provider's `canManageBilling`). A real app reads this from its session.
import { useSyncExternalStore } from 'react'

export type Role = 'admin' | 'member'
const KEY = 'logpilot:role'
const listeners = new Set<() => void>()

function read(): Role {
  try {
    return localStorage.getItem(KEY) === 'member' ? 'member' : 'admin'
  } catch {
    return 'admin'
  }
}
let role: Role = read()

export function setRole(next: Role): void {
  role = next
  try {
    localStorage.setItem(KEY, next)
  } catch {
    // Not remembered across reloads; the switch itself still works.
  }
  for (const listener of [...listeners]) listener()
}

export function useRole(): Role {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => role,
    () => 'admin' as const,
  )
}

/** The people behind the roles (demo data). */
export const PEOPLE: Record<Role, { name: string; title: string }> = {
  admin: { name: 'Ada Lovelace', title: 'Billing admin' },
  member: { name: 'Grace Hopper', title: 'Team member' },
}
