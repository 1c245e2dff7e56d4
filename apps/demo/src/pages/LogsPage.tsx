import { useId, useState } from 'react'
import { useUpgrade } from '../App'
import { Gate, Paywall, useEntitlements } from '../entitlements'
import { PageHeader } from './PageHeader'

type Level = 'info' | 'warn' | 'error'
interface LogLine {
  minutesAgo: number
  level: Level
  service: string
  message: string
}

const LOGS: LogLine[] = [
  {
    minutesAgo: 1,
    level: 'error',
    service: 'checkout',
    message: 'Payment provider timed out after 3000 ms (order 8812)',
  },
  { minutesAgo: 2, level: 'info', service: 'api', message: 'GET /v1/orders 200 in 41 ms' },
  { minutesAgo: 4, level: 'warn', service: 'search', message: 'Slow query: 1840 ms on index "products"' },
  { minutesAgo: 7, level: 'info', service: 'auth', message: 'User 3021 signed in with SSO' },
  {
    minutesAgo: 9,
    level: 'error',
    service: 'checkout',
    message: 'Card declined: insufficient funds (order 8807)',
  },
  { minutesAgo: 12, level: 'info', service: 'api', message: 'POST /v1/carts 201 in 63 ms' },
  { minutesAgo: 18, level: 'warn', service: 'worker', message: 'Retrying job email.send (attempt 2 of 5)' },
  { minutesAgo: 25, level: 'info', service: 'search', message: 'Reindexed 1,204 products in 9.2 s' },
  {
    minutesAgo: 31,
    level: 'error',
    service: 'worker',
    message: 'Job invoice.render failed: template "eu-vat" missing',
  },
  { minutesAgo: 44, level: 'info', service: 'auth', message: 'Password reset email sent to user 1187' },
  { minutesAgo: 58, level: 'warn', service: 'api', message: 'Rate limit at 80% for key pk_live_…9f2' },
  { minutesAgo: 73, level: 'info', service: 'checkout', message: 'Order 8790 paid: 3 items, $142.00' },
]

const SAVED_QUERIES = [
  { name: 'Checkout errors', pattern: 'order \\d+', level: 'error' as const },
  { name: 'Slow requests', pattern: '\\d{4} ms', level: 'all' as const },
  { name: 'Background jobs', pattern: '^(Job|Retrying)', level: 'all' as const },
]

function parsePattern(pattern: string): { re: RegExp | null; invalid: boolean } {
  if (!pattern) return { re: null, invalid: false }
  try {
    return { re: new RegExp(pattern, 'i'), invalid: false }
  } catch {
    return { re: null, invalid: true }
  }
}

const timeFormat = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit' })

export function LogsPage() {
  const { retentionDays, canUseAdvancedFiltering } = useEntitlements()
  const upgrade = useUpgrade()
  const ids = useId()
  const [search, setSearch] = useState('')
  const [level, setLevel] = useState<Level | 'all'>('all')
  const [pattern, setPattern] = useState('')

  // A pattern typed while advanced filtering is not available is ignored, not half-applied.
  const regex = parsePattern(canUseAdvancedFiltering() ? pattern : '')

  // The sample log lines are relative to when the page opened: read the clock once, at mount (a
  // state initializer), not on every render.
  const [now] = useState(() => Date.now())
  const rows = LOGS.filter(
    (l) =>
      (level === 'all' || l.level === level) &&
      (search === '' || `${l.service} ${l.message}`.toLowerCase().includes(search.toLowerCase())) &&
      (regex.re === null || regex.re.test(l.message)),
  )
  const days = retentionDays()

  return (
    <>
      <PageHeader title="Logs">
        Everything your services said in the last <strong>{days} days</strong> (your retention).
      </PageHeader>

      <section className="card" aria-label="Filters">
        <div className="filters">
          <div className="field">
            <label htmlFor={`${ids}-search`}>Search</label>
            <input
              id={`${ids}-search`}
              type="search"
              placeholder="checkout, timeout…"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <div className="field field--narrow">
            <label htmlFor={`${ids}-level`}>Level</label>
            <select
              id={`${ids}-level`}
              value={level}
              onChange={(e) => setLevel(e.target.value as Level | 'all')}
            >
              <option value="all">All levels</option>
              <option value="error">Errors</option>
              <option value="warn">Warnings</option>
              <option value="info">Info</option>
            </select>
          </div>
        </div>

        <Gate
          feature="advanced-filtering"
          loading={<p className="muted">Checking your plan…</p>}
          fallback={
            <Paywall
              feature="advanced-filtering"
              headingLevel={3}
              onUpgrade={upgrade}
              className="inline-paywall"
            />
          }
        >
          <div className="advanced" data-testid="advanced-filters">
            <h2 className="advanced__title">Advanced filtering</h2>
            <div className="field">
              <label htmlFor={`${ids}-regex`}>Regular expression on the message</label>
              <input
                id={`${ids}-regex`}
                className="mono"
                placeholder="e.g. order \d+"
                value={pattern}
                aria-invalid={regex.invalid || undefined}
                aria-describedby={regex.invalid ? `${ids}-regex-error` : undefined}
                onChange={(e) => setPattern(e.target.value)}
              />
              {regex.invalid && (
                <p id={`${ids}-regex-error`} className="field__error">
                  Not a valid regular expression.
                </p>
              )}
            </div>
            <fieldset className="saved">
              <legend className="saved__legend">Saved queries</legend>
              {SAVED_QUERIES.map((q) => (
                <button
                  key={q.name}
                  type="button"
                  className="chip"
                  aria-pressed={pattern === q.pattern && level === q.level}
                  onClick={() => {
                    setPattern(q.pattern)
                    setLevel(q.level)
                  }}
                >
                  {q.name}
                </button>
              ))}
            </fieldset>
          </div>
        </Gate>
      </section>

      <section className="card card--flush" aria-labelledby={`${ids}-results`}>
        <h2 id={`${ids}-results`} className="visually-hidden">
          Results
        </h2>
        <p className="table-caption" aria-live="polite">
          {rows.length} of {LOGS.length} events
        </p>
        <table className="logs">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Level</th>
              <th scope="col">Service</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={`${l.minutesAgo}-${l.service}`}>
                <td className="mono muted">{timeFormat.format(now - l.minutesAgo * 60_000)}</td>
                <td>
                  <span className="level" data-level={l.level}>
                    {l.level}
                  </span>
                </td>
                <td>{l.service}</td>
                <td className="mono">{l.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="empty">No events match these filters.</p>}
      </section>
    </>
  )
}
