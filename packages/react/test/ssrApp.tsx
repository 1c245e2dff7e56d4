// A small gated page used by the SSR tests (server render, then hydration).
import { useEntitlement, useEntitlements } from '../src/index.js'

export function InviteMembers() {
  const seats = useEntitlement('seats')
  if (seats.reason === 'loading') return <p>Checking your plan…</p>
  return seats.granted ? (
    <button type="button">Invite a member</button>
  ) : (
    <p>
      {seats.usage} of {seats.limit} seats used. Upgrade to invite more members.
    </p>
  )
}

export function Retention() {
  const { value, isLoading } = useEntitlements()
  return <p>{isLoading ? 'Retention: …' : `Logs kept ${value('retention-days', 1)} days`}</p>
}

export function Page() {
  return (
    <main>
      <InviteMembers />
      <Retention />
    </main>
  )
}
