import { useEntitlements } from '../entitlements'

/**
 * Where the entitlements on screen come from: the live service, a cached snapshot, or fallbacks.
 * "Live" only while the event stream is actually open (`live === 'open'`): fresh data alone is
 * "Up to date", since changes made elsewhere would not show until the next fetch.
 */
export function ConnectionStatus() {
  const { isLoading, isStale, error, snapshot, live } = useEntitlements()
  const [state, label, title] =
    error && snapshot
      ? [
          'offline',
          'Offline · cached',
          'The service is unreachable: showing the last snapshot saved in this browser.',
        ]
      : error
        ? [
            'fallback',
            'Offline · fallbacks',
            'No data and no cached snapshot: features fail open, hard limits fall back to 0.',
          ]
        : isLoading
          ? ['connecting', 'Connecting…', 'Waiting for the first snapshot.']
          : isStale
            ? ['cached', 'Cached · checking…', 'Showing the saved snapshot while the service confirms it.']
            : live === 'open'
              ? ['live', 'Live', 'Entitlements are up to date and follow live updates.']
              : live === 'off'
                ? ['synced', 'Up to date', 'Entitlements are up to date; live updates are off.']
                : [
                    'connecting',
                    live === 'reconnecting' ? 'Up to date · reconnecting…' : 'Up to date · connecting…',
                    'Entitlements are up to date as of the last answer; the live-updates stream is not open yet.',
                  ]
  return (
    <p className="connection" data-state={state} data-testid="connection" title={title} aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      {label}
    </p>
  )
}
