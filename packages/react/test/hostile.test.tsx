// Hostile payloads in the components (issue 13, section 2): a price in a currency Intl does not know
// never throws in render (the client validates catalog currencies too; this is the last line).
import { describe, expect, it } from 'vitest'
import { defaultBillingMessages } from '../src/components/billingMessages.js'
import { defaultMessages, Formatter } from '../src/components/i18n.js'

describe('hostile payloads in components', () => {
  it('price formatting never throws, whatever the currency', () => {
    const f = new Formatter({ locale: 'en-US', messages: { ...defaultMessages, ...defaultBillingMessages } })
    expect(f.price({ amount: 4900, currency: 'USD', interval: 'month' })).toBe('$49.00 / month')
    for (const currency of ['ZZZZ', '', 'U$D', 42 as unknown as string])
      expect(() => f.price({ amount: 4900, currency, interval: 'month' })).not.toThrow()
    expect(f.price({ amount: 4900, currency: 'ZZZZ', interval: 'month' })).toBe('49 ZZZZ / month')
  })
})

describe('hostile dates in components', () => {
  it('date formatting never throws: an instant Intl cannot format comes back as it was sent', () => {
    const f = new Formatter({ locale: 'en-US', messages: { ...defaultMessages, ...defaultBillingMessages } })
    expect(f.date('2026-12-01T00:00:00.000Z')).toBe('Dec 1, 2026')
    expect(f.date('next tuesday')).toBe('next tuesday')
    expect(() =>
      new Formatter({
        locale: 'xx-invalid-@@',
        messages: { ...defaultMessages, ...defaultBillingMessages },
      }).date('2026-12-01T00:00:00.000Z'),
    ).not.toThrow()
  })
})
