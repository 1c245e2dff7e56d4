// Short texts of the panel: developer-facing, English only on purpose (the components' texts are the localized ones).
import type { Decision, EntitlementEvent } from '@entitle/core'

/** "3 / 10", "12 / ∞", "14", or nothing. */
export function decisionValue(d: Decision): string {
  if (d.value !== undefined) return String(d.value)
  if (d.usage !== undefined && d.limit !== undefined)
    return `${d.usage} / ${d.limit === null ? '∞' : d.limit}`
  return ''
}

/** One line per event: its type, then what it is about. */
export function eventText(event: EntitlementEvent): string {
  const { type, ...rest } = event
  const details = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')
  return details ? `${type} · ${details}` : type
}

/** "just now", "3 min ago", "2 h ago" (to the minute: the panel's clock ticks once a minute). */
export function age(ms: number): string {
  const min = Math.round(ms / 60_000)
  if (min < 1) return 'just now'
  if (min < 60) return `${min} min ago`
  return `${Math.round(min / 60)} h ago`
}
