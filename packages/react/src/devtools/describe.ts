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

/** "12 s ago", "3 min ago", "2 h ago". */
export function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.round(s / 60)} min ago`
  return `${Math.round(s / 3600)} h ago`
}
