// autumn-js (its React entry, `autumn-js/react`): provider + useCustomer's local check() for a
// boolean feature and a metered balance.
import { AutumnProvider, useCustomer } from 'autumn-js/react'
import { createRoot } from 'react-dom/client'

function Features() {
  const { check, isLoading } = useCustomer()
  if (isLoading) return null
  const ai = check({ featureId: 'ai-assistant' })
  const seats = check({ featureId: 'seats', requiredBalance: 1 })
  return (
    <>
      {ai.allowed ? <p>AI assistant</p> : <p>Upgrade to use the AI assistant.</p>}
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
