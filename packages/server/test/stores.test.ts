// The store contract on every store: memory, PGlite (embedded, in memory), and a real PostgreSQL
// server (the throwaway cluster of globalSetup.ts).
import { afterAll, beforeAll, inject } from 'vitest'
import { memoryStore, type Store } from '../src/index.js'
import { pgliteStore } from '../src/store/pglite.js'
import { postgresStore } from '../src/store/postgres.js'
import { storeContract } from './storeContract.js'

const memory = memoryStore()
storeContract('memory', () => memory)

let pglite: Store
beforeAll(async () => {
  pglite = pgliteStore()
  await pglite.init()
}, 60_000)
afterAll(() => pglite.close())
storeContract('pglite', () => pglite)

let postgres: Store
beforeAll(async () => {
  postgres = postgresStore({ connectionString: inject('databaseUrl') })
  await postgres.init()
}, 60_000)
afterAll(() => postgres.close())
storeContract('postgres', () => postgres)
