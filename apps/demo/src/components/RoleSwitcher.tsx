import { useId } from 'react'
import { PEOPLE, type Role, setRole, useRole } from '../role'

/** Signed in as the billing admin (may buy) or a team member (asks an admin): the demo's two users. */
export function RoleSwitcher() {
  const id = useId()
  const role = useRole()
  return (
    <div className="switcher">
      <label htmlFor={id} className="switcher__label">
        as
      </label>
      <select
        id={id}
        className="switcher__select"
        value={role}
        aria-describedby={`${id}-note`}
        onChange={(event) => setRole(event.target.value as Role)}
      >
        {(Object.keys(PEOPLE) as Role[]).map((r) => (
          <option key={r} value={r}>
            {PEOPLE[r].name}
          </option>
        ))}
      </select>
      <span id={`${id}-note`} className="switcher__story">
        {role === 'admin' ? 'Billing admin: may buy' : 'Team member: asks an admin to upgrade'}
      </span>
    </div>
  )
}
