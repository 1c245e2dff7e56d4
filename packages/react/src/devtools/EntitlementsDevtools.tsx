'use client'
import { lazy, Suspense } from 'react'

// Module-scoped on purpose (see dev.ts): the package builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

export interface EntitlementsDevtoolsProps {
  /** Open the panel at first. Default `false` (a button in the corner). */
  initialIsOpen?: boolean
  /** Which corner the button sits in. Default `'bottom-left'`. */
  position?: 'bottom-left' | 'bottom-right' | 'top-left' | 'top-right'
}

// `process.env.NODE_ENV` read bare (bundlers replace it, Vite's development server too, where no
// `process` exists): in a production build this stays `null` and the panel's chunk is never emitted.
// Without a bundler or a `process`, no panel.
let Panel: ReturnType<typeof lazy<typeof import('./DevtoolsPanel.js').default>> | null = null
try {
  if (process.env.NODE_ENV !== 'production') Panel = lazy(() => import('./DevtoolsPanel.js'))
} catch {
  // no `process`: not a development build
}

/**
 * The entitlements devtools, inside an `<EntitlementsProvider>`: a floating panel with the snapshot
 * (version, age, where it came from), every feature's decision and reason, local overrides per
 * feature and test scenarios (development only: marked `isOverridden` on decisions, kept in
 * sessionStorage, cleared in one click), the event log, the live status and a refresh button.
 * The panel is loaded lazily; in production builds this renders nothing and ships no panel.
 */
export function EntitlementsDevtools(props: EntitlementsDevtoolsProps) {
  if (Panel === null) return null
  return (
    <Suspense fallback={null}>
      <Panel {...props} />
    </Suspense>
  )
}
