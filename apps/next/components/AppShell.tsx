'use client'
import { PaywallDialog, useEntitlements } from '@entitle/react'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import type { ReactNode } from 'react'
import { signOut } from '../app/actions'

const PAGES = [
  { href: '/team', title: 'Team' },
  { href: '/assistant', title: 'AI assistant' },
] as const

const LIVE_TEXT = { off: 'Not live', connecting: 'Connecting…', open: 'Live', reconnecting: 'Reconnecting…' }

export function AppShell({ customerName, children }: { customerName: string; children: ReactNode }) {
  const { snapshot, live } = useEntitlements()
  const pathname = usePathname()
  const status = live ?? 'off'
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">LogPilot</span>
        <span className="topbar__customer">{customerName}</span>
        {snapshot?.plan && (
          <span className="plan-chip" data-testid="plan" title="Shown for information; never used to gate">
            {snapshot.plan.name} plan
          </span>
        )}
        <span className="connection" data-testid="connection" data-state={status}>
          {LIVE_TEXT[status]}
        </span>
        <form action={signOut}>
          <button type="submit" className="link-button">
            Sign out
          </button>
        </form>
      </header>
      <div className="layout">
        <nav aria-label="Main" className="sidebar">
          <ul className="nav">
            {PAGES.map((p) => (
              <li key={p.href}>
                <Link
                  href={p.href}
                  className="nav__link"
                  aria-current={pathname === p.href ? 'page' : undefined}
                >
                  {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main className="main">{children}</main>
      </div>
      <PaywallDialog />
    </div>
  )
}
