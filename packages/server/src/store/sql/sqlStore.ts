// The Store on PostgreSQL (a server through node-postgres, or PGlite embedded): one implementation,
// one SQL. Atomicity lives in the database: row locks order each customer's writes, a unique key
// makes an idempotency key count once, versions move by UPDATE, and NOTIFY tells every instance.
import {
  type CustomerState,
  type CustomerUsage,
  setOwn,
  type UsageOutcome,
  type UsagePlan,
  usageResponse,
  type VersionMark,
} from '@entitle/core/engine'
import { unrefTimer } from '../../timers.js'
import type {
  CustomerRecord,
  NewCustomer,
  Store,
  StoreEvent,
  UsageWrite,
  UsageWriteResult,
} from '../types.js'
import type { Query, SqlDriver } from './driver.js'
import { migrate } from './migrations.js'
import { createUsageBatcher } from './usageBatcher.js'

/** How long usage notices gather before one NOTIFY carries them, ms. */
const NOTICE_BATCH_MS = 5

/** Usage reports per statement at most (see usageBatcher.ts). */
const USAGE_BATCH_MAX = 64

/** The channel of change notices: `{"c": customerId, "v": version, "r": revision}`. */
export const CHANGES_CHANNEL = 'entitle_changes'

interface CustomerRow {
  id: string
  stripe_customer_id: string | null
  state: CustomerState | string
  revision: number | string
  version: number | string
  version_at: number | string
  valid_until: number | string | null
  usage: [string, number | string, string | null, number | string | null][] | string | null
}

interface UsageRow {
  /** The report's place in a batch (batches only). */
  r_index?: number
  r_outcome: 'stale' | 'replay' | 'applied' | 'refused'
  r_code: 'limit_exceeded' | 'not_entitled' | null
  r_used: number | string | null
  r_version: number | string | null
  r_revision: number | string | null
  r_fingerprint: string | null
  r_plan: UsagePlan | string | null
}

// node-postgres hands bigint columns over as strings and may leave json as text; PGlite parses both.
const num = (value: number | string): number => Number(value)
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value)

const SELECT_CUSTOMER = `SELECT c.id, c.stripe_customer_id, c.state, c.revision, c.version, c.version_at, c.valid_until,
  (SELECT json_agg(json_build_array(u.feature, u.used, u.period, u.period_start))
     FROM entitle_usage u WHERE u.customer_id = c.id) AS usage
  FROM entitle_customers c WHERE c.id = $1`

const notifyOf = (customerId: string, version: number, revision: number): string =>
  JSON.stringify({ c: customerId, v: version, r: revision })

function toRecord(row: CustomerRow): CustomerRecord {
  const usage: CustomerUsage = {}
  for (const [feature, used, period, periodStart] of json(row.usage) ?? []) {
    setOwn(usage, feature, {
      used: num(used),
      period: period as CustomerUsage[string]['period'],
      periodStart: periodStart === null ? null : num(periodStart),
    })
  }
  return {
    id: row.id,
    stripeCustomerId: row.stripe_customer_id,
    state: json(row.state),
    usage,
    revision: num(row.revision),
    mark: {
      version: num(row.version),
      versionAt: num(row.version_at),
      validUntil: row.valid_until === null ? null : num(row.valid_until),
    },
  }
}

function usageRows(customerId: string, usage: CustomerUsage): unknown[][] {
  return Object.entries(usage).map(([feature, record]) => [
    customerId,
    feature,
    record.used,
    record.period,
    record.periodStart,
  ])
}

async function insertUsage(query: Query, customerId: string, usage: CustomerUsage): Promise<void> {
  for (const row of usageRows(customerId, usage)) {
    await query(
      `INSERT INTO entitle_usage (customer_id, feature, used, period, period_start) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (customer_id, feature) DO UPDATE SET used = EXCLUDED.used, period = EXCLUDED.period,
         period_start = EXCLUDED.period_start`,
      row,
    )
  }
}

/** A Store over a PostgreSQL driver. Call `init()` (the server does) before anything else. */
export function createSqlStore(driver: SqlDriver): Store {
  const listeners = new Set<(event: StoreEvent) => void>()
  let listening = false
  let stopListening: (() => Promise<void>) | undefined

  // Reports waiting while others are written go together, in one statement and one commit.
  const usageBatcher = createUsageBatcher<UsageRow>(driver, {
    maxInFlight: driver.usageStatementsInFlight ?? 1,
    maxBatch: USAGE_BATCH_MAX,
  })

  const emit = (event: StoreEvent): void => {
    for (const listener of listeners) listener(event)
  }

  const onNotify = (payload: string): void => {
    let notices: { c: string; v: number; r: number }[]
    try {
      const parsed = JSON.parse(payload) as typeof notices | (typeof notices)[number]
      notices = Array.isArray(parsed) ? parsed : [parsed]
    } catch {
      // Not one of ours (someone else NOTIFYing on the channel): everything may have changed.
      emit({ type: 'resync' })
      return
    }
    for (const { c, v, r } of notices) emit({ type: 'changed', customerId: c, version: v, revision: r })
  }

  // Usage writes are announced after they commit (see usageFunction.ts): to this process's listeners
  // at once, and to other processes in batches: notices gathered for a few milliseconds, the latest
  // per customer, one NOTIFY per batch of at most ~7 kB (PostgreSQL's payload limit is 8 kB). A notice
  // lost with a crashed process is caught up by the server's periodic check (`versionsOf`).
  const pending = new Map<string, { v: number; r: number }>()
  let flushTimer: ReturnType<typeof setTimeout> | undefined
  const flush = async (): Promise<void> => {
    flushTimer = undefined
    const notices = [...pending].map(([c, { v, r }]) => ({ c, v, r }))
    pending.clear()
    let batch: typeof notices = []
    let size = 2
    const send = async (): Promise<void> => {
      if (batch.length === 0) return
      const payload = JSON.stringify(batch)
      batch = []
      size = 2
      await driver
        .query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, payload], 'entitle_notify')
        .catch(() => {})
    }
    for (const notice of notices) {
      const length = JSON.stringify(notice).length + 1
      if (size + length > 7000) await send()
      batch.push(notice)
      size += length
    }
    await send()
  }
  const announce = (customerId: string, version: number, revision: number): void => {
    emit({ type: 'changed', customerId, version, revision })
    if (!driver.shared) return
    const known = pending.get(customerId)
    if (known === undefined || known.v < version) pending.set(customerId, { v: version, r: revision })
    if (flushTimer === undefined) {
      flushTimer = setTimeout(() => void flush(), NOTICE_BATCH_MS)
      unrefTimer(flushTimer)
    }
  }

  const onStatus = (up: boolean): void => {
    if (up === listening) return
    listening = up
    // Notices may have been missed while the connection was down (or is down now): read again.
    emit({ type: 'resync' })
  }

  return {
    kind: driver.kind,
    shared: driver.shared,
    get notifying() {
      return listening
    },
    async init() {
      await migrate(driver)
      stopListening = await driver.listen(CHANGES_CHANNEL, onNotify, onStatus)
    },
    async getCustomer(id) {
      const [row] = await driver.query<CustomerRow>(SELECT_CUSTOMER, [id], 'entitle_get_customer')
      return row === undefined ? undefined : toRecord(row)
    },
    async customerIdForStripe(stripeCustomerId) {
      const [row] = await driver.query<{ id: string }>(
        'SELECT id FROM entitle_customers WHERE stripe_customer_id = $1',
        [stripeCustomerId],
      )
      return row?.id
    },
    async listCustomerIds() {
      const rows = await driver.query<{ id: string }>(
        'SELECT id FROM entitle_customers ORDER BY id COLLATE "C"',
      )
      return rows.map((row) => row.id)
    },
    async createCustomer(customer: NewCustomer) {
      return driver.transaction(async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO entitle_customers (id, stripe_customer_id, state, revision, version, version_at, valid_until)
           VALUES ($1, $2, $3, 1, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            customer.id,
            customer.stripeCustomerId,
            JSON.stringify(customer.state),
            customer.mark.version,
            customer.mark.versionAt,
            customer.mark.validUntil,
          ],
        )
        if (inserted.length === 0) return false
        await insertUsage(tx.query, customer.id, customer.usage)
        await tx.query('SELECT pg_notify($1, $2)', [
          CHANGES_CHANNEL,
          notifyOf(customer.id, customer.mark.version, 1),
        ])
        return true
      })
    },
    async deleteCustomer(id) {
      const rows = await driver.query<{ version: number | string; revision: number | string }>(
        `WITH deleted AS (DELETE FROM entitle_customers WHERE id = $1 RETURNING version, revision)
         SELECT version, revision, pg_notify($2, json_build_object('c', $1::text, 'v', version + 1, 'r', revision + 1)::text)
           FROM deleted`,
        [id, CHANGES_CHANNEL],
      )
      return rows.length > 0
    },
    async updateCustomer(id, update) {
      return driver.transaction(async (tx) => {
        const [row] = await tx.query<CustomerRow>(
          `SELECT c.id, c.stripe_customer_id, c.state, c.revision, c.version, c.version_at, c.valid_until,
             NULL::json AS usage FROM entitle_customers c WHERE c.id = $1 FOR UPDATE`,
          [id],
        )
        if (row === undefined) return undefined
        const usageRows = await tx.query<{ usage: CustomerRow['usage'] }>(
          `SELECT json_agg(json_build_array(u.feature, u.used, u.period, u.period_start)) AS usage
             FROM entitle_usage u WHERE u.customer_id = $1`,
          [id],
        )
        const record = toRecord({ ...row, usage: usageRows[0]?.usage ?? null })
        const next = update(record)
        if (next === null) return record
        const revision = record.revision + 1
        await tx.query(
          `UPDATE entitle_customers SET state = $2, revision = $3, version = $4, version_at = $5, valid_until = $6
           WHERE id = $1`,
          [
            id,
            JSON.stringify(next.state),
            revision,
            next.mark.version,
            next.mark.versionAt,
            next.mark.validUntil,
          ],
        )
        await tx.query('SELECT pg_notify($1, $2)', [
          CHANGES_CHANNEL,
          notifyOf(id, next.mark.version, revision),
        ])
        return { ...record, state: next.state, mark: next.mark, revision }
      })
    },
    async replaceMark(id, expectedVersion, mark: VersionMark) {
      const rows = await driver.query(
        `WITH changed AS (
           UPDATE entitle_customers SET version = $3, version_at = $4, valid_until = $5
           WHERE id = $1 AND version = $2 RETURNING version, revision)
         SELECT pg_notify($6, json_build_object('c', $1::text, 'v', version, 'r', revision)::text) FROM changed`,
        [id, expectedVersion, mark.version, mark.versionAt, mark.validUntil, CHANGES_CHANNEL],
      )
      return rows.length > 0
    },
    async recordUsage(write: UsageWrite): Promise<UsageWriteResult> {
      const { plan, idempotency } = write
      const row = await usageBatcher.record([
        write.customerId,
        write.revision,
        plan.feature,
        plan.amount,
        plan.period,
        plan.periodStart,
        plan.ceiling,
        plan.entitlement !== null,
        idempotency?.key ?? null,
        idempotency?.fingerprint ?? null,
        // Kept as text (a json column): a replay renders the very same bytes from it.
        idempotency === undefined ? null : JSON.stringify(plan),
        write.now,
        idempotency?.expiredBefore ?? null,
        write.validUntil,
      ])
      if (row === undefined || row.r_outcome === 'stale') return { kind: 'stale' }
      const used = num(row.r_used ?? 0)
      const version = num(row.r_version ?? 0)
      const outcomeOf = (code: UsageRow['r_code']): UsageOutcome =>
        code === null ? { status: 'applied', used } : { status: 'refused', code, used }
      if (row.r_outcome === 'replay') {
        const storedPlan = json(row.r_plan as UsagePlan | string)
        return {
          kind: 'replay',
          fingerprint: row.r_fingerprint ?? '',
          response: usageResponse(storedPlan, outcomeOf(row.r_code), version),
        }
      }
      const outcome = outcomeOf(row.r_code)
      if (outcome.status === 'applied') announce(write.customerId, version, num(row.r_revision ?? 0))
      return { kind: 'done', outcome, version, response: usageResponse(plan, outcome, version) }
    },
    async versionsOf(ids) {
      const rows = await driver.query<{ id: string; version: number | string; revision: number | string }>(
        'SELECT id, version, revision FROM entitle_customers WHERE id = ANY($1)',
        [ids],
      )
      return new Map(rows.map((row) => [row.id, { version: num(row.version), revision: num(row.revision) }]))
    },
    async pruneIdempotencyKeys(before) {
      const rows = await driver.query(
        'DELETE FROM entitle_idempotency_keys WHERE created_at < $1 RETURNING 1',
        [before],
      )
      return rows.length
    },
    async readMeta(key) {
      const [row] = await driver.query<{ value: unknown }>('SELECT value FROM entitle_meta WHERE key = $1', [
        key,
      ])
      return row === undefined ? undefined : json(row.value)
    },
    async writeMeta(key, value) {
      await driver.query(
        `INSERT INTO entitle_meta (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [key, JSON.stringify(value)],
      )
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    async close() {
      if (flushTimer !== undefined) {
        clearTimeout(flushTimer)
        await flush()
      }
      listeners.clear()
      await stopListening?.()
      await driver.close()
    },
  }
}
