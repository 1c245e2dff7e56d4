'use client'
// LogPilot's AI assistant page: a `<Gate>` whose fallback is an inline `<Paywall>`. The server HTML
// already holds the branch the customer is entitled to.
import { Gate, Paywall } from '@entitle/react'
import { type FormEvent, useId, useState } from 'react'

function Assistant() {
  const ids = useId()
  const [question, setQuestion] = useState('')
  const [answers, setAnswers] = useState<{ id: number; text: string }[]>([])
  const ask = (event: FormEvent) => {
    event.preventDefault()
    if (!question.trim()) return
    setAnswers((list) => [
      ...list,
      {
        id: list.length,
        text: `“${question.trim()}”: 3 errors in the last hour, 2 of them payment-provider timeouts in checkout.`,
      },
    ])
    setQuestion('')
  }
  return (
    <div className="assistant" data-testid="assistant">
      <form className="invite" onSubmit={ask}>
        <div className="field">
          <label htmlFor={`${ids}-q`}>Ask about your logs</label>
          <input id={`${ids}-q`} value={question} onChange={(e) => setQuestion(e.target.value)} />
        </div>
        <button type="submit" className="button">
          Ask
        </button>
      </form>
      <ol className="chat" aria-label="Conversation">
        {answers.map((a) => (
          <li key={a.id}>{a.text}</li>
        ))}
      </ol>
    </div>
  )
}

export function AssistantPage() {
  return (
    <>
      <header className="page-header">
        <h1>AI assistant</h1>
        <p className="page-header__lead">Ask questions in plain English; get answers from your logs.</p>
      </header>
      <section className="card">
        <Gate
          feature="ai-assistant"
          fallback={<Paywall feature="ai-assistant" headingLevel={2} className="inline-paywall" />}
        >
          <Assistant />
        </Gate>
      </section>
    </>
  )
}
