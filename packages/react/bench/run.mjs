#!/usr/bin/env node
// Bundles bench/render.bench.tsx with esbuild (TSX, workspace sources through the `source`
// condition, React's production profiling build so the Profiler reports real commit times) and runs it.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

// Inside the package (under node_modules, git-ignored) so the bundle resolves jsdom like the tests do.
const cache = join(import.meta.dirname, '..', 'node_modules', '.cache')
mkdirSync(cache, { recursive: true })
const dir = mkdtempSync(join(cache, 'entitle-bench-'))
const outfile = join(dir, 'render.bench.mjs')
try {
  await build({
    entryPoints: [join(import.meta.dirname, 'render.bench.tsx')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    jsx: 'automatic',
    conditions: ['source'],
    external: ['jsdom'],
    alias: { 'react-dom/client': 'react-dom/profiling' },
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    // bench/dom.ts is imported for its side effect; the package's "sideEffects" (CSS only) would drop it.
    ignoreAnnotations: true,
    logLevel: 'warning',
  })
  const res = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exitCode = res.status ?? 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
