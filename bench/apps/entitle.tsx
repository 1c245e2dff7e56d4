// Entitle: provider + a boolean gate + a metered usage read, on the public API of the built packages.
import { createEntitlementsClient } from '@entitle/core'
import { EntitlementsProvider, Gate, useEntitlement } from '@entitle/react'
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
      <Gate feature="ai-assistant" fallback={<p>Upgrade to use the AI assistant.</p>}>
        <p>AI assistant</p>
      </Gate>
      <Seats />
    </EntitlementsProvider>
  )
}

createRoot(document.getElementById('root')!).render(<App />)
