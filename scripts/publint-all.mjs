#!/usr/bin/env node
// publint every publishable package (after build). Fails on errors and warnings.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'

const dir = join(import.meta.dirname, '..', 'packages')
let bad = 0
for (const name of readdirSync(dir)) {
  const pkgDir = join(dir, name)
  let pkg
  try {
    pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
  } catch {
    continue
  }
  if (pkg.private) continue
  const { messages } = await publint({ pkgDir, level: 'warning', strict: true, pack: 'pnpm' })
  for (const m of messages) {
    console.log(`${pkg.name}: [${m.type}] ${formatMessage(m, pkg)}`)
    bad++
  }
  if (messages.length === 0) console.log(`${pkg.name}: publint clean`)
}
process.exit(bad ? 1 : 0)
