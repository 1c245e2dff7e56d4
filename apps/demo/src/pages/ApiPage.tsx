import { useId, useState } from 'react'
import { useUpgrade } from '../App'
import { Gate, LimitBanner, Paywall, UsageMeter, useEntitlements, useReportUsage } from '../entitlements'
import { PageHeader } from './PageHeader'

const number = new Intl.NumberFormat('en-US')
const BATCH = 250

export function ApiPage() {
  const ids = useId()
  const upgrade = useUpgrade()
  const { isOverApiAllowance } = useEntitlements()
  const calls = useReportUsage('api-calls')
  const [sent, setSent] = useState(0)

  const simulate = async () => {
    const result = await calls.report(BATCH)
    if (result) setSent((n) => n + BATCH)
  }

  return (
    <>
      <PageHeader title="API">
        Ship logs and query them from your own tools. Every request counts toward your monthly allowance.
      </PageHeader>

      <section className="card" aria-labelledby={`${ids}-usage`}>
        <h2 id={`${ids}-usage`} className="card__title">
          Usage this month
        </h2>
        <UsageMeter feature="api-calls" label="API calls" className="meter--soft" />
        <LimitBanner feature="api-calls" className="spaced" />
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => void simulate()}
            aria-busy={calls.isPending || undefined}
          >
            Simulate {BATCH} calls
          </button>
          <p className="hint" aria-live="polite">
            {calls.error
              ? `The calls were not recorded: ${calls.error.message}`
              : sent > 0
                ? `${number.format(sent)} calls recorded${isOverApiAllowance() ? ': past the allowance, and still answered' : ''}.`
                : 'Sends a usage report, as your API gateway would.'}
          </p>
        </div>
      </section>

      <section className="card" aria-labelledby={`${ids}-query`}>
        <h2 id={`${ids}-query`} className="card__title">
          Query API
        </h2>
        <Gate
          feature="api-access"
          loading={<p className="muted">Checking your plan…</p>}
          fallback={
            <Paywall feature="api-access" headingLevel={3} onUpgrade={upgrade} className="inline-paywall" />
          }
        >
          <div data-testid="api-keys">
            <p>Query your logs over REST with this key. Keep it secret.</p>
            <div className="field">
              <label htmlFor={`${ids}-key`}>API key</label>
              <input id={`${ids}-key`} className="mono" readOnly value="lp_live_4f9c…c21e" />
            </div>
            <p className="code-caption">Example request</p>
            <pre className="code">
              <code>{`curl https://api.logpilot.example/v1/logs/search \\
  -H "Authorization: Bearer lp_live_…" \\
  -d '{"query": "level:error service:checkout", "since": "24h"}'`}</code>
            </pre>
          </div>
        </Gate>
      </section>
    </>
  )
}
