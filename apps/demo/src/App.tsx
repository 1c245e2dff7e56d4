import type { Offer } from '@entitle/core'
import { EntitlementsProvider, PaywallDialog, TrialBanner, useCatalog } from '@entitle/react'
import { QueryClientProvider } from '@tanstack/react-query'
import { lazy, Suspense, useCallback } from 'react'
import { applyOffer, ownedAddons } from './billing'
import { entitlementsClient, queryClient } from './client'
import { ConnectionStatus } from './components/ConnectionStatus'
import { CustomerSwitcher } from './components/CustomerSwitcher'
import { DemoControls } from './components/DemoControls'
import { Icon, type IconName } from './components/Icon'
import { OutageNotice } from './components/OutageNotice'
import { helpers, useEntitlements } from './entitlements'
import { ApiPage } from './pages/ApiPage'
import { AssistantPage } from './pages/AssistantPage'
import { BillingPage } from './pages/BillingPage'
import { LogsPage } from './pages/LogsPage'
import { SettingsPage } from './pages/SettingsPage'
import { TeamPage } from './pages/TeamPage'
import { href, PAGES, type PagePath, useRoute } from './router'

const ICONS: Record<PagePath, IconName> = {
  logs: 'logs',
  team: 'team',
  api: 'api',
  assistant: 'assistant',
  settings: 'settings',
  billing: 'billing',
}

// React Query devtools in development: the one cache shows Entitle's queries (['entitle', …]) beside the
// demo's own. Loaded lazily, never in production builds, and not under test automation (e2e, screenshots).
const showDevtools = import.meta.env.DEV && !navigator.webdriver
const ReactQueryDevtools = showDevtools
  ? lazy(() => import('@tanstack/react-query-devtools').then((m) => ({ default: m.ReactQueryDevtools })))
  : () => null

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <EntitlementsProvider client={entitlementsClient} queryClient={queryClient} helpers={helpers}>
        <Shell />
      </EntitlementsProvider>
      {showDevtools && (
        <Suspense fallback={null}>
          <ReactQueryDevtools initialIsOpen={false} buttonPosition="bottom-right" />
        </Suspense>
      )}
    </QueryClientProvider>
  )
}

/** How the app upgrades: the paywall's chosen offer becomes a (simulated) checkout. */
export function useUpgrade(): (offer: Offer) => Promise<unknown> {
  const { changePlan, snapshot } = useEntitlements()
  const { catalog } = useCatalog()
  return useCallback(
    (offer: Offer) => applyOffer(offer, changePlan, ownedAddons(snapshot, catalog)),
    [changePlan, snapshot, catalog],
  )
}

function Shell() {
  const route = useRoute()
  const { customerId, snapshot } = useEntitlements()
  const upgrade = useUpgrade()
  const page = PAGES.find((p) => p.path === route)

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href={href('logs')}>
          <span className="brand__mark">
            <Icon name="logo" size={20} />
          </span>
          LogPilot
        </a>
        <CustomerSwitcher />
        <div className="topbar__end">
          {snapshot?.plan && (
            <a
              className="plan-chip"
              href={href('billing')}
              title="Your plan (shown for information; never used to gate)"
            >
              {snapshot.plan.name} plan{snapshot.trialEndsAt ? ' · on a trial' : ''}
            </a>
          )}
          <ConnectionStatus />
        </div>
      </header>
      <div className="layout">
        <aside className="sidebar">
          <nav aria-label="Main">
            <ul className="nav">
              {PAGES.map((p) => (
                <li key={p.path}>
                  <a
                    className="nav__link"
                    href={href(p.path)}
                    aria-current={p.path === route ? 'page' : undefined}
                  >
                    <Icon name={ICONS[p.path]} />
                    {p.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <DemoControls />
        </aside>
        <main id="main" className="main" tabIndex={-1} aria-label={page?.title}>
          <OutageNotice />
          {route !== 'billing' && <TrialBanner className="trial-banner" />}
          {/* Keyed by customer: local page state (typed emails, a chat) never leaks across customers. */}
          <div key={customerId}>
            {route === 'logs' && <LogsPage />}
            {route === 'team' && <TeamPage />}
            {route === 'api' && <ApiPage />}
            {route === 'assistant' && <AssistantPage />}
            {route === 'settings' && <SettingsPage />}
            {route === 'billing' && <BillingPage />}
          </div>
        </main>
      </div>
      <PaywallDialog onUpgrade={upgrade} />
    </div>
  )
}
