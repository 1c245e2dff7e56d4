#!/usr/bin/env node
// Part of the @entitle/react build: ships src/styles.css as dist/styles.css (`@entitle/react/styles.css`).
// Paths are relative to this script, so it works from the package (its "build") or the workspace root.
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'react')
mkdirSync(join(pkg, 'dist'), { recursive: true })
copyFileSync(join(pkg, 'src', 'styles.css'), join(pkg, 'dist', 'styles.css'))
