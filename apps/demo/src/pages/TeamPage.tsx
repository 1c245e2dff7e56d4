import { EntitlementsError } from '@entitle/core'
import { usePaywall } from '@entitle/react'
import { type FormEvent, useId, useState } from 'react'
import { Icon } from '../components/Icon'
import { LimitBanner, UsageMeter, useEntitlement, useEntitlements } from '../entitlements'
import { PageHeader } from './PageHeader'

interface Member {
  id: string
  name: string
  email: string
  role: 'Owner' | 'Admin' | 'Member'
}

// The mock server counts seats; the people behind them are demo data.
const PEOPLE = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
  'Barbara Liskov',
  'Donald Knuth',
  'Margaret Hamilton',
  'Ken Thompson',
  'Frances Allen',
  'John McCarthy',
  'Radia Perlman',
]
const seedMember = (i: number): Member => {
  const name = PEOPLE[i] ?? `Teammate ${i + 1}`
  return {
    id: `seed-${i}`,
    name,
    email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
    role: i === 0 ? 'Owner' : i < 3 ? 'Admin' : 'Member',
  }
}
const SHOWN = 8

type Notice = { kind: 'success' | 'error' | 'info'; text: string } | null

const DRAFT_KEY = 'logpilot:invite-draft'
function readDraft(): string {
  try {
    return sessionStorage.getItem(DRAFT_KEY) ?? ''
  } catch {
    return ''
  }
}
function writeDraft(value: string): void {
  try {
    if (value) sessionStorage.setItem(DRAFT_KEY, value)
    else sessionStorage.removeItem(DRAFT_KEY)
  } catch {
    // Not kept across the checkout; typing still works.
  }
}

export function TeamPage() {
  const { canInviteMembers, reportUsage, error } = useEntitlements()
  const seats = useEntitlement('seats', { requested: 0 })
  const paywall = usePaywall()
  const ids = useId()
  // The address being typed survives a trip to the checkout and back (this tab only).
  const [email, setDraft] = useState(() => readDraft())
  const setEmail = (value: string) => {
    setDraft(value)
    writeDraft(value)
  }
  const [invited, setInvited] = useState<Member[]>([])
  const [removed, setRemoved] = useState<string[]>([])
  const [notice, setNotice] = useState<Notice>(null)

  // Members shown = one per used seat: the seeded people (minus removed ones), then the invited.
  const used = seats.usage ?? 0
  const seeded: Member[] = []
  for (let i = 0; seeded.length < Math.max(0, used - invited.length) && i < used + removed.length; i++) {
    const m = seedMember(i)
    if (!removed.includes(m.id)) seeded.push(m)
  }
  const members = [...seeded, ...invited].slice(0, used)

  const invite = async (event: FormEvent) => {
    event.preventDefault()
    const address = email.trim()
    if (!canInviteMembers(1)) {
      if (seats.isFallback) {
        setNotice({
          kind: 'error',
          text: error
            ? "We can't confirm your seat limit right now, so invitations are paused. Try again once the connection is back."
            : 'Still checking your seat limit: try again in a moment.',
        })
      } else {
        setNotice(null)
        paywall.open({ feature: 'seats', requested: 1 })
      }
      return
    }
    const member: Member = {
      id: `invite-${address}-${Date.now()}`,
      name: address.split('@')[0] ?? address,
      email: address,
      role: 'Member',
    }
    setInvited((list) => [...list, member])
    setEmail('')
    try {
      const result = await reportUsage('seats', 1)
      setNotice(
        result.queued
          ? { kind: 'info', text: `Invitation to ${address} queued: it is sent when the connection is back.` }
          : { kind: 'success', text: `Invitation sent to ${address}.` },
      )
    } catch (error) {
      setInvited((list) => list.filter((m) => m !== member))
      setEmail(address)
      if (error instanceof EntitlementsError && error.code === 'limit_exceeded') {
        setNotice(null)
        paywall.open({ feature: 'seats', requested: 1 })
      } else {
        setNotice({ kind: 'error', text: `Could not invite ${address}: ${(error as Error).message}` })
      }
    }
  }

  const remove = async (member: Member) => {
    const wasInvited = invited.includes(member)
    if (wasInvited) setInvited((list) => list.filter((m) => m !== member))
    else setRemoved((list) => [...list, member.id])
    try {
      // A negative report releases the seat.
      await reportUsage('seats', -1)
      setNotice({ kind: 'success', text: `${member.name} was removed; their seat is free again.` })
    } catch (error) {
      if (wasInvited) setInvited((list) => [...list, member])
      else setRemoved((list) => list.filter((id) => id !== member.id))
      setNotice({ kind: 'error', text: `Could not remove ${member.name}: ${(error as Error).message}` })
    }
  }

  const left = seats.remaining
  const hint =
    seats.isFallback || seats.reason === 'loading'
      ? error
        ? "Seat limit unknown while we're offline: invitations are paused."
        : 'Checking your seats…'
      : seats.limit === null
        ? 'Unlimited seats on your plan.'
        : left === 0 || left === null || left === undefined
          ? 'No seats left: inviting opens the upgrade options.'
          : `${left} seat${left === 1 ? '' : 's'} left.`

  return (
    <>
      <PageHeader title="Team">Invite the people who debug with you. Each member uses one seat.</PageHeader>

      <section className="card" aria-label="Seats">
        {seats.isFallback ? (
          // A fallback limit of 0 is a safety net, not the customer's limit: don't draw it as one.
          <p className="muted placeholder">
            {error
              ? 'Seat usage is unavailable while the entitlements service is unreachable.'
              : 'Loading seats…'}
          </p>
        ) : (
          <>
            <UsageMeter feature="seats" label="Seats in use" />
            <LimitBanner feature="seats" warnAt={1} className="spaced" />
          </>
        )}
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
          <button type="submit" className="button">
            Invite
          </button>
        </form>
        <p id={`${ids}-hint`} className="hint">
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

      <section className="card card--flush" aria-labelledby={`${ids}-members`}>
        <h2 id={`${ids}-members`} className="card__title card__title--padded">
          Members <span className="count">{used}</span>
        </h2>
        <ul className="members" aria-label="Members">
          {members.slice(0, SHOWN).map((m) => (
            <li key={m.id} className="member">
              <span className="avatar" aria-hidden="true">
                {m.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="member__who">
                <span className="member__name">{m.name}</span>
                <span className="member__email">{m.email}</span>
              </span>
              <span className="member__role">{m.role}</span>
              {m.role === 'Owner' ? (
                <span className="member__spacer" />
              ) : (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${m.name}`}
                  title={`Remove ${m.name}`}
                  onClick={() => void remove(m)}
                >
                  <Icon name="trash" />
                </button>
              )}
            </li>
          ))}
        </ul>
        {members.length > SHOWN && <p className="members__more">…and {members.length - SHOWN} more</p>}
        {seats.isFallback && <p className="members__more">Members show once seat data is available.</p>}
      </section>
    </>
  )
}
