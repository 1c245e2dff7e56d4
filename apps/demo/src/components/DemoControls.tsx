import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import {
  advanceClock,
  getCheckout,
  getClock,
  getOutage,
  markPastDue,
  type Outage,
  type OutageMode,
  resetMock,
  setCheckoutDelay,
  setOutage,
} from '../admin'
import { useEntitlements } from '../entitlements'
import { Icon } from './Icon'

const dateFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' })

/**
 * Controls of the mock server, to tell the story: take the service down, move its clock (trials end),
 * start over. They call the mock server's admin API; the app then reacts like it would in production.
 */
export function DemoControls() {
  const { refresh, customerId, snapshot } = useEntitlements()
  // The mock server's state, as react-query data on the QueryClient the app shares with Entitle.
  const queryClient = useQueryClient()
  const outage = useQuery({ queryKey: ['demo', 'outage'], queryFn: getOutage, retry: false })
  const serverClock = useQuery({ queryKey: ['demo', 'clock'], queryFn: getClock, retry: false })
  const checkout = useQuery({ queryKey: ['demo', 'checkout'], queryFn: getCheckout, retry: false })
  const delaySeconds = (checkout.data?.delayMs ?? 1500) / 1000
  const down = outage.data?.down ?? false
  const now = serverClock.data?.now ?? null
  // The outage mode: the one picked here, else the one the server reports.
  const [picked, setMode] = useState<OutageMode | null>(null)
  const mode = picked ?? outage.data?.mode ?? 'hang'
  const setDown = (next: boolean) =>
    queryClient.setQueryData<Outage>(['demo', 'outage'], (o) => ({ mode: o?.mode ?? mode, ...o, down: next }))
  const setNow = (next: string) => queryClient.setQueryData(['demo', 'clock'], { now: next })
  const [days, setDays] = useState(15)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  const ids = useId()

  const run = async (action: () => Promise<string>) => {
    setBusy(true)
    try {
      setMessage(await action())
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
    // Ask at once rather than waiting for the next background refresh (errors show in the status).
    refresh().catch(() => {})
  }

  const toggleOutage = () =>
    run(async () => {
      const next = await setOutage(!down, mode)
      setDown(next.down)
      return next.down
        ? 'The entitlements service is down. Gates keep working from the cached snapshot.'
        : 'The service is back.'
    })

  const moveClock = () =>
    run(async () => {
      const clock = await advanceClock(days)
      setNow(clock.now)
      return `Moved the server clock ${days} day${days === 1 ? '' : 's'} forward.`
    })

  const failPayment = () =>
    run(async () => {
      await markPastDue(customerId)
      return 'The last payment failed: the plan stays for a 7-day grace period.'
    })

  const changeDelay = (seconds: number) =>
    run(async () => {
      const next = await setCheckoutDelay(Math.round(seconds * 1000))
      queryClient.setQueryData(['demo', 'checkout'], next)
      return `Checkout webhooks now land ${next.delayMs / 1000} s after Pay.`
    })

  const reset = () =>
    run(async () => {
      const clock = await resetMock()
      setNow(clock.now)
      setDown(false)
      queryClient.invalidateQueries({ queryKey: ['demo', 'checkout'] })
      return 'Demo data reset to the seed.'
    })

  return (
    <section className="demo-controls" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="demo-controls__title">
        <Icon name="wrench" size={16} />
        Demo controls
      </h2>

      <div className="demo-controls__row">
        <button
          type="button"
          role="switch"
          aria-checked={down}
          className="switch"
          onClick={toggleOutage}
          disabled={busy}
        >
          <span className="switch__track" aria-hidden="true">
            <span className="switch__thumb" />
          </span>
          Simulate an outage
        </button>
      </div>
      <div className="demo-controls__row">
        <label htmlFor={`${ids}-mode`} className="demo-controls__label">
          While down, requests
        </label>
        <select
          id={`${ids}-mode`}
          value={mode}
          disabled={down || busy}
          onChange={(event) => setMode(event.target.value as OutageMode)}
        >
          <option value="hang">hang (no answer)</option>
          <option value="error">fail with 503</option>
        </select>
      </div>

      <div className="demo-controls__row demo-controls__clock">
        <p className="demo-controls__label" id={`${ids}-clock`}>
          Server clock: {now ? dateFormat.format(new Date(now)) : '…'}
        </p>
        <div className="demo-controls__inline">
          <label htmlFor={`${ids}-days`} className="visually-hidden">
            Days to move the server clock forward
          </label>
          <input
            id={`${ids}-days`}
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(event) => setDays(Math.max(1, Math.min(365, Number(event.target.value) || 1)))}
          />
          <span aria-hidden="true">days</span>
        </div>
        <button
          type="button"
          className="button button--small"
          onClick={moveClock}
          disabled={busy}
          aria-describedby={`${ids}-clock`}
        >
          Move clock forward
        </button>
      </div>

      <div className="demo-controls__row demo-controls__clock">
        <label htmlFor={`${ids}-delay`} className="demo-controls__label">
          Checkout webhook delay (s)
        </label>
        <div className="demo-controls__inline">
          <input
            id={`${ids}-delay`}
            type="number"
            min={0}
            max={60}
            step={0.5}
            value={delaySeconds}
            disabled={busy}
            onChange={(event) => void changeDelay(Math.max(0, Math.min(60, Number(event.target.value) || 0)))}
          />
        </div>
      </div>

      <div className="demo-controls__row">
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={failPayment}
          disabled={busy || !snapshot?.plan || snapshot.subscription?.status === 'past_due'}
        >
          Fail the next payment
        </button>
      </div>

      <div className="demo-controls__row">
        <button type="button" className="button button--small button--ghost" onClick={reset} disabled={busy}>
          Reset demo data
        </button>
      </div>
      <p className="demo-controls__message" role="status">
        {message}
      </p>
    </section>
  )
}
