#!/usr/bin/env node
// Part of the @entitle/react build: ships src/styles.css and src/billing.css as dist/styles.css and
// dist/billing.css (`@entitle/react/styles.css`, `@entitle/react/billing.css`).
// Paths are relative to this script, so it works from the package (its "build") or the workspace root.
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'react')
mkdirSync(join(pkg, 'dist'), { recursive: true })
for (const file of ['styles.css', 'billing.css'])
  copyFileSync(join(pkg, 'src', file), join(pkg, 'dist', file))
