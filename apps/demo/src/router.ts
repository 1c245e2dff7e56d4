// A tiny hash router: the demo has six pages and no server routes, so `#/team` is enough.
import { useSyncExternalStore } from 'react'

export const PAGES = [
  { path: 'logs', title: 'Logs' },
  { path: 'team', title: 'Team' },
  { path: 'api', title: 'API' },
  { path: 'assistant', title: 'AI assistant' },
  { path: 'settings', title: 'Settings' },
  { path: 'billing', title: 'Billing' },
] as const
export type PagePath = (typeof PAGES)[number]['path']

function read(): PagePath {
  const path = window.location.hash.replace(/^#\/?/, '')
  return PAGES.find((p) => p.path === path)?.path ?? 'logs'
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function useRoute(): PagePath {
  return useSyncExternalStore(subscribe, read, () => 'logs' as const)
}

export const href = (path: PagePath) => `#/${path}`
