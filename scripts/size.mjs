#!/usr/bin/env node
// Size budgets: bundles small entries with esbuild (minified ESM, as an app bundler would) from the
// BUILT packages and checks gzip sizes against the budgets the issues set. Prints raw/gzip/brotli.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = join(import.meta.dirname, '..')
const dist = (pkg, file = 'index.js') => join(root, 'packages', pkg, 'dist', file)

// react-query re-exports query-core, so an app that has react-query already ships query-core.
const APP_EXTERNALS = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@tanstack/react-query',
  '@tanstack/query-core',
  'zustand',
  'zustand/*',
]
const REACT_ONLY = ['react', 'react-dom', 'react/jsx-runtime']

const budgets = [
  {
    name: '@entitle/react: provider + useEntitlement + useEntitlements (react, react-query, zustand external)',
    contents: `export { EntitlementsProvider, useEntitlement, useEntitlements } from ${JSON.stringify(dist('react'))}`,
    external: APP_EXTERNALS,
    gzipBudget: 4 * 1024,
  },
  {
    name: '@entitle/react: provider + useEntitlement + useEntitlements (react-query, zustand bundled)',
    contents: `export { EntitlementsProvider, useEntitlement, useEntitlements } from ${JSON.stringify(dist('react'))}`,
    external: REACT_ONLY,
    gzipBudget: 14 * 1024,
  },
  {
    name: '@entitle/react: all components + styles.css (react, react-query, zustand external)',
    contents: `export { Gate, UsageMeter, Paywall, PaywallDialog, LimitBanner, TrialBanner } from ${JSON.stringify(dist('react'))}`,
    external: APP_EXTERNALS,
    css: dist('react', 'styles.css'),
    gzipBudget: 12 * 1024,
  },
  // The entries above are the React layer alone, as the issue defines them. An app also ships the
  // headless client; these rows are the honest whole (client + provider + hooks).
  {
    name: 'whole app layer: createEntitlementsClient + provider + hooks (react, react-query, zustand external)',
    contents: `export { createEntitlementsClient } from ${JSON.stringify(dist('core'))}
export { EntitlementsProvider, useEntitlement, useEntitlements } from ${JSON.stringify(dist('react'))}`,
    external: APP_EXTERNALS,
    gzipBudget: 11 * 1024,
  },
  {
    name: 'whole app layer: createEntitlementsClient + provider + hooks (react-query, zustand bundled)',
    contents: `export { createEntitlementsClient } from ${JSON.stringify(dist('core'))}
export { EntitlementsProvider, useEntitlement, useEntitlements } from ${JSON.stringify(dist('react'))}`,
    external: REACT_ONLY,
  },
  {
    name: '@entitle/core: evaluate() alone',
    contents: `export { evaluate } from ${JSON.stringify(dist('core'))}`,
    external: APP_EXTERNALS,
  },
  {
    name: '@entitle/core: createEntitlementsClient (query-core external)',
    contents: `export { createEntitlementsClient } from ${JSON.stringify(dist('core'))}`,
    external: APP_EXTERNALS,
  },
]

async function bundle(contents, external) {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    external,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  return Buffer.from(out.outputFiles[0].contents)
}

async function minifyCss(file) {
  const out = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    write: false,
    logLevel: 'silent',
  })
  return Buffer.from(out.outputFiles[0].contents)
}

const kb = (n) => `${(n / 1024).toFixed(2)} kB`
let failed = 0
const rows = []
for (const b of budgets) {
  try {
    let code = await bundle(b.contents, b.external)
    if (b.css) {
      if (!existsSync(b.css)) throw new Error(`missing ${b.css} (did the react build copy styles.css?)`)
      code = Buffer.concat([code, await minifyCss(b.css)])
    }
    const gz = gzipSync(code, { level: 9 }).length
    const br = brotliCompressSync(code).length
    const over = b.gzipBudget !== undefined && gz > b.gzipBudget
    if (over) failed++
    rows.push({
      name: b.name,
      raw: code.length,
      gzip: gz,
      brotli: br,
      budget: b.gzipBudget,
      status: b.gzipBudget === undefined ? 'info' : over ? 'OVER' : 'ok',
    })
  } catch (err) {
    failed++
    rows.push({
      name: b.name,
      status: `ERROR: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    })
  }
}
for (const r of rows) {
  if (r.raw === undefined) console.log(`${r.status}\n  ${r.name}`)
  else
    console.log(
      `${r.status.padEnd(4)} ${kb(r.gzip).padStart(9)} gzip ${kb(r.brotli).padStart(9)} br ${kb(r.raw).padStart(9)} raw` +
        `${r.budget ? `  (budget ${kb(r.budget)} gzip)` : ''}  ${r.name}`,
    )
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2))
process.exit(failed ? 1 : 0)
