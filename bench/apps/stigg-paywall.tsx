// @stigg/react-sdk with its <Paywall> (and its styles.css, as the README says) as the gate's fallback.
import { Paywall, StiggProvider, useBooleanEntitlement, useMeteredEntitlement } from '@stigg/react-sdk'
import '@stigg/react-sdk/dist/styles.css'
import { createRoot } from 'react-dom/client'

function Seats() {
  const seats = useMeteredEntitlement({ featureId: 'feature-seats', options: { requestedUsage: 1 } })
  return (
    <p>
      {seats.currentUsage} of {seats.isUnlimited ? 'unlimited' : seats.usageLimit} seats
    </p>
  )
}

function Ai() {
  const ai = useBooleanEntitlement({ featureId: 'feature-ai-assistant' })
  if (ai.hasAccess) return <p>AI assistant</p>
  return (
    <Paywall
      highlightedPlanId="plan-premium"
      onPlanSelected={({ plan }) => {
        window.location.assign(`/checkout?plan=${encodeURIComponent(plan.id)}`)
      }}
    />
  )
}

function App() {
  return (
    <StiggProvider apiKey="client-api-key" customerId="acme">
      <Ai />
      <Seats />
    </StiggProvider>
  )
}

createRoot(document.getElementById('root')!).render(<App />)
