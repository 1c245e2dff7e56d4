// @schematichq/schematic-react: provider + identify + a boolean flag gate + an entitlement's usage read.
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
  return enabled ? <p>AI assistant</p> : <p>Upgrade to use the AI assistant.</p>
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
