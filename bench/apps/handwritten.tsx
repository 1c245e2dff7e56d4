// Hand-written on @tanstack/react-query + zustand: provider + a boolean gate + a metered usage read.
import { QueryClientProvider } from '@tanstack/react-query'
import { createRoot } from 'react-dom/client'
import { queryClient, useEntitlement, usePaywallStore } from './handwritten-entitlements'

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
  const open = usePaywallStore((s) => s.open)
  if (ai.loading) return null
  if (ai.granted) return <p>AI assistant</p>
  return (
    <button type="button" onClick={() => open('ai-assistant')}>
      Upgrade to use the AI assistant.
    </button>
  )
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
