import { useId, useState } from 'react'
import { contactSales, useUpgrade } from '../App'
import { Gate, Paywall, useEntitlements } from '../entitlements'
import { href } from '../router'
import { PageHeader } from './PageHeader'

const RETENTION_CHOICES = [1, 3, 7, 14, 30, 90]

export function SettingsPage() {
  const ids = useId()
  const { retentionDays } = useEntitlements()
  const max = retentionDays()
  const [name, setName] = useState('Production')
  const [chosen, setChosen] = useState<number | null>(null)
  // The customer's choice, capped by what the plan allows (a downgrade lowers it).
  const retention = Math.min(chosen ?? max, max)
  const [saved, setSaved] = useState(false)
  const upgrade = useUpgrade()

  return (
    <>
      <PageHeader title="Settings">
        Workspace preferences. Limits come from your plan&rsquo;s entitlements.
      </PageHeader>

      <form
        className="card"
        aria-labelledby={`${ids}-ws`}
        onSubmit={(e) => {
          e.preventDefault()
          setSaved(true)
        }}
      >
        <h2 id={`${ids}-ws`} className="card__title">
          Workspace
        </h2>
        <div className="field">
          <label htmlFor={`${ids}-name`}>Workspace name</label>
          <input
            id={`${ids}-name`}
            value={name}
            onChange={(e) => {
              setName(e.target.value)
              setSaved(false)
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-retention`}>Log retention</label>
          <select
            id={`${ids}-retention`}
            value={retention}
            aria-describedby={`${ids}-retention-hint`}
            onChange={(e) => {
              setChosen(Number(e.target.value))
              setSaved(false)
            }}
          >
            {RETENTION_CHOICES.map((d) => (
              <option key={d} value={d} disabled={d > max}>
                {d} {d === 1 ? 'day' : 'days'}
                {d > max ? ' (upgrade)' : ''}
              </option>
            ))}
          </select>
          <p id={`${ids}-retention-hint`} className="hint" data-testid="retention-hint">
            Your plan keeps logs for up to <strong>{max} days</strong>.{' '}
            <a href={href('billing')}>Compare plans</a>
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Save
          </button>
          <p className="hint" role="status">
            {saved ? 'Saved.' : ''}
          </p>
        </div>
      </form>

      {max < 365 && (
        <section className="card">
          {/* A config minimum: the plans that keep logs at least a year. Only the sales-led plan does. */}
          <Paywall
            feature="retention-days"
            requested={365}
            headingLevel={2}
            onUpgrade={upgrade}
            onContactSales={contactSales}
            showTrials={false}
            className="inline-paywall"
            messages={{
              paywallTitle: () => 'Keep logs for a year',
              paywallDescription: () => `Your plan keeps logs for ${max} days. Audits often need 365.`,
            }}
          />
        </section>
      )}

      <section className="card" aria-labelledby={`${ids}-support`}>
        <h2 id={`${ids}-support`} className="card__title">
          Support
        </h2>
        <Gate
          feature="premium-support"
          fallback={
            <p>
              Email support, answered within 2 business days. <a href={href('billing')}>Premium support</a>{' '}
              answers within 4 hours, around the clock.
            </p>
          }
        >
          <p>
            <strong>Premium support</strong> is on: call or chat with an engineer any time, answered within 4
            hours.
          </p>
        </Gate>
      </section>
    </>
  )
}
