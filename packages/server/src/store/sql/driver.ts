// What the SQL store needs from a PostgreSQL connection: node-postgres and PGlite both provide it
// (store/postgres.ts, store/pglite.ts), so one store runs the same SQL on both.

/** Runs one statement with positional parameters (`$1…`) and resolves its rows. */
export type Query = <Row = Record<string, unknown>>(
  text: string,
  params?: readonly unknown[],
) => Promise<Row[]>

/** The connection of a transaction. */
export interface SqlTransaction {
  query: Query
  /** Several statements without parameters. */
  exec(sql: string): Promise<void>
}

export interface SqlDriver {
  readonly kind: string
  /** Other processes can open the same database (a PostgreSQL server), so changes are announced to them. */
  readonly shared: boolean
  /**
   * Statements of usage reports to run at once (see usageBatcher.ts); the reports that arrive
   * meanwhile wait and go together in the next one. Default 1 (right for a driver that runs one
   * statement at a time).
   */
  readonly usageStatementsInFlight?: number
  /** One statement, on any connection. `name` lets the driver prepare it once (hot statements). */
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    name?: string,
  ): Promise<Row[]>
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>
  /** `fn` inside BEGIN … COMMIT on one connection; ROLLBACK when it throws. */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>
  /**
   * LISTENs on `channel` on a connection of its own: `onNotify` gets each payload, `onStatus` whether
   * the connection listens (`false` while it is lost and being re-established). Resolves once
   * listening; the returned function stops.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onStatus: (listening: boolean) => void,
  ): Promise<() => Promise<void>>
  close(): Promise<void>
}
