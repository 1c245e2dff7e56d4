// Hand-written on @tanstack/react-query + zustand, with a paywall: the plans that grant the feature
// (from the catalog, cheapest first), an upgrade button that changes the plan and opens the gate.
import { QueryClientProvider } from '@tanstack/react-query'
import { createRoot } from 'react-dom/client'
import {
  queryClient,
  useCatalog,
  useChangePlan,
  useEntitlement,
  usePaywallStore,
} from './handwritten-entitlements'

const money = (p: { amount: number; currency: string } | null) =>
  p
    ? new Intl.NumberFormat(undefined, { style: 'currency', currency: p.currency }).format(p.amount / 100)
    : 'Contact us'

function Paywall({ feature }: { feature: string }) {
  const { data: catalog } = useCatalog()
  const changePlan = useChangePlan()
  const close = usePaywallStore((s) => s.close)
  const plans = (catalog?.plans ?? [])
    .filter((plan) => feature in plan.grants)
    .sort((a, b) => (a.price?.amount ?? Infinity) - (b.price?.amount ?? Infinity))
  return (
    <section aria-labelledby="paywall-title">
      <h2 id="paywall-title">Upgrade to use {feature}</h2>
      {changePlan.error ? <p role="alert">{changePlan.error.message}</p> : null}
      <ul>
        {plans.map((plan, i) => (
          <li key={plan.id} data-highlighted={i === 0 || undefined}>
            {plan.name} — {money(plan.price)}{' '}
            <button
              type="button"
              disabled={changePlan.isPending}
              onClick={() => changePlan.mutate(plan.id, { onSuccess: close })}
            >
              Upgrade
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Seats() {
  const seats = useEntitlement('seats')
  return (
    <p>
      {seats.usage} of {seats.limit ?? 'unlimited'} seats
    </p>
  )
}

function Ai() {
  const ai = useEntitlement('ai-assistant')
  if (ai.loading) return null
  return ai.granted ? <p>AI assistant</p> : <Paywall feature="ai-assistant" />
}

function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Ai />
      <Seats />
    </QueryClientProvider>
  )
}

createRoot(document.getElementById('root')!).render(<App />)
