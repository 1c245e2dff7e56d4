import type { Decision, DecisionReason } from '@entitle/core'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { defaultMessages } from './i18n.js'
import { meterStateOf, REASON_STATE, STATE_ICON, type UpsellReason, upsellReasonOf } from './states.js'

const NOW = Date.parse('2026-11-21T10:00:00.000Z')
const decision = (d: Partial<Decision>): Decision => ({
  feature: 'seats',
  granted: false,
  reason: 'not-entitled',
  isFallback: false,
  isStale: false,
  ...d,
})

describe('one vocabulary of states, from the Decision', () => {
  it('every denied reason of the core is a reason a paywall explains (types)', () => {
    expectTypeOf<Exclude<DecisionReason, 'within-limit' | 'unlimited' | 'loading'>>().toExtend<UpsellReason>()
    // A table keyed by reason that misses one does not compile.
    // @ts-expect-error 'unavailable' (and others) have no text
    const partial: Record<UpsellReason, string> = { 'not-entitled': 'x', 'limit-exceeded': 'y' }
    expect(partial).toBeDefined()
  })

  it('decision → upsell reason: limits as the decision says, an ended trial and a fallback told apart', () => {
    expect(upsellReasonOf(decision({ reason: 'limit-exceeded' }), null, NOW)).toBe('limit-exceeded')
    expect(upsellReasonOf(decision({ granted: true, reason: 'soft-limit-exceeded' }), null, NOW)).toBe(
      'soft-limit-exceeded',
    )
    expect(upsellReasonOf(decision({ reason: 'expired', source: 'trial' }), null, NOW)).toBe('trial-ended')
    expect(upsellReasonOf(decision({ reason: 'expired' }), '2026-11-20T00:00:00.000Z', NOW)).toBe(
      'trial-ended',
    )
    expect(upsellReasonOf(decision({ reason: 'expired' }), null, NOW)).toBe('expired')
    expect(upsellReasonOf(decision({ granted: true, reason: 'within-limit' }), null, NOW)).toBe('entitled')
    expect(upsellReasonOf(decision({ reason: 'limit-exceeded', isFallback: true }), null, NOW)).toBe(
      'unavailable',
    )
  })

  it('the paywall at a limit is in the state the meter beside it shows, with the same icon', () => {
    const atHardLimit = decision({
      granted: true,
      reason: 'within-limit',
      usage: 3,
      limit: 3,
      enforcement: 'hard',
    })
    const overSoft = decision({
      granted: true,
      reason: 'soft-limit-exceeded',
      usage: 12,
      limit: 10,
      enforcement: 'soft',
    })
    const outage = decision({ granted: true, reason: 'entitled', isFallback: true })
    expect(meterStateOf(atHardLimit, 0.8)).toBe(REASON_STATE['limit-exceeded'])
    expect(meterStateOf(overSoft, 0.8)).toBe(REASON_STATE['soft-limit-exceeded'])
    expect(meterStateOf(outage, 0.8)).toBe(REASON_STATE[upsellReasonOf(outage, null, NOW)])
    expect(STATE_ICON[REASON_STATE['limit-exceeded']]).toBe('blocked')
  })

  it('every reason has its own title', () => {
    const reasons = Object.keys(REASON_STATE) as UpsellReason[]
    const titles = new Set(reasons.map((r) => defaultMessages.paywallTitle(r, 'Seats')))
    expect(titles.size).toBe(reasons.length)
  })
})
