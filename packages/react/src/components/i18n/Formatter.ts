// Locale-aware formatting (Intl) of numbers, prices, plurals, dates and relative times, with the
// message table. It never throws: an unknown or malformed currency, a locale Intl rejects or an
// instant it cannot read come out as plain text (a crash in render would take the page with it).
import type { Price } from '@entitle/core'
import type { EntitlementsMessages, UsageArgs } from './messages.js'

/** A locale and its strings: what a formatter works with. */
export interface MessagesContextValue {
  locale: string | undefined
  messages: EntitlementsMessages
}

type IntlFormat = Intl.NumberFormat | Intl.PluralRules | Intl.RelativeTimeFormat | Intl.DateTimeFormat
const cache = new Map<string, IntlFormat>()
/** One Intl object per kind and locale; a locale Intl rejects falls back to the runtime's. */
function cached<T extends IntlFormat>(
  key: string,
  locale: string | undefined,
  make: (locale: string | undefined) => T,
): T {
  let hit = cache.get(key) as T | undefined
  if (!hit) {
    try {
      hit = make(locale)
    } catch {
      hit = make(undefined)
    }
    cache.set(key, hit)
  }
  return hit
}

const DAY = 86_400_000

/** Locale-aware formatting plus the message table, as one object the components read. */
export class Formatter {
  readonly locale: string | undefined
  readonly t: EntitlementsMessages

  constructor({ locale, messages }: MessagesContextValue) {
    this.locale = locale
    this.t = messages
  }

  number(n: number): string {
    return cached(`n${this.locale}`, this.locale, (l) => new Intl.NumberFormat(l)).format(n)
  }

  plural(count: number): Intl.LDMLPluralRule {
    return cached(`p${this.locale}`, this.locale, (l) => new Intl.PluralRules(l)).select(count)
  }

  /** A catalog unit pluralised for `count` with Intl.PluralRules. */
  unit(unit: string | undefined, count: number): string {
    return unit ? this.t.unit(unit, this.plural(count), count) : ''
  }

  /** "Start 14-day free trial". */
  trial(days: number, planName: string): string {
    return this.t.startTrial(this.number(days), this.plural(days), planName)
  }

  /** `null` = no price ("contact us"); 0 is "free". Amounts are minor units; the currency's own decimals apply (JPY has none). */
  price(price: Price | null): string {
    if (!price) return this.t.contactUs
    if (price.amount === 0) return this.t.free
    let amount: string
    try {
      const fmt = cached(
        `c${this.locale}${price.currency}`,
        this.locale,
        (l) => new Intl.NumberFormat(l, { style: 'currency', currency: price.currency }),
      )
      const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2
      amount = fmt.format(price.amount / 10 ** digits)
    } catch {
      // A currency code Intl rejects: the plain amount with the code as sent.
      amount = `${this.number(price.amount / 100)} ${String(price.currency)}`
    }
    return this.t.price(amount, price.interval)
  }

  /** "Dec 8, 2026" (the date in UTC, as billing periods are). */
  date(iso: string): string {
    try {
      return cached(
        `d${this.locale}`,
        this.locale,
        (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' }),
      ).format(Date.parse(iso))
    } catch {
      // An instant Intl cannot format: the text as sent.
      return iso
    }
  }

  /**
   * Several prices paid together (a plan and its add-ons): "$68.00 / month", "$360.00 / year + $19.00 /
   * month"; "Contact us" when any is `null`, "Free" when all are 0.
   */
  total(prices: readonly (Price | null)[]): string {
    if (prices.includes(null)) return this.t.contactUs
    const sums = new Map<string, Price>()
    for (const p of prices as Price[]) {
      const key = p.currency + p.interval
      const sum = sums.get(key)
      sums.set(key, sum ? { ...sum, amount: sum.amount + p.amount } : p)
    }
    const parts = [...sums.values()].filter((p) => p.amount > 0).map((p) => this.price(p))
    return parts.length === 0 ? this.t.free : parts.join(' + ')
  }

  /** "in 4 days", "tomorrow", "in 3 hours", "2 days ago"; an instant that cannot be read, as sent. */
  relative(iso: string, now: number): string {
    const diff = Date.parse(iso) - now
    if (!Number.isFinite(diff)) return iso
    const rtf = cached(
      `r${this.locale}`,
      this.locale,
      (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }),
    )
    const abs = Math.abs(diff)
    if (abs >= DAY) return rtf.format(Math.round(diff / DAY), 'day')
    if (abs >= DAY / 24) return rtf.format(Math.round(diff / (DAY / 24)), 'hour')
    return rtf.format(Math.round(diff / 60_000), 'minute')
  }

  /** The strings of a metered usage: "3 of 5 seats" parts. */
  usage(usage: number, limit: number | null, unit: string | undefined): UsageArgs {
    return {
      usage: this.number(usage),
      limit: limit === null ? '' : this.number(limit),
      unit: this.unit(unit, limit ?? usage),
    }
  }
}
