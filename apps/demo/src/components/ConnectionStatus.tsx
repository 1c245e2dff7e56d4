import { useEntitlements } from '../entitlements'

/** Where the entitlements on screen come from: the live service, a cached snapshot, or fallbacks. */
export function ConnectionStatus() {
  const { isLoading, isStale, error, snapshot } = useEntitlements()
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
            : ['live', 'Live', 'Entitlements are up to date and follow live updates.']
  return (
    <p className="connection" data-state={state} data-testid="connection" title={title} aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      {label}
    </p>
  )
}
