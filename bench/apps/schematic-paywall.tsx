// @schematichq/schematic-react + @schematichq/schematic-components: the gate's fallback is the
// components' <PricingTable> inside its <EmbedProvider> (the components' documented entry).
import { EmbedProvider, PricingTable } from '@schematichq/schematic-components'
import {
  SchematicProvider,
  useSchematicEntitlement,
  useSchematicEvents,
  useSchematicFlag,
  useSchematicIsPending,
} from '@schematichq/schematic-react'
import { useEffect } from 'react'
import { createRoot } from 'react-dom/client'

function Identify() {
  const { identify } = useSchematicEvents()
  useEffect(() => {
    identify({ keys: { id: 'user-1' }, company: { keys: { id: 'acme' } } })
  }, [identify])
  return null
}

function Seats() {
  const { featureUsage, featureAllocation } = useSchematicEntitlement('seats')
  return (
    <p>
      {featureUsage} of {featureAllocation ?? 'unlimited'} seats
    </p>
  )
}

function Ai() {
  const pending = useSchematicIsPending()
  const enabled = useSchematicFlag('ai-assistant')
  if (pending) return null
  if (enabled) return <p>AI assistant</p>
  return (
    <EmbedProvider apiKey="api_publishable_key">
      <PricingTable />
    </EmbedProvider>
  )
}

function App() {
  return (
    <SchematicProvider publishableKey="api_publishable_key">
      <Identify />
      <Ai />
      <Seats />
    </SchematicProvider>
  )
}

createRoot(document.getElementById('root')!).render(<App />)
