// The contract every Store keeps: run against memory, PGlite and a real PostgreSQL (stores.test.ts).
// A store applies what the engine plans; these tests hold every store to the same answers.
import { computeEntitlements, nextVersionMark } from '@entitle/core/engine'
import { describe, expect, it } from 'vitest'
import type { Store, StoreEvent } from '../src/index.js'
import { catalog, customer, DAY, NOW, planned, uniqueId } from './fixtures.js'

export function storeContract(name: string, getStore: () => Store): void {
  describe(`Store contract: ${name}`, () => {
    const store = () => getStore()

    describe('customers', () => {
      it('creates once, reads back what it stored, and refuses a second create', async () => {
        const id = uniqueId()
        const created = customer(
          id,
          { planId: 'basic', addons: [] },
          { seats: { used: 2, period: null, periodStart: null } },
        )
        expect(await store().createCustomer({ ...created, stripeCustomerId: `cus_${id}` })).toBe(true)
        expect(await store().createCustomer(customer(id, { planId: 'premium' }))).toBe(false)
        const record = await store().getCustomer(id)
        expect(record).toEqual({ ...created, stripeCustomerId: `cus_${id}`, revision: 1 })
        expect(await store().customerIdForStripe(`cus_${id}`)).toBe(id)
        expect(await store().customerIdForStripe(`cus_nobody_${id}`)).toBeUndefined()
        expect(await store().listCustomerIds()).toContain(id)
      })

      it('answers undefined for an unknown customer, and for ids that look like object members', async () => {
        for (const id of [uniqueId('missing'), '__proto__', 'constructor', 'toString'])
          expect(await store().getCustomer(id)).toBeUndefined()
      })

      it('deletes a customer with its usage and keys', async () => {
        const id = uniqueId()
        await store().createCustomer(customer(id, { planId: 'basic' }))
        await store().recordUsage(await planned(store(), id, { feature: 'seats', amount: 1 }, { key: 'k' }))
        expect(await store().deleteCustomer(id)).toBe(true)
        expect(await store().getCustomer(id)).toBeUndefined()
        expect(await store().deleteCustomer(id)).toBe(false)
        // Created again, it starts clean: the old key is gone with the old customer.
        await store().createCustomer(customer(id, { planId: 'basic' }))
        const again = await store().recordUsage(
          await planned(store(), id, { feature: 'seats', amount: 1 }, { key: 'k' }),
        )
        expect(again.kind).toBe('done')
      })
    })

    describe('updateCustomer', () => {
      it('stores the next state and mark and moves the revision', async () => {
        const id = uniqueId()
        await store().createCustomer(customer(id, { planId: 'basic' }))
        const updated = await store().updateCustomer(id, (record) => {
          const state = { ...record.state, planId: 'premium' }
          return {
            state,
            mark: nextVersionMark(record.mark, NOW, computeEntitlements(catalog, state, record.usage, NOW)),
          }
        })
        expect(updated?.state.planId).toBe('premium')
        expect(updated?.revision).toBe(2)
        const read = await store().getCustomer(id)
        expect(read?.state.planId).toBe('premium')
        expect(read?.revision).toBe(2)
        expect(read?.mark.version).toBe(updated?.mark.version ?? 0)
      })

      it('changes nothing when the update throws or returns null', async () => {
        const id = uniqueId()
        await store().createCustomer(customer(id, { planId: 'basic' }))
        const before = await store().getCustomer(id)
        await expect(
          store().updateCustomer(id, () => {
            throw new Error('refused')
          }),
        ).rejects.toThrow('refused')
        expect(await store().updateCustomer(id, () => null)).toEqual(before)
        expect(await store().getCustomer(id)).toEqual(before)
        expect(await store().updateCustomer(uniqueId('missing'), () => null)).toBeUndefined()
      })

      it('runs concurrent updates one after the other (no lost update)', async () => {
        const id = uniqueId()
        await store().createCustomer(customer(id, { planId: 'basic' }))
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store().updateCustomer(id, (record) => ({
              state: { ...record.state, trialsUsed: [...record.state.trialsUsed, `p${i}`] },
              mark: { ...record.mark, version: record.mark.version + 1 },
            })),
          ),
        )
        const record = await store().getCustomer(id)
        expect(record?.state.trialsUsed).toHaveLength(20)
        expect(record?.revision).toBe(21)
      })
    })

    describe('replaceMark', () => {
      it('replaces the mark only at the expected version', async () => {
        const id = uniqueId()
        const created = customer(id, { planId: 'basic' })
        await store().createCustomer(created)
        const next = { version: created.mark.version + 1, versionAt: NOW + 1, validUntil: NOW + DAY }
        expect(await store().replaceMark(id, created.mark.version, next)).toBe(true)
        expect(
          await store().replaceMark(id, created.mark.version, { ...next, version: next.version + 5 }),
        ).toBe(false)
        expect((await store().getCustomer(id))?.mark).toEqual(next)
      })
    })

    describe('recordUsage', () => {
      it('applies within the limit, refuses past a hard limit, and moves the version only when applied', async () => {
        const id = uniqueId()
        await store().createCustomer(
          customer(id, { planId: 'basic' }, { seats: { used: 2, period: null, periodStart: null } }),
        )
        const v0 = (await store().getCustomer(id))?.mark.version ?? 0
        const first = await store().recordUsage(await planned(store(), id, { feature: 'seats', amount: 1 }))
        expect(first).toMatchObject({
          kind: 'done',
          outcome: { status: 'applied', used: 3 },
          version: v0 + 1,
        })
        const refused = await store().recordUsage(await planned(store(), id, { feature: 'seats', amount: 1 }))
        expect(refused).toMatchObject({
          kind: 'done',
          outcome: { status: 'refused', code: 'limit_exceeded', used: 3 },
        })
        expect(refused.kind === 'done' && refused.response.status).toBe(409)
        expect((await store().getCustomer(id))?.mark.version).toBe(v0 + 1)
        expect((await store().getCustomer(id))?.usage.seats?.used).toBe(3)
      })

      it('accepts past a soft limit, and releases never take usage below 0', async () => {
        const id = uniqueId()
        await store().createCustomer(
          customer(id, { planId: 'basic' }, { seats: { used: 1, period: null, periodStart: null } }),
        )
        const soft = await store().recordUsage(
          await planned(store(), id, { feature: 'api-calls', amount: 5000 }),
        )
        expect(soft).toMatchObject({ kind: 'done', outcome: { status: 'applied', used: 5000 } })
        const release = await store().recordUsage(
          await planned(store(), id, { feature: 'seats', amount: -5 }),
        )
        expect(release).toMatchObject({ kind: 'done', outcome: { status: 'applied', used: 0 } })
      })

      it('refuses a metered feature the customer does not have (not_entitled), and remembers it under a key', async () => {
        const id = uniqueId()
        await store().createCustomer(customer(id, { planId: null }))
        const write = await planned(store(), id, { feature: 'seats', amount: 1 }, { key: 'ne' })
        const result = await store().recordUsage(write)
        expect(result).toMatchObject({ kind: 'done', outcome: { status: 'refused', code: 'not_entitled' } })
        expect(await store().recordUsage(write)).toMatchObject({ kind: 'replay' })
      })

      it('counts usage per period: a record of an earlier period reads 0', async () => {
        const id = uniqueId()
        const lastMonth = Date.parse('2026-02-01T00:00:00.000Z')
        await store().createCustomer(
          customer(
            id,
            { planId: 'basic' },
            { 'api-calls': { used: 900, period: 'month', periodStart: lastMonth } },
          ),
        )
        const result = await store().recordUsage(
          await planned(store(), id, { feature: 'api-calls', amount: 10 }),
        )
        expect(result).toMatchObject({ kind: 'done', outcome: { status: 'applied', used: 10 } })
        expect((await store().getCustomer(id))?.usage['api-calls']).toEqual({
          used: 10,
          period: 'month',
          periodStart: Date.parse('2026-03-01T00:00:00.000Z'),
        })
      })

      it('answers stale when the state moved since the plan, and changes nothing', async () => {
        const id = uniqueId()
        await store().createCustomer(customer(id, { planId: 'basic' }))
        const write = await planned(store(), id, { feature: 'seats', amount: 1 })
        await store().updateCustomer(id, (record) => ({
          state: { ...record.state, planId: 'premium' },
          mark: record.mark,
        }))
        const before = await store().getCustomer(id)
        expect(await store().recordUsage(write)).toEqual({ kind: 'stale' })
        expect(await store().recordUsage({ ...write, customerId: uniqueId('missing') })).toEqual({
          kind: 'stale',
        })
        expect(await store().getCustomer(id)).toEqual(before)
      })

      it('replays a key with the first answer, byte for byte, and counts it once', async () => {
        const id = uniqueId()
        await store().createCustomer(customer(id, { planId: 'basic' }))
        const write = await planned(store(), id, { feature: 'api-calls', amount: 7 }, { key: 'same' })
        const first = await store().recordUsage(write)
        const second = await store().recordUsage(
          await planned(store(), id, { feature: 'api-calls', amount: 7 }, { key: 'same' }),
        )
        expect(first.kind).toBe('done')
        expect(second.kind).toBe('replay')
        if (first.kind === 'done' && second.kind === 'replay') {
          expect(second.response).toEqual(first.response)
          expect(second.fingerprint).toBe(JSON.stringify(['api-calls', 7]))
        }
        expect((await store().getCustomer(id))?.usage['api-calls']?.used).toBe(7)
      })

      it('forgets a key past its lifetime: the report counts again', async () => {
        const id = uniqueId()
        await store().createCustomer(customer(id, { planId: 'basic' }))
        await store().recordUsage(
          await planned(store(), id, { feature: 'api-calls', amount: 1 }, { key: 'old' }),
        )
        const later = await planned(
          store(),
          id,
          { feature: 'api-calls', amount: 1 },
          { key: 'old', now: NOW + DAY + 1 },
        )
        expect(await store().recordUsage(later)).toMatchObject({ kind: 'done', outcome: { used: 2 } })
        expect(await store().pruneIdempotencyKeys(NOW + 2 * DAY)).toBeGreaterThanOrEqual(1)
      })

      it('200 concurrent reports of 1 against a hard limit of 50: exactly 50 accepted', async () => {
        const id = uniqueId()
        await store().createCustomer(
          customer(id, {
            planId: null,
            overrides: [
              {
                feature: 'seats',
                grant: { kind: 'metered', limit: 50, enforcement: 'hard', resetPeriod: null },
                endsAt: null,
              },
            ],
          }),
        )
        const write = await planned(store(), id, { feature: 'seats', amount: 1 })
        const results = await Promise.all(Array.from({ length: 200 }, () => store().recordUsage(write)))
        const applied = results.filter((r) => r.kind === 'done' && r.outcome.status === 'applied')
        expect(applied).toHaveLength(50)
        expect((await store().getCustomer(id))?.usage.seats?.used).toBe(50)
        // Every applied write got a version of its own.
        const versions = applied.map((r) => (r.kind === 'done' ? r.version : 0))
        expect(new Set(versions).size).toBe(50)
      })

      it('1,000 reports with 20% repeated keys, concurrently: each key counted once', async () => {
        const id = uniqueId()
        await store().createCustomer(customer(id, { planId: 'enterprise' }))
        const keys = Array.from({ length: 1000 }, (_, i) => (i % 5 === 4 ? `key-${i - 1}` : `key-${i}`))
        const writes = await Promise.all(
          keys.map((key) => planned(store(), id, { feature: 'api-calls', amount: 1 }, { key })),
        )
        const results = await Promise.all(writes.map((write) => store().recordUsage(write)))
        expect(results.filter((r) => r.kind === 'replay')).toHaveLength(200)
        expect((await store().getCustomer(id))?.usage['api-calls']?.used).toBe(800)
      })

      it('concurrent reports of several customers at once (SQL stores send them in batches): each limit, key and answer is its own', async () => {
        const ids = [uniqueId('b'), uniqueId('a'), uniqueId('c')]
        const limits = [20, 5, 12]
        for (const [i, id] of ids.entries())
          await store().createCustomer(
            customer(id, {
              planId: null,
              overrides: [
                {
                  feature: 'seats',
                  grant: { kind: 'metered', limit: limits[i]!, enforcement: 'hard', resetPeriod: null },
                  endsAt: null,
                },
              ],
            }),
          )
        // Interleaved: 30 reports per customer, every third with the key of the one before it.
        const writes = await Promise.all(
          Array.from({ length: 90 }, (_, i) => {
            const n = Math.floor(i / 3)
            const key = `k-${n % 3 === 2 ? n - 1 : n}`
            return planned(store(), ids[i % 3]!, { feature: 'seats', amount: 1 }, { key })
          }),
        )
        const results = await Promise.all(writes.map((write) => store().recordUsage(write)))
        for (const [i, id] of ids.entries()) {
          const mine = results.filter((_, j) => j % 3 === i)
          const applied = mine.filter((r) => r.kind === 'done' && r.outcome.status === 'applied')
          expect(applied).toHaveLength(limits[i]!)
          expect(mine.filter((r) => r.kind === 'replay')).toHaveLength(10)
          expect((await store().getCustomer(id))?.usage.seats?.used).toBe(limits[i])
        }
      })
    })

    describe('notices and meta', () => {
      it('announces committed changes with the version and revision after them', async () => {
        const id = uniqueId()
        const events: StoreEvent[] = []
        const unsubscribe = store().subscribe((event) => {
          if (event.type === 'resync' || event.customerId === id) events.push(event)
        })
        const created = customer(id, { planId: 'basic' })
        await store().createCustomer(created)
        const write = await store().recordUsage(
          await planned(store(), id, { feature: 'api-calls', amount: 1 }),
        )
        await expect.poll(() => events.length).toBeGreaterThanOrEqual(2)
        unsubscribe()
        expect(events[0]).toEqual({
          type: 'changed',
          customerId: id,
          version: created.mark.version,
          revision: 1,
        })
        expect(events[1]).toEqual({
          type: 'changed',
          customerId: id,
          version: write.kind === 'done' ? write.version : -1,
          revision: 1,
        })
        expect(store().notifying).toBe(true)
      })

      it('keeps named values', async () => {
        const key = uniqueId('meta')
        expect(await store().readMeta(key)).toBeUndefined()
        await store().writeMeta(key, { offsetMs: 5 })
        await store().writeMeta(key, { offsetMs: 6 })
        expect(await store().readMeta(key)).toEqual({ offsetMs: 6 })
      })
    })
  })
}
