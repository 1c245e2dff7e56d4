// Deletes the PGlite data directory that playwright.config.ts created for this run.
import { rmSync } from 'node:fs'

export default function teardown(): void {
  const dir = process.env.E2E_NEXT_OWN_DATA_DIR
  if (dir) rmSync(dir, { recursive: true, force: true })
}
