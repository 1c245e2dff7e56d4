import { plansThatUnlock } from '@entitle/core'
import { useCatalog } from '@entitle/react'
import { type FormEvent, useId, useState } from 'react'
import { useUpgrade } from '../App'
import { Icon } from '../components/Icon'
import { Gate, Paywall, useEntitlements } from '../entitlements'
import { PageHeader } from './PageHeader'

const SUGGESTIONS = [
  'Why are checkout payments timing out?',
  'Summarise the errors of the last hour',
  'Which service got slower today?',
]

function answerFor(question: string): string {
  const q = question.toLowerCase()
  if (q.includes('checkout') || q.includes('payment'))
    return 'Two checkout errors in the last 10 minutes: one payment-provider timeout (3,000 ms, order 8812) and one declined card. The timeouts started after 14:02; the provider status page reports degraded latency.'
  if (q.includes('slow'))
    return 'Search got slower: "products" queries take 1,840 ms against a 300 ms median this week, since the 09:15 reindex.'
  return '3 errors in the last hour: 2 in checkout (payment provider) and 1 in worker (missing "eu-vat" invoice template). The worker error repeats every 30 minutes.'
}

function Assistant() {
  const ids = useId()
  const [question, setQuestion] = useState('')
  const [chat, setChat] = useState<{ q: string; a: string }[]>([])
  const ask = (event: FormEvent | null, q = question) => {
    event?.preventDefault()
    if (!q.trim()) return
    setChat((c) => [...c, { q, a: answerFor(q) }])
    setQuestion('')
  }
  return (
    <div className="assistant" data-testid="assistant">
      <fieldset className="assistant__suggestions">
        <legend className="visually-hidden">Suggested questions</legend>
        {SUGGESTIONS.map((s) => (
          <button key={s} type="button" className="chip" onClick={() => ask(null, s)}>
            {s}
          </button>
        ))}
      </fieldset>
      <ol className="chat" aria-live="polite" aria-label="Conversation">
        {chat.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the conversation only grows
          <li key={i}>
            <p className="chat__q">{m.q}</p>
            <p className="chat__a">
              <Icon name="assistant" size={16} />
              {m.a}
            </p>
          </li>
        ))}
      </ol>
      <form className="invite" onSubmit={ask}>
        <div className="field">
          <label htmlFor={`${ids}-q`}>Ask about your logs</label>
          <input
            id={`${ids}-q`}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            placeholder="Why did…"
          />
        </div>
        <button type="submit" className="button">
          Ask
        </button>
      </form>
    </div>
  )
}

/** The free trial the catalog offers for the AI assistant, if any (no plan names in here). */
function TrialOffer() {
  const { changePlan, snapshot } = useEntitlements()
  const { catalog } = useCatalog()
  const [state, setState] = useState<{ status: 'idle' | 'pending' | 'error'; error?: string }>({
    status: 'idle',
  })
  if (!catalog) return null
  const offer = plansThatUnlock(catalog, 'ai-assistant', { currentPlanId: snapshot?.plan?.id ?? null }).find(
    (o) => o.type === 'plan' && o.trialDays > 0 && !o.isCurrent,
  )
  if (offer?.type !== 'plan') return null
  const start = async () => {
    setState({ status: 'pending' })
    try {
      await changePlan(offer.id, { trial: true })
      setState({ status: 'idle' })
    } catch (error) {
      setState({ status: 'error', error: error instanceof Error ? error.message : String(error) })
    }
  }
  return (
    <div className="trial-offer">
      <div>
        <p className="trial-offer__title">Try it free for {offer.trialDays} days</p>
        <p className="muted">
          The {offer.name} trial includes the AI assistant. No card needed; you go back to your plan when it
          ends.
        </p>
        {state.status === 'error' && (
          <p className="notice" data-kind="error" role="alert">
            The trial could not start: {state.error}
          </p>
        )}
      </div>
      <button
        type="button"
        className="button"
        onClick={() => void start()}
        aria-busy={state.status === 'pending' || undefined}
      >
        {state.status === 'pending' ? 'Starting…' : `Start ${offer.trialDays}-day free trial`}
      </button>
    </div>
  )
}

export function AssistantPage() {
  const upgrade = useUpgrade()
  return (
    <>
      <PageHeader title="AI assistant">
        Ask questions in plain English; get answers from your logs.
      </PageHeader>
      <section className="card">
        <Gate
          feature="ai-assistant"
          loading={<p className="muted">Checking your plan…</p>}
          fallback={
            <div className="locked">
              <TrialOffer />
              {/* The trial has its own prominent offer above, so the paywall lists the purchases only. */}
              <Paywall
                feature="ai-assistant"
                headingLevel={2}
                onUpgrade={upgrade}
                showTrials={false}
                className="inline-paywall"
              />
            </div>
          }
        >
          <Assistant />
        </Gate>
      </section>
    </>
  )
}
