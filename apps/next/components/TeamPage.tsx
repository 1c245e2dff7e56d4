'use client'
// LogPilot's Team page (apps/demo's, smaller). The meter and the hint come from the client's checks;
// the invitation itself is a server action, and the server decides whether a seat is left.
import { LimitBanner, UsageMeter, useEntitlement, useEntitlements, usePaywall } from '@entitle/react'
import { type FormEvent, useId, useState, useTransition } from 'react'
import { type InviteResult, inviteMember } from '../app/actions'
import { idempotencyKey } from '../lib/idempotencyKey'

// The server counts seats; the people behind them are sample data.
const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Edsger Dijkstra']
const SHOWN = 8

type Notice = { kind: 'success' | 'error'; text: string } | null

export function TeamPage() {
  const { canInviteMembers, refresh } = useEntitlements()
  const seats = useEntitlement('seats', { requested: 0 })
  const paywall = usePaywall()
  const ids = useId()
  const [email, setEmail] = useState('')
  const [invited, setInvited] = useState<string[]>([])
  const [notice, setNotice] = useState<Notice>(null)
  const [pending, startTransition] = useTransition()

  const used = seats.usage ?? 0
  const members = [...PEOPLE, ...Array.from({ length: used }, (_, i) => `Teammate ${PEOPLE.length + i + 1}`)]
    .slice(0, Math.max(0, used - invited.length))
    .concat(invited)
    .slice(0, used)

  const invite = (event: FormEvent) => {
    event.preventDefault()
    const address = email.trim()
    // One key per invitation: a retried action takes one seat.
    const key = idempotencyKey('invite')
    startTransition(async () => {
      let result: InviteResult
      try {
        result = await inviteMember(address, key)
      } catch {
        setNotice({ kind: 'error', text: `Could not invite ${address}: the server did not answer.` })
        return
      }
      if (result.status === 'invited') {
        setInvited((list) => (list.includes(result.email) ? list : [...list, result.email]))
        setEmail('')
        setNotice({ kind: 'success', text: `Invitation sent to ${result.email}.` })
        // The event stream brings the new usage too; refreshing shows it without waiting for it.
        await refresh().catch(() => undefined)
      } else if (result.status === 'refused') {
        setNotice(null)
        paywall.open({ feature: 'seats', requested: 1 })
      } else if (result.status === 'invalid') {
        setNotice({ kind: 'error', text: result.message })
      } else {
        window.location.assign('/sign-in')
      }
    })
  }

  // Words the hint only: the server decides when the invitation is sent.
  const left = seats.remaining
  const hint =
    seats.isFallback || seats.reason === 'loading'
      ? 'Checking your seats…'
      : !canInviteMembers(1)
        ? 'No seats left: inviting opens the upgrade options.'
        : left === null || left === undefined
          ? 'Unlimited seats on your plan.'
          : `${left} seat${left === 1 ? '' : 's'} left.`

  return (
    <>
      <header className="page-header">
        <h1>Team</h1>
        <p className="page-header__lead">Invite the people who debug with you. Each member uses one seat.</p>
      </header>

      <section className="card" aria-label="Seats">
        <UsageMeter feature="seats" label="Seats in use" />
        <LimitBanner feature="seats" warnAt={1} className="spaced" />
      </section>

      <section className="card" aria-labelledby={`${ids}-invite`}>
        <h2 id={`${ids}-invite`} className="card__title">
          Invite a teammate
        </h2>
        <form className="invite" onSubmit={invite}>
          <div className="field">
            <label htmlFor={`${ids}-email`}>Email address</label>
            <input
              id={`${ids}-email`}
              type="email"
              required
              autoComplete="off"
              placeholder="name@company.com"
              value={email}
              aria-describedby={`${ids}-hint`}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <button type="submit" className="button" aria-busy={pending || undefined}>
            Invite
          </button>
        </form>
        <p id={`${ids}-hint`} className="hint" data-testid="seat-hint">
          {hint}
        </p>
        <div aria-live="polite">
          {notice && (
            <p
              className="notice"
              data-kind={notice.kind}
              role={notice.kind === 'error' ? 'alert' : undefined}
            >
              {notice.text}
            </p>
          )}
        </div>
      </section>

      <section className="card" aria-labelledby={`${ids}-members`}>
        <h2 id={`${ids}-members`} className="card__title">
          Members <span className="count">{used}</span>
        </h2>
        <ul className="members" aria-label="Members">
          {members.slice(0, SHOWN).map((name) => (
            <li key={name} className="member">
              {name}
            </li>
          ))}
        </ul>
        {members.length > SHOWN && <p className="muted">…and {used - SHOWN} more</p>}
      </section>
    </>
  )
}
