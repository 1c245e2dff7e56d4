// One throwaway PostgreSQL cluster for the whole server test run, unless the caller gave one
// (`ENTITLE_TEST_DATABASE_URL`, which scripts/test-all.mjs sets). Tests read its URL with
// `inject('databaseUrl')`.
import type { TestProject } from 'vitest/node'
// @ts-expect-error: a plain ESM script of the workspace, without type declarations
import { startPostgres } from '../../../scripts/postgres.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.ENTITLE_TEST_DATABASE_URL
  if (given) {
    project.provide('databaseUrl', given)
    return () => {}
  }
  const pg: { url: string; stop(): void } = await startPostgres({ quiet: true })
  project.provide('databaseUrl', pg.url)
  return () => pg.stop()
}
