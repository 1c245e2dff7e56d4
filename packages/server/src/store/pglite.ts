// `@entitle/server/pglite`: the embedded store, real PostgreSQL in WebAssembly (PGlite), nothing to
// install. The same SQL as the PostgreSQL store; one process owns a data directory.
import type { PGlite } from '@electric-sql/pglite'
import type { SqlDriver } from './sql/driver.js'
import { createSqlStore } from './sql/sqlStore.js'
import type { Store } from './types.js'

export interface PgliteStoreOptions {
  /**
   * Where the database lives, e.g. `'./.entitle-data'` (created when missing). Default: in memory
   * (nothing survives the process).
   */
  dataDir?: string
  /** Use this PGlite instance instead of opening one (then `close()` leaves it open). */
  db?: PGlite
}

/** A driver over one PGlite instance. PGlite runs one statement at a time, which keeps writes ordered. */
export function pgliteDriver(open: () => Promise<PGlite>, ownsDb: boolean): SqlDriver {
  let db: Promise<PGlite> | undefined
  const get = (): Promise<PGlite> => {
    db ??= open()
    return db
  }
  return {
    kind: 'pglite',
    shared: false,
    async query(text, params) {
      return (await (await get()).query(text, params as unknown[] | undefined)).rows as never[]
    },
    async exec(sql) {
      await (await get()).exec(sql)
    },
    async transaction(fn) {
      return (await get()).transaction((tx) =>
        fn({
          query: async (text, params) =>
            (await tx.query(text, params as unknown[] | undefined)).rows as never[],
          exec: async (sql) => {
            await tx.exec(sql)
          },
        }),
      )
    },
    async listen(channel, onNotify, onStatus) {
      const unlisten = await (await get()).listen(channel, onNotify)
      // In-process: the listener hears every change of the only process that can open this database.
      onStatus(true)
      return async () => {
        await unlisten()
        onStatus(false)
      }
    },
    async close() {
      if (db !== undefined && ownsDb) await (await db).close()
    },
  }
}

/**
 * The embedded store. Opening a data directory takes a few seconds (the WebAssembly Postgres
 * starts): open one store per process and keep it.
 *
 * ```ts
 * import { pgliteStore } from '@entitle/server/pglite'
 * const store = pgliteStore({ dataDir: './.entitle-data' })
 * ```
 */
export function pgliteStore(options: PgliteStoreOptions = {}): Store {
  const given = options.db
  const open = async (): Promise<PGlite> => {
    if (given !== undefined) return given
    const { PGlite } = await import('@electric-sql/pglite').catch((error: unknown) => {
      throw new Error(
        `pgliteStore needs the "@electric-sql/pglite" package (npm install @electric-sql/pglite): ${error instanceof Error ? error.message : String(error)}`,
      )
    })
    return PGlite.create(options.dataDir === undefined ? undefined : { dataDir: options.dataDir })
  }
  return createSqlStore(pgliteDriver(open, given === undefined))
}
