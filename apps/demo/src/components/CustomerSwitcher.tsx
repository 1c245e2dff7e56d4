import { useId } from 'react'
import { CUSTOMERS, type CustomerId, switchCustomer } from '../client'
import { useEntitlements } from '../entitlements'

export function CustomerSwitcher() {
  const { customerId } = useEntitlements()
  const id = useId()
  const story = CUSTOMERS.find((c) => c.id === customerId)?.story
  return (
    <div className="switcher">
      <label htmlFor={id} className="switcher__label">
        Signed in to
      </label>
      <select
        id={id}
        className="switcher__select"
        value={customerId}
        aria-describedby={`${id}-story`}
        onChange={(event) => switchCustomer(event.target.value as CustomerId)}
      >
        {CUSTOMERS.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <span id={`${id}-story`} className="switcher__story">
        {story}
      </span>
    </div>
  )
}
