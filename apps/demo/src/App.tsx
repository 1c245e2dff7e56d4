import type { Offer } from '@entitle/core'
import { EntitlementsProvider, PaywallDialog, SubscriptionBanner, TrialBanner } from '@entitle/react'
import { QueryClientProvider } from '@tanstack/react-query'
import { lazy, Suspense, useCallback } from 'react'
import { resolvePastDue } from './admin'
import { startCheckout } from './checkout'
import { entitlementsClient, queryClient } from './client'
import { ConnectionStatus } from './components/ConnectionStatus'
import { CustomerSwitcher } from './components/CustomerSwitcher'
import { DemoControls } from './components/DemoControls'
import { Icon, type IconName } from './components/Icon'
import { OutageNotice } from './components/OutageNotice'
import { RoleSwitcher } from './components/RoleSwitcher'
import { helpers, useEntitlements } from './entitlements'
import { notify, useNotice } from './notices'
import { ApiPage } from './pages/ApiPage'
import { AssistantPage } from './pages/AssistantPage'
import { BillingPage } from './pages/BillingPage'
import { LogsPage } from './pages/LogsPage'
import { SettingsPage } from './pages/SettingsPage'
import { TeamPage } from './pages/TeamPage'
import { PEOPLE, useRole } from './role'
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

// Entitle's own devtools in development (snapshot, decisions, overrides, events): loaded lazily, never
// in production builds (e2e/devtools-bundle checks the built app). Under automation only with ?devtools.
const showEntitleDevtools =
  import.meta.env.DEV && (!navigator.webdriver || new URLSearchParams(window.location.search).has('devtools'))
const EntitlementsDevtools = showEntitleDevtools
  ? lazy(() => import('@entitle/react/devtools').then((m) => ({ default: m.EntitlementsDevtools })))
  : () => null

export function App() {
  const role = useRole()
  // Who may buy: the signed-in user's role (a real app reads it from its session).
  const canManageBilling = useCallback(() => role === 'admin', [role])
  return (
    <QueryClientProvider client={queryClient}>
      <EntitlementsProvider
        client={entitlementsClient}
        queryClient={queryClient}
        helpers={helpers}
        canManageBilling={canManageBilling}
      >
        <Shell />
        {showEntitleDevtools && (
          <Suspense fallback={null}>
            <EntitlementsDevtools position="bottom-right" />
          </Suspense>
        )}
      </EntitlementsProvider>
      {showDevtools && (
        <Suspense fallback={null}>
          <ReactQueryDevtools initialIsOpen={false} buttonPosition="bottom-left" />
        </Suspense>
      )}
    </QueryClientProvider>
  )
}

/**
 * How the app upgrades: the paywall's chosen offer becomes a hosted checkout session (the mock
 * server's, playing Stripe Checkout). The paywall goes there; coming back, the client waits for the
 * webhook's entitlement ("Confirming your upgrade…").
 */
export function useUpgrade(): (offer: Offer) => Promise<unknown> {
  const { customerId } = useEntitlements()
  return useCallback((offer: Offer) => startCheckout(customerId, offer.change), [customerId])
}

/** Demo only: "updating the card" settles the failed payment on the mock server. */
export function useUpdatePayment(): () => void {
  const { customerId, refresh } = useEntitlements()
  return useCallback(
    () =>
      void resolvePastDue(customerId)
        .then(() => refresh())
        .catch((error: unknown) => notify(String(error))),
    [customerId, refresh],
  )
}

/** A member asks the billing admin (a real app would notify them). */
export function requestUpgrade(offer: { name: string }): void {
  notify(`We asked ${PEOPLE.admin.name} (billing admin) to upgrade to ${offer.name}.`)
}

/** "Contact sales" on the sales-led plan (a real app would open its sales form or a calendar). */
export function contactSales(offer: { name: string }): void {
  notify(`Thanks! Our sales team will write to you about ${offer.name} within a business day.`)
}

function Shell() {
  const route = useRoute()
  const { customerId, snapshot } = useEntitlements()
  const upgrade = useUpgrade()
  const updatePayment = useUpdatePayment()
  const notice = useNotice()
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
        <RoleSwitcher />
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
          {notice && (
            <p className="notice" data-kind="info" role="status">
              {notice}
            </p>
          )}
          {route !== 'billing' && <TrialBanner className="trial-banner" />}
          {/* Billing's customer portal shows it in its subscription summary. */}
          {route !== 'billing' && (
            <SubscriptionBanner className="trial-banner" onUpdatePayment={updatePayment} />
          )}
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
      <PaywallDialog onUpgrade={upgrade} onRequestUpgrade={requestUpgrade} onContactSales={contactSales} />
    </div>
  )
}
