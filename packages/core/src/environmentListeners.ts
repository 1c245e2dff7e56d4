// The browser events the client follows while started: `online` (flush the offline queue, refetch)
// and a tab becoming visible again (refetch if stale, as TanStack's refetchOnWindowFocus; this also
// covers an event stream that a proxy or a sleeping laptop silently cut).

export interface EnvironmentHandlers {
  onOnline(): void
  onVisible(): void
}

/** Adds the listeners; returns the function that removes them. Inert where there is no window or document. */
export function listenToEnvironment(handlers: EnvironmentHandlers): () => void {
  const onOnline = () => handlers.onOnline()
  const onVisibility = () => {
    if (document.visibilityState === 'visible') handlers.onVisible()
  }
  const win = typeof window === 'undefined' ? undefined : window
  const doc = typeof document === 'undefined' ? undefined : document
  win?.addEventListener?.('online', onOnline)
  doc?.addEventListener?.('visibilitychange', onVisibility)
  return () => {
    win?.removeEventListener?.('online', onOnline)
    doc?.removeEventListener?.('visibilitychange', onVisibility)
  }
}
