// When a metered entitlement resets: the calendar rule every backend and test double shares (the mock
// server computes `resetsAt` with it; `@entitle/react/testing` builds its snapshots with it).
import type { ResetPeriod } from './types.js'

const DAY_MS = 86_400_000

/**
 * Start of the usage period that contains `now`, in UTC. Weeks start on Monday (ISO 8601), so a
 * weekly meter resets at Monday 00:00 UTC whatever the customer's time zone: the server and every
 * client agree on one instant.
 */
export function periodStart(period: ResetPeriod, now: number): number {
  const d = new Date(now)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth()
  switch (period) {
    case 'day':
      return Date.UTC(y, m, d.getUTCDate())
    case 'week': {
      const sinceMonday = (d.getUTCDay() + 6) % 7
      return Date.UTC(y, m, d.getUTCDate()) - sinceMonday * DAY_MS
    }
    case 'month':
      return Date.UTC(y, m, 1)
    case 'year':
      return Date.UTC(y, 0, 1)
  }
}

/** Start of the period after the one that contains `now`: the `resetsAt` instant of a meter. */
export function nextPeriodStart(period: ResetPeriod, now: number): number {
  const start = new Date(periodStart(period, now))
  const y = start.getUTCFullYear()
  const m = start.getUTCMonth()
  switch (period) {
    case 'day':
      return start.getTime() + DAY_MS
    case 'week':
      return start.getTime() + 7 * DAY_MS
    case 'month':
      return Date.UTC(y, m + 1, 1)
    case 'year':
      return Date.UTC(y + 1, 0, 1)
  }
}
