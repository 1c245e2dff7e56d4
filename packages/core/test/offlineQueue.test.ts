// The shared queue's merge alone: other tabs' entries kept in their order, what this tab settled
// dropped, expired entries never written back.
import { describe, expect, it } from 'vitest'
import { mergeQueue } from '../src/offlineQueue.js'
import { QUEUED_USAGE_MAX_AGE_MS, replayable } from '../src/usageQueue.js'

const entry = (key: string, at = 1000) => ({ idempotencyKey: key, feature: 'seats', amount: 1, at })

describe('mergeQueue', () => {
  it('keeps stored entries (another tab’s) and adds mine; drops what I settled and what expired', () => {
    const now = 1000 + QUEUED_USAGE_MAX_AGE_MS - 1
    const stored = [
      entry('other-1'),
      entry('mine-sent'),
      entry('other-2'),
      entry('ancient', -QUEUED_USAGE_MAX_AGE_MS),
    ]
    const mine = [entry('mine-new'), entry('other-2')]
    const merged = mergeQueue(stored, mine, new Set(['mine-sent']), now, replayable)
    expect(merged.map((e) => e.idempotencyKey)).toEqual(['other-1', 'other-2', 'mine-new'])
  })

  it('entries are replayable for the server’s idempotency lifetime (24 h) only', () => {
    expect(replayable(entry('a', 0), QUEUED_USAGE_MAX_AGE_MS - 1)).toBe(true)
    expect(replayable(entry('a', 0), QUEUED_USAGE_MAX_AGE_MS)).toBe(false)
  })
})
