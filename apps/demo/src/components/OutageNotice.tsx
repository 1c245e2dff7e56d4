import { useEntitlements } from '../entitlements'

/** Explains, in the page, what the app does while the entitlements service cannot be reached. */
export function OutageNotice() {
  const { error, snapshot } = useEntitlements()
  if (!error || error.code === 'aborted') return null
  return (
    <p className="outage-notice" role="status">
      <strong>The entitlements service is unreachable.</strong>{' '}
      {snapshot
        ? 'LogPilot keeps deciding from the snapshot saved in this browser, so every page works as before.'
        : 'Nothing is cached in this browser, so features fail open, while seats (a hard limit) fall back to 0: invitations wait until the service is back.'}
    </p>
  )
}
