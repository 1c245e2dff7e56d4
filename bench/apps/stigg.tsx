// @stigg/react-sdk: provider + a boolean gate + a metered usage read, as its README and types document.
import { StiggProvider, useBooleanEntitlement, useMeteredEntitlement } from '@stigg/react-sdk'
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
  return ai.hasAccess ? <p>AI assistant</p> : <p>Upgrade to use the AI assistant.</p>
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
