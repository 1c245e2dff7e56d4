// The schema, as numbered migrations applied in order on start. Each runs once per database, in a
// transaction, under an advisory lock, so N instances starting together apply it once. Never edit
// an applied migration: add the next one.
import type { SqlDriver } from './driver.js'
import { RECORD_USAGE_BATCH_FUNCTION } from './usageBatchFunction.js'
import { RECORD_USAGE_FUNCTION } from './usageFunction.js'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'customers, usage, idempotency keys, meta',
    sql: `
CREATE TABLE entitle_customers (
  id text PRIMARY KEY,
  stripe_customer_id text UNIQUE,
  state jsonb NOT NULL,
  revision bigint NOT NULL,
  version bigint NOT NULL,
  version_at bigint NOT NULL,
  valid_until bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE entitle_usage (
  customer_id text NOT NULL REFERENCES entitle_customers (id) ON DELETE CASCADE,
  feature text NOT NULL,
  used bigint NOT NULL CHECK (used >= 0),
  period text,
  period_start bigint,
  PRIMARY KEY (customer_id, feature)
);
CREATE TABLE entitle_idempotency_keys (
  customer_id text NOT NULL REFERENCES entitle_customers (id) ON DELETE CASCADE,
  key text NOT NULL,
  fingerprint text NOT NULL,
  plan json NOT NULL,
  code text,
  used bigint NOT NULL,
  version bigint NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (customer_id, key)
);
CREATE INDEX entitle_idempotency_keys_created_at ON entitle_idempotency_keys (created_at);
CREATE TABLE entitle_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
${RECORD_USAGE_FUNCTION}
`,
  },
  {
    version: 2,
    name: 'usage reports in batches (group commit)',
    sql: RECORD_USAGE_BATCH_FUNCTION,
  },
]

/**
 * Applies the migrations this database has not had yet, all in one transaction under an advisory
 * lock (instances that start together wait for the first, then find nothing to do). Resolves the
 * versions applied now.
 */
export async function migrate(
  driver: SqlDriver,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4242, 1)')
    await tx.exec(`CREATE TABLE IF NOT EXISTS entitle_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`)
    const rows = await tx.query<{ version: number }>('SELECT version FROM entitle_migrations')
    const done = new Set(rows.map((row) => Number(row.version)))
    const applied: number[] = []
    for (const migration of migrations) {
      if (done.has(migration.version)) continue
      await tx.exec(migration.sql)
      await tx.query('INSERT INTO entitle_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
      applied.push(migration.version)
    }
    const newest = Math.max(0, ...done)
    const known = Math.max(0, ...migrations.map((m) => m.version))
    if (newest > known) {
      throw new Error(
        `the database schema is at version ${newest}, newer than this @entitle/server knows (${known}): upgrade the server`,
      )
    }
    return applied
  })
}
