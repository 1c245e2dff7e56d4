// One live stream per browser. Where the platform has Web Locks and BroadcastChannel, the tabs of one
// environment + customer elect a leader: the tab that holds the lock `entitle:<env>:<customer>:stream`
// reads the server's event stream and every tab hears its snapshots (and its connection status) on
// the BroadcastChannel. When the leader closes (tab closed, customer switched, client stopped) the lock
// passes to a waiting tab, which opens the stream and refetches once (events may have been missed in
// between). Without these APIs each tab keeps its own stream. Part of the lazily loaded live chunk.
import type { LiveStatus } from './clientTypes.js'
import { type LiveStreamOptions, openLiveStream, openTabChannel } from './live.js'

export interface LiveShareOptions
  extends Omit<LiveStreamOptions, 'onOpen' | 'onClose' | 'onSnapshot' | 'onError'> {
  /** The channel (and lock) name: `entitle:<environment>:<customerId>`. */
  name: string
  /** A snapshot from the stream (`'live'`) or from another tab (`'tab'`): JSON, unchecked. */
  onSnapshot(json: unknown, from: 'live' | 'tab'): void
  /** This tab's view of the one stream: its own, or the leader's. */
  onStatus(status: LiveStatus): void
  /** The stream opened after a gap (a reconnect, or a takeover): refetch, events may have been missed. */
  onGap(): void
}

export interface LiveShare {
  /** Tells the other tabs (a snapshot this tab fetched, acknowledged or changed). */
  post(message: unknown): void
  close(): void
}

type Message = { type?: unknown; snapshot?: unknown; status?: unknown } | null

export function connectLive(options: LiveShareOptions): LiveShare {
  let leading = false
  let heardLeader = false
  let status: LiveStatus = 'connecting'
  let stopStream: (() => void) | undefined
  let release: (() => void) | undefined

  const channel = openTabChannel(options.name, (message) => {
    const m = message as Message
    if (m?.type === 'snapshot') options.onSnapshot(m.snapshot, 'tab')
    else if (m?.type === 'hello' && leading) channel?.post({ type: 'live', status })
    else if (m?.type === 'live' && !leading && typeof m.status === 'string') {
      heardLeader = true
      options.onStatus(m.status as LiveStatus)
    }
  })
  const setStatus = (next: LiveStatus) => {
    status = next
    options.onStatus(next)
    if (leading) channel?.post({ type: 'live', status: next })
  }
  const lead = () => {
    leading = true
    const tookOver = heardLeader
    stopStream = openLiveStream({
      ...options,
      onSnapshot: (json) => options.onSnapshot(json, 'live'),
      onOpen: (reconnected) => {
        setStatus('open')
        if (reconnected || tookOver) options.onGap()
      },
      onClose: (final) => setStatus(final ? 'off' : 'reconnecting'),
    })
  }

  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  const waiting = new AbortController()
  if (channel && locks) {
    locks
      .request(`${options.name}:stream`, { signal: waiting.signal }, () => {
        if (waiting.signal.aborted) return
        lead()
        return new Promise<void>((resolve) => {
          release = resolve
        })
      })
      .catch(() => {}) // aborted while waiting
    channel.post({ type: 'hello' })
  } else {
    lead()
  }

  return {
    post: (message) => channel?.post(message),
    close() {
      waiting.abort()
      stopStream?.()
      // The next leader takes a moment to open its stream: followers show it connecting meanwhile.
      if (leading) channel?.post({ type: 'live', status: 'connecting' })
      release?.()
      channel?.close()
    },
  }
}
