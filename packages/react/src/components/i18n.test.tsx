import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { defaultBillingMessages } from './billingMessages.js'
import { defaultMessages, EntitlementsMessagesProvider, Formatter, useFormatter } from './i18n.js'
import { UpgradeStatus } from './UpgradeStatus.js'

const allMessages = { ...defaultMessages, ...defaultBillingMessages }

const en = new Formatter({ locale: 'en-US', messages: allMessages })
const NOW = Date.parse('2026-11-21T10:00:00.000Z')

describe('Formatter', () => {
  it('prices: minor units by the currency’s own digits, locale-formatted; null is "contact us"', () => {
    expect(en.price({ amount: 4900, currency: 'USD', interval: 'month' })).toBe('$49.00 / month')
    expect(en.price({ amount: 4900, currency: 'JPY', interval: 'year' })).toBe('¥4,900 / year')
    expect(en.price({ amount: 2500, currency: 'EUR', interval: 'one_time' })).toBe('€25.00 once')
    expect(
      new Formatter({ locale: 'de-DE', messages: allMessages }).price({
        amount: 29_900,
        currency: 'EUR',
        interval: 'month',
      }),
    ).toBe('299,00\u00a0€ / month')
    expect(en.price(null)).toBe('Contact us')
    expect(en.price({ amount: 0, currency: 'USD', interval: 'month' })).toBe('Free')
  })

  it('never throws: an unknown currency is the plain number with its code', () => {
    // A well-formed code Intl has no data for: Intl's own "XYZ 12.34".
    expect(en.price({ amount: 1234, currency: 'XYZ', interval: 'month' })).toBe('XYZ\u00a012.34 / month')
    // A code Intl rejects: the amount as a number, then the code as sent.
    expect(en.price({ amount: 1234, currency: 'DOLLARS', interval: 'month' })).toBe('12.34 DOLLARS / month')
    expect(en.total([{ amount: 1234, currency: 'DOLLARS', interval: 'month' }])).toBe('12.34 DOLLARS / month')
    // A locale Intl rejects: the runtime's formatting, not a crash.
    const bad = new Formatter({ locale: 'xx-invalid-@@', messages: allMessages })
    expect(() => bad.price({ amount: 4900, currency: 'USD', interval: 'month' })).not.toThrow()
    expect(() => bad.number(1234)).not.toThrow()
    expect(() => bad.plural(2)).not.toThrow()
    expect(() => bad.relative('2026-11-25T10:00:00.000Z', NOW)).not.toThrow()
    // An instant that cannot be read comes back as sent.
    expect(en.relative('soon', NOW)).toBe('soon')
  })

  it('descriptions keyed by reason: the usage only where a limit is the reason', () => {
    expect(defaultMessages.paywallDescription('limit-exceeded', 'Seats', '3 of 3 seats')).toBe(
      'Upgrade to get more. You have used 3 of 3 seats.',
    )
    expect(defaultMessages.paywallDescription('not-entitled', 'AI assistant', '1 of 1')).toBe(
      'Upgrade to unlock AI assistant.',
    )
  })

  it('relative times: days, then hours, then minutes; past and future', () => {
    expect(en.relative('2026-11-25T10:00:00.000Z', NOW)).toBe('in 4 days')
    expect(en.relative('2026-11-22T10:00:00.000Z', NOW)).toBe('tomorrow')
    expect(en.relative('2026-11-21T13:00:00.000Z', NOW)).toBe('in 3 hours')
    expect(en.relative('2026-11-21T10:20:00.000Z', NOW)).toBe('in 20 minutes')
    expect(en.relative('2026-11-19T10:00:00.000Z', NOW)).toBe('2 days ago')
  })

  it('units: plural category from Intl.PluralRules of the locale', () => {
    expect(en.unit('seat', 1)).toBe('seat')
    expect(en.unit('seat', 0)).toBe('seats')
    expect(en.unit(undefined, 3)).toBe('')
    const ar = new Formatter({
      locale: 'ar',
      messages: { ...allMessages, unit: (_u, category) => category },
    })
    expect([0, 1, 2, 3, 11, 100].map((n) => ar.unit('x', n))).toEqual([
      'zero',
      'one',
      'two',
      'few',
      'many',
      'other',
    ])
  })
})

function Probe() {
  const f = useFormatter({ messages: { upgrade: 'Own' } })
  return <p>{`${f.locale} ${f.t.upgrade} ${f.t.close} ${f.number(1234.5)}`}</p>
}

describe('EntitlementsMessagesProvider', () => {
  it('nested providers merge; a component’s own props win', () => {
    render(
      <EntitlementsMessagesProvider locale="de-DE" messages={{ close: 'Schließen', upgrade: 'Upgraden' }}>
        <EntitlementsMessagesProvider messages={{ close: 'Zu' }}>
          <Probe />
        </EntitlementsMessagesProvider>
      </EntitlementsMessagesProvider>,
    )
    expect(screen.getByText('de-DE Own Zu 1.234,5')).toBeInTheDocument()
  })

  it('reach UpgradeStatus too (the notice <Gate> shows, which reads its strings without the formatter)', () => {
    const { rerender } = render(
      <EntitlementsMessagesProvider messages={{ confirming: (name) => `Wir bestätigen ${name}…` }}>
        <EntitlementsMessagesProvider messages={{ checkAgain: 'Erneut prüfen' }}>
          <UpgradeStatus status="confirming" offerName="Premium" />
        </EntitlementsMessagesProvider>
      </EntitlementsMessagesProvider>,
    )
    expect(screen.getByRole('status')).toHaveTextContent('Wir bestätigen Premium…')
    rerender(
      <EntitlementsMessagesProvider messages={{ confirming: (name) => `Wir bestätigen ${name}…` }}>
        <EntitlementsMessagesProvider messages={{ checkAgain: 'Erneut prüfen' }}>
          <UpgradeStatus
            status="timeout"
            offerName="Premium"
            onCheckAgain={() => {}}
            messages={{ confirmTimeout: (name) => `${name} ist noch nicht bestätigt.` }}
          />
        </EntitlementsMessagesProvider>
      </EntitlementsMessagesProvider>,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('Premium ist noch nicht bestätigt.')
    expect(screen.getByRole('button', { name: 'Erneut prüfen' })).toBeInTheDocument()
  })

  it('UpgradeStatus without any provider: the English defaults, the same as defaultMessages', () => {
    render(<UpgradeStatus status="timeout" offerName="Premium" onCheckAgain={() => {}} />)
    expect(screen.getByRole('alert')).toHaveTextContent(defaultMessages.confirmTimeout('Premium'))
    expect(screen.getByRole('button', { name: defaultMessages.checkAgain })).toBeInTheDocument()
  })
})
