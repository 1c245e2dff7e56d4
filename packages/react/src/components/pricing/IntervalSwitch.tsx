'use client'
import { useId } from 'react'
import type { Formatter } from '../i18n.js'
import type { PricingTableModel } from './usePricingTable.js'

/** Monthly / yearly, as a native radio group (arrow keys move between them). Only with both intervals. */
export function IntervalSwitch({ model, f }: { model: PricingTableModel; f: Formatter }) {
  const name = useId()
  if (model.intervals.length < 2) return null
  return (
    <fieldset className="entitle-pricing__switch">
      <legend className="entitle-visually-hidden">{f.t.billingPeriod}</legend>
      {model.intervals.map((interval) => (
        <label key={interval} className="entitle-pricing__switch-option">
          <input
            type="radio"
            name={name}
            value={interval}
            checked={model.interval === interval}
            onChange={() => model.setInterval(interval)}
          />
          <span>{f.t.billingInterval(interval)}</span>
        </label>
      ))}
    </fieldset>
  )
}
