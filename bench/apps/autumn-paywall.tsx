// autumn-js with a paywall. Its React entry (1.x) ships hooks, no paywall component, so the paywall is
// what an app writes on those hooks: the plans from useListPlans(), each with an attach() button.
import { AutumnProvider, useCustomer, useListPlans } from 'autumn-js/react'
import { createRoot } from 'react-dom/client'

function Paywall() {
  const { attach } = useCustomer()
  const { data: plans } = useListPlans()
  return (
    <section>
      <h2>Upgrade to use the AI assistant</h2>
      <ul>
        {plans?.map((plan) => (
          <li key={plan.id}>
            {plan.name}{' '}
            <button type="button" onClick={() => attach({ planId: plan.id })}>
              Upgrade
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Features() {
  const { check, isLoading } = useCustomer()
  if (isLoading) return null
  const ai = check({ featureId: 'ai-assistant' })
  const seats = check({ featureId: 'seats', requiredBalance: 1 })
  return (
    <>
      {ai.allowed ? <p>AI assistant</p> : <Paywall />}
      <p>
        {seats.balance?.usage} of {seats.balance?.unlimited ? 'unlimited' : seats.balance?.granted} seats
      </p>
    </>
  )
}

function App() {
  return (
    <AutumnProvider backendUrl="https://api.example.com">
      <Features />
    </AutumnProvider>
  )
}

createRoot(document.getElementById('root')!).render(<App />)
