'use client'
import { eventText } from './describe.js'
import type { LoggedEvent } from './useEventLog.js'

const time = (at: number) => new Date(at).toISOString().slice(11, 19)

/** The client's events since the panel mounted, newest first. */
export function EventLog({ log }: { log: LoggedEvent[] }) {
  if (log.length === 0) return <p className="entitle-devtools__muted">No events yet.</p>
  return (
    <ol className="entitle-devtools__events">
      {log.map(({ at, event, id }) => (
        <li key={id}>
          <time dateTime={new Date(at).toISOString()}>{time(at)}</time> {eventText(event)}
        </li>
      ))}
    </ol>
  )
}
