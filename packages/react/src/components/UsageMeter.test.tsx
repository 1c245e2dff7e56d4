import type { EntitlementsSnapshot } from '@entitle/core'
import { render, screen, waitFor } from '@testing-library/react'
import { createRef, type ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestSnapshot, type ScenarioName, TestEntitlementsProvider } from '../testing/index.js'
import { EntitlementsMessagesProvider } from './i18n.js'
import { UsageMeter } from './UsageMeter.js'

const NOW = Date.parse('2026-11-21T10:00:00.000Z')

beforeEach(() => {
  // Only Date is faked: relative times ("resets in 10 days") are computed from it.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

function renderIn(ui: ReactNode, options: { scenario?: ScenarioName; snapshot?: EntitlementsSnapshot } = {}) {
  return render(<TestEntitlementsProvider {...options}>{ui}</TestEntitlementsProvider>)
}

/** The meter, once the catalog (name and unit) has loaded. */
const findMeter = (name: string) => screen.findByRole('meter', { name })

describe('UsageMeter', () => {
  it('exposes role="meter" with min, max, now and a readable value text, named by its label', async () => {
    renderIn(<UsageMeter feature="seats" />, { scenario: 'over-soft-limit' })
    const meter = await findMeter('Seats')
    expect(meter).toHaveAttribute('aria-valuemin', '0')
    expect(meter).toHaveAttribute('aria-valuemax', '10')
    expect(meter).toHaveAttribute('aria-valuenow', '7')
    expect(meter).toHaveAttribute('aria-valuetext', '7 of 10 seats')
    expect(meter.closest('.entitle-meter')).toHaveAttribute('data-state', 'normal')
  })

  it('forwards its ref and spreads className, style and other props onto the root', async () => {
    const ref = createRef<HTMLDivElement>()
    renderIn(
      <UsageMeter
        ref={ref}
        feature="seats"
        className="mine"
        id="seat-meter"
        data-testid="root"
        style={{ color: 'red' }}
        title="t"
      />,
      { scenario: 'over-soft-limit' },
    )
    const root = screen.getByTestId('root')
    expect(ref.current).toBe(root)
    expect(root).toHaveClass('entitle-meter', 'mine')
    expect(root).toHaveAttribute('id', 'seat-meter')
    expect(root).toHaveAttribute('title', 't')
    expect(root).toHaveStyle({ color: 'rgb(255, 0, 0)' })
  })

  it.each([
    ['warning', 'over-hard-limit', 'api-calls', 'Almost at the limit', 'warning'],
    ['exceeded', 'over-hard-limit', 'seats', 'Limit reached', 'blocked'],
    ['over-soft-limit', 'over-soft-limit', 'api-calls', 'Over your allowance, still working', 'over'],
    ['unlimited', 'granted-all', 'seats', 'Unlimited', 'infinity'],
  ] as const)(
    'shows the %s state in data-state, words and an icon (%s, %s)',
    async (state, scenario, feature, words, icon) => {
      const { container } = renderIn(<UsageMeter feature={feature} />, { scenario })
      await screen.findByText(new RegExp(words))
      const root = container.querySelector('.entitle-meter')
      expect(root).toHaveAttribute('data-state', state)
      expect(root?.querySelector('svg[aria-hidden="true"]')).toHaveAttribute('data-icon', icon)
    },
  )

  it('tells a soft limit passed (still working) apart from a hard limit reached (refused)', async () => {
    const { container, unmount } = renderIn(<UsageMeter feature="api-calls" />, {
      scenario: 'over-soft-limit',
    })
    await findMeter('API calls')
    expect(screen.getByText(/Over your allowance, still working/)).toBeInTheDocument()
    expect(screen.queryByText(/Limit reached|Over the limit/)).toBeNull()
    expect(container.querySelector('[data-icon="blocked"]')).toBeNull()
    unmount()
    // Exactly at a soft limit nothing is refused yet: a warning, not a stop.
    const atLimit = createTestSnapshot({ plan: 'basic', usage: { 'api-calls': 1000 }, now: NOW })
    renderIn(<UsageMeter feature="api-calls" />, { snapshot: atLimit })
    expect((await findMeter('API calls')).closest('.entitle-meter')).toHaveAttribute('data-state', 'warning')
    expect(screen.getByText(/Almost at the limit/)).toBeInTheDocument()
  })

  it('past a HARD limit (e.g. after a downgrade): exceeded, "Over the limit", the stop icon', async () => {
    const snapshot = createTestSnapshot({ plan: 'basic', usage: { seats: 5 }, now: NOW })
    const { container } = renderIn(<UsageMeter feature="seats" />, { snapshot })
    await findMeter('Seats')
    expect(container.querySelector('.entitle-meter')).toHaveAttribute('data-state', 'exceeded')
    expect(screen.getByText('Over the limit')).toBeInTheDocument()
    expect(container.querySelector('[data-icon="blocked"]')).not.toBeNull()
  })

  it("a fallback decision (service down, nothing cached) is 'unavailable': no numbers, no limit claimed", async () => {
    const { container } = render(
      <TestEntitlementsProvider scenario="outage" fallback={{ seats: { kind: 'metered', limit: 0 } }}>
        <UsageMeter feature="seats" />
      </TestEntitlementsProvider>,
    )
    const root = container.querySelector('.entitle-meter')
    await waitFor(() => expect(root).toHaveAttribute('data-state', 'unavailable'))
    expect(screen.getByText('Usage is unavailable right now')).toBeInTheDocument()
    expect(screen.queryByRole('meter')).toBeNull()
    expect(screen.queryByText(/Limit reached|0 of 0/)).toBeNull()
    expect(root?.querySelector('[data-icon="clock"]')).not.toBeNull()
  })

  it("a hard-limited feature without a fallback during an outage is 'unavailable', not 'not included'", async () => {
    const { container } = renderIn(<UsageMeter feature="seats" />, { scenario: 'outage' })
    await waitFor(() =>
      expect(container.querySelector('.entitle-meter')).toHaveAttribute('data-state', 'unavailable'),
    )
    expect(screen.queryByText('Not included in your plan')).toBeNull()
  })

  it('keeps aria-valuenow within range when a soft limit is exceeded; the text tells the truth', async () => {
    renderIn(<UsageMeter feature="api-calls" />, { scenario: 'over-soft-limit' })
    const meter = await findMeter('API calls')
    expect(meter).toHaveAttribute('aria-valuenow', '50000')
    expect(meter).toHaveAttribute('aria-valuetext', '52,300 of 50,000 calls')
  })

  it('has no meter role when unlimited, and says so in text', async () => {
    renderIn(<UsageMeter feature="seats" />, { scenario: 'granted-all' })
    expect(await screen.findByText('12 seats used')).toBeInTheDocument()
    expect(screen.queryByRole('meter')).toBeNull()
  })

  it('says when the feature is not in the plan, and while loading', async () => {
    const { unmount } = renderIn(<UsageMeter feature="seats" />, {
      snapshot: createTestSnapshot({ plan: 'basic', entitlements: { seats: null }, now: NOW }),
    })
    expect(await screen.findByText('Not included in your plan')).toBeInTheDocument()
    unmount()
    const { container } = renderIn(<UsageMeter feature="seats" />, { scenario: 'loading' })
    expect(container.querySelector('.entitle-meter')).toHaveAttribute('data-state', 'loading')
    expect(container.querySelector('.entitle-meter')).toHaveAttribute('aria-busy', 'true')
    expect(screen.getByText('Loading…')).toBeInTheDocument()
  })

  it('says when the usage resets, with Intl.RelativeTimeFormat', async () => {
    // api-calls reset monthly: next on 2026-12-01, 9.6 days after NOW.
    renderIn(<UsageMeter feature="api-calls" />, { scenario: 'over-hard-limit' })
    expect(await screen.findByText(/Resets in 10 days/)).toBeInTheDocument()
  })

  it('pluralises the catalog unit with Intl.PluralRules', async () => {
    const snapshot = createTestSnapshot({ plan: 'basic', usage: { seats: 1 }, now: NOW })
    const seats = snapshot.entitlements.seats
    if (seats?.kind !== 'metered') throw new Error('seats')
    seats.limit = 1
    renderIn(<UsageMeter feature="seats" />, { snapshot })
    expect(await findMeter('Seats')).toHaveAttribute('aria-valuetext', '1 of 1 seat')
  })

  it('formats numbers for the `locale` and takes strings from `messages`', async () => {
    renderIn(
      <UsageMeter
        feature="api-calls"
        label="API-Aufrufe"
        locale="de-DE"
        messages={{
          unit: (_u, category) => (category === 'one' ? 'Aufruf' : 'Aufrufe'),
          usage: ({ usage, limit, unit }) => `${usage} von ${limit} ${unit}`,
          resets: (relative) => `Zurückgesetzt ${relative}`,
        }}
      />,
      { scenario: 'over-soft-limit' },
    )
    const meter = screen.getByRole('meter', { name: 'API-Aufrufe' })
    await waitFor(() => expect(meter).toHaveAttribute('aria-valuetext', '52.300 von 50.000 Aufrufe'))
    expect(screen.getByText(/Zurückgesetzt in 10 Tagen/)).toBeInTheDocument()
  })

  it('takes locale and strings from EntitlementsMessagesProvider; its own props win', async () => {
    renderIn(
      <EntitlementsMessagesProvider locale="fr-FR" messages={{ meterOverSoftLimit: 'Au-delà du forfait' }}>
        <UsageMeter
          feature="api-calls"
          label="Appels"
          messages={{ usage: ({ usage }) => `utilisé : ${usage}` }}
        />
      </EntitlementsMessagesProvider>,
      { scenario: 'over-soft-limit' },
    )
    const meter = screen.getByRole('meter', { name: 'Appels' })
    // fr-FR groups thousands with a narrow no-break space.
    expect(meter).toHaveAttribute('aria-valuetext', 'utilisé : 52\u202f300')
    expect(screen.getByText(/Au-delà du forfait/)).toBeInTheDocument()
  })

  it('warns from `warnAt`', async () => {
    const { container } = renderIn(<UsageMeter feature="seats" warnAt={0.7} />, {
      scenario: 'over-soft-limit',
    })
    await findMeter('Seats')
    expect(container.querySelector('.entitle-meter')).toHaveAttribute('data-state', 'warning')
  })

  it('headless: the render prop gets everything and renders alone', async () => {
    const { container } = renderIn(
      <UsageMeter feature="seats" className="ignored">
        {({ state, valueText, percent, meterProps }) => (
          // biome-ignore lint/a11y/useAriaPropsSupportedByRole: meterProps carries role="meter"
          <span {...meterProps} aria-label="custom">
            {state} {valueText} {percent}
          </span>
        )}
      </UsageMeter>,
      { scenario: 'over-soft-limit' },
    )
    await waitFor(() =>
      expect(screen.getByRole('meter', { name: 'custom' })).toHaveTextContent('normal 7 of 10 seats 70'),
    )
    expect(container.querySelector('.entitle-meter, .ignored')).toBeNull()
  })
})
