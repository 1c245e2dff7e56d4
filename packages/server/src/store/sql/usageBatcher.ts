// Group commit of usage reports. A report goes to the database at once while fewer than
// `maxInFlight` statements of reports are running; the reports that arrive meanwhile wait, and go
// together in the next one (`entitle_record_usage_batch`: one statement, one transaction, one
// commit, one round trip for all of them). Idle, a report pays no wait; under load, the database
// commits a batch instead of each report, which is most of a report's cost.
//
// Every report is answered only after the commit of its own statement, so an acknowledged report is
// durable as before. When the database refuses a batch (rolled back: nothing of it was applied),
// each of its reports is sent again alone, so one report that cannot be recorded fails only itself;
// when the connection fails instead, every report of the batch fails and none is sent again.
import type { SqlDriver } from './driver.js'

/** The argument list of `entitle_record_usage` (usageFunction.ts); [0] is the customer id. */
export type UsageArgs = readonly [customerId: string, ...rest: unknown[]]

export interface UsageBatcherOptions {
  /** Statements of reports running at once. */
  maxInFlight: number
  /** Reports per statement at most. */
  maxBatch: number
}

interface Waiting<Row> {
  args: UsageArgs
  resolve: (row: Row | undefined) => void
  reject: (error: unknown) => void
}

/**
 * An error PostgreSQL answered with (an ErrorResponse: node-postgres's and PGlite's DatabaseError
 * carry its severity and SQLSTATE), not a lost connection.
 */
const answeredByDatabase = (error: unknown): boolean => {
  const fields = error as { severity?: unknown; code?: unknown } | null
  return typeof fields?.severity === 'string' && typeof fields.code === 'string'
}

const SINGLE =
  'SELECT * FROM entitle_record_usage($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)'
const BATCH = 'SELECT * FROM entitle_record_usage_batch($1)'

/** `record(args)` resolves the function's row for that report (`undefined` if it returned none). */
export function createUsageBatcher<Row extends { r_index?: number }>(
  driver: Pick<SqlDriver, 'query'>,
  { maxInFlight, maxBatch }: UsageBatcherOptions,
) {
  const queue: Waiting<Row>[] = []
  let inFlight = 0

  const alone = (report: Waiting<Row>): Promise<void> =>
    driver
      .query<Row>(SINGLE, report.args, 'entitle_record_usage')
      .then(([row]) => report.resolve(row), report.reject)

  const together = async (reports: Waiting<Row>[]): Promise<void> => {
    // By customer (the order every batch locks rows in), each customer's in arrival order (sort is stable).
    const sorted = [...reports].sort((a, b) => (a.args[0] < b.args[0] ? -1 : a.args[0] > b.args[0] ? 1 : 0))
    let rows: Row[]
    try {
      rows = await driver.query<Row>(
        BATCH,
        [JSON.stringify(sorted.map((report) => report.args))],
        'entitle_record_usage_batch',
      )
    } catch (error) {
      if (answeredByDatabase(error)) {
        // The database refused the statement, so it rolled back whole: nothing of it was applied.
        // Each alone, so one report that cannot be recorded fails only itself.
        await Promise.all(sorted.map(alone))
      } else {
        // The connection failed: the batch may or may not have committed. Never sent twice; each
        // report fails as a single one would (a client retries with its idempotency key).
        for (const report of sorted) report.reject(error)
      }
      return
    }
    const byIndex = new Map(rows.map((row) => [Number(row.r_index), row]))
    for (const [index, report] of sorted.entries()) report.resolve(byIndex.get(index))
  }

  const pump = (): void => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const reports = queue.splice(0, maxBatch)
      inFlight++
      const sent = reports.length === 1 ? alone(reports[0]!) : together(reports)
      void sent.finally(() => {
        inFlight--
        pump()
      })
    }
  }

  return {
    record(args: UsageArgs): Promise<Row | undefined> {
      return new Promise((resolve, reject) => {
        queue.push({ args, resolve, reject })
        pump()
      })
    },
  }
}
