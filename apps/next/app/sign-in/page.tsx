// A stand-in for your auth provider: pick a sample customer, get an httpOnly session cookie.
import { CUSTOMERS } from '../../lib/customers'
import { signIn } from '../actions'

export default function SignInPage() {
  return (
    <main className="sign-in">
      <h1>Sign in to LogPilot</h1>
      <p className="muted">Pick a workspace of the sample data. Each is on another plan.</p>
      <form action={signIn} className="sign-in__list">
        {CUSTOMERS.map((c) => (
          <button key={c.id} type="submit" name="customer" value={c.id} className="sign-in__choice">
            <span className="sign-in__name">{c.name}</span>
            <span className="muted">{c.story}</span>
          </button>
        ))}
      </form>
    </main>
  )
}
