// Entitle with a paywall: the same app, the gate's fallback is the drop-in <Paywall> (offers from the catalog).
import { createEntitlementsClient } from '@entitle/core'
import { EntitlementsProvider, Gate, Paywall, useEntitlement } from '@entitle/react'
import '@entitle/react/styles.css'
import { createRoot } from 'react-dom/client'

const client = createEntitlementsClient({
  baseUrl: 'https://api.example.com',
  customerId: 'acme',
  getToken: () => 'demo-acme',
})

function Seats() {
  const seats = useEntitlement('seats')
  return (
    <p>
      {seats.usage} of {seats.limit ?? 'unlimited'} seats
    </p>
  )
}

function App() {
  return (
    <EntitlementsProvider client={client}>
      <Gate feature="ai-assistant" fallback={<Paywall feature="ai-assistant" />}>
        <p>AI assistant</p>
      </Gate>
      <Seats />
    </EntitlementsProvider>
  )
}

createRoot(document.getElementById('root')!).render(<App />)
