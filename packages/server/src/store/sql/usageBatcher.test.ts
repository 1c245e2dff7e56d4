// The group commit of usage reports, on a controllable fake database: which statements go out, with
// which reports, and what each caller gets. (The SQL itself runs in the store contract suite.)
import { describe, expect, it } from 'vitest'
import { createUsageBatcher, type UsageArgs } from './usageBatcher.js'

interface Row {
  r_index?: number
  r_used: number
}

interface Sent {
  text: string
  params: readonly unknown[]
  name: string | undefined
  answer: (rows: Row[]) => void
  fail: (error: unknown) => void
}

/** A database whose statements wait until the test answers or fails them. */
function fakeDatabase() {
  const sent: Sent[] = []
  return {
    sent,
    query: <R>(text: string, params: readonly unknown[] = [], name?: string): Promise<R[]> =>
      new Promise((resolve, reject) => {
        sent.push({
          text,
          params,
          name,
          answer: (rows) => resolve(rows as R[]),
          fail: reject,
        })
      }),
  }
}

const report = (customerId: string, tag: string): UsageArgs => [customerId, tag]
/** The reports of a batch statement, as sent. */
const itemsOf = (sent: Sent): unknown[][] => JSON.parse(sent.params[0] as string) as unknown[][]
const settle = () => new Promise((resolve) => setImmediate(resolve))
const databaseError = Object.assign(new Error('division by zero'), { severity: 'ERROR', code: '22012' })

describe('usage batcher', () => {
  it('idle, a report goes at once and alone, with its own arguments', async () => {
    const db = fakeDatabase()
    const batcher = createUsageBatcher<Row>(db, { maxInFlight: 2, maxBatch: 64 })
    const answer = batcher.record(report('acme', 'r1'))
    expect(db.sent).toHaveLength(1)
    expect(db.sent[0]).toMatchObject({ name: 'entitle_record_usage', params: ['acme', 'r1'] })
    expect(db.sent[0]!.text).toContain('entitle_record_usage($1')
    db.sent[0]!.answer([{ r_used: 3 }])
    await expect(answer).resolves.toEqual({ r_used: 3 })
  })

  it('reports that arrive while statements run go together in the next one, by customer, each answered with its own row', async () => {
    const db = fakeDatabase()
    const batcher = createUsageBatcher<Row>(db, { maxInFlight: 2, maxBatch: 64 })
    const first = [batcher.record(report('m', 'a')), batcher.record(report('n', 'b'))]
    expect(db.sent).toHaveLength(2)
    const waiting = [
      batcher.record(report('zeta', 'z1')),
      batcher.record(report('acme', 'a1')),
      batcher.record(report('zeta', 'z2')),
      batcher.record(report('acme', 'a2')),
    ]
    // Both statements still run: nothing more goes out.
    expect(db.sent).toHaveLength(2)
    db.sent[0]!.answer([{ r_used: 1 }])
    await settle()
    expect(db.sent).toHaveLength(3)
    const batch = db.sent[2]!
    expect(batch.name).toBe('entitle_record_usage_batch')
    // Sorted by customer (one lock order for every batch), each customer's in arrival order.
    expect(itemsOf(batch)).toEqual([
      ['acme', 'a1'],
      ['acme', 'a2'],
      ['zeta', 'z1'],
      ['zeta', 'z2'],
    ])
    // Rows come back in any order: each by its index in the batch.
    batch.answer([
      { r_index: 3, r_used: 13 },
      { r_index: 0, r_used: 10 },
      { r_index: 2, r_used: 12 },
      { r_index: 1, r_used: 11 },
    ])
    expect(await Promise.all(waiting)).toEqual([
      { r_index: 2, r_used: 12 },
      { r_index: 0, r_used: 10 },
      { r_index: 3, r_used: 13 },
      { r_index: 1, r_used: 11 },
    ])
    db.sent[1]!.answer([{ r_used: 2 }])
    expect(await Promise.all(first)).toEqual([{ r_used: 1 }, { r_used: 2 }])
  })

  it('a batch holds at most maxBatch reports; the rest go in the next statement', async () => {
    const db = fakeDatabase()
    const batcher = createUsageBatcher<Row>(db, { maxInFlight: 1, maxBatch: 3 })
    const all = [batcher.record(report('a', '0'))]
    for (let i = 1; i <= 5; i++) all.push(batcher.record(report('a', String(i))))
    db.sent[0]!.answer([{ r_used: 0 }])
    await settle()
    expect(itemsOf(db.sent[1]!).map((item) => item[1])).toEqual(['1', '2', '3'])
    db.sent[1]!.answer([0, 1, 2].map((i) => ({ r_index: i, r_used: i + 1 })))
    await settle()
    expect(itemsOf(db.sent[2]!).map((item) => item[1])).toEqual(['4', '5'])
    db.sent[2]!.answer([0, 1].map((i) => ({ r_index: i, r_used: i + 4 })))
    expect((await Promise.all(all)).map((row) => row?.r_used)).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('a batch the database refuses (rolled back) is sent again report by report: one bad report fails only itself', async () => {
    const db = fakeDatabase()
    const batcher = createUsageBatcher<Row>(db, { maxInFlight: 1, maxBatch: 64 })
    const first = batcher.record(report('a', 'first'))
    const good = batcher.record(report('a', 'good'))
    const bad = batcher.record(report('b', 'bad'))
    db.sent[0]!.answer([{ r_used: 1 }])
    await settle()
    db.sent[1]!.fail(databaseError)
    await settle()
    const again = db.sent.slice(2)
    expect(again.map((s) => [s.name, s.params])).toEqual([
      ['entitle_record_usage', ['a', 'good']],
      ['entitle_record_usage', ['b', 'bad']],
    ])
    again[0]!.answer([{ r_used: 2 }])
    again[1]!.fail(databaseError)
    await expect(first).resolves.toEqual({ r_used: 1 })
    await expect(good).resolves.toEqual({ r_used: 2 })
    await expect(bad).rejects.toBe(databaseError)
  })

  it('a batch whose connection failed is never sent again: each report fails (it may have committed)', async () => {
    const db = fakeDatabase()
    const batcher = createUsageBatcher<Row>(db, { maxInFlight: 1, maxBatch: 64 })
    const first = batcher.record(report('a', 'first'))
    const waiting = [batcher.record(report('a', 'x')), batcher.record(report('b', 'y'))]
    db.sent[0]!.answer([{ r_used: 1 }])
    await settle()
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' })
    db.sent[1]!.fail(lost)
    for (const answer of waiting) await expect(answer).rejects.toBe(lost)
    await settle()
    expect(db.sent).toHaveLength(2)
    await expect(first).resolves.toEqual({ r_used: 1 })
    // And the next report goes out as usual.
    const next = batcher.record(report('c', 'z'))
    expect(db.sent).toHaveLength(3)
    db.sent[2]!.answer([{ r_used: 9 }])
    await expect(next).resolves.toEqual({ r_used: 9 })
  })
})
