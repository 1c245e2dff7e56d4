#!/usr/bin/env node
// Bundle cost of the same small app (provider + a boolean gate + a metered usage read; and separately
// with a paywall) for Entitle, a hand-written react-query + zustand equivalent and the alternatives.
// Sources: bench/apps/*.tsx. Built with esbuild (minified ESM, production, React external, everything
// else bundled); sizes are what a first load downloads (entry + static chunks + CSS), lazy chunks apart.
// With --json the last stdout line is `{ "section": "bundle", "rows": [...] }`.
//
//   node bench/bundle.mjs [--json] [--alternatives <install.json>]
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { unavailable } from './lib/alternatives.mjs'
import { measureApp, root } from './lib/esbuild.mjs'

const args = process.argv.slice(2)
const altFile = args.includes('--alternatives') ? args[args.indexOf('--alternatives') + 1] : undefined
const alt = altFile ? JSON.parse(readFileSync(altFile, 'utf8')) : undefined

const version = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).version
  } catch {
    return '?'
  }
}
const rq = version(join(root, 'node_modules', '@tanstack', 'react-query', 'package.json'))
const zu = version(join(root, 'node_modules', 'zustand', 'package.json'))
const altVersion = (name) => alt?.versions?.[name] ?? ''

const SDKS = [
  {
    sdk: `Entitle ${version(join(root, 'packages', 'react', 'package.json'))} (built dist)`,
    apps: { basic: 'entitle.tsx', paywall: 'entitle-paywall.tsx' },
    note: { paywall: '<Paywall> + styles.css' },
  },
  {
    sdk: `hand-written: @tanstack/react-query ${rq} + zustand ${zu}`,
    apps: { basic: 'handwritten.tsx', paywall: 'handwritten-paywall.tsx' },
    note: { paywall: 'hand-written plan list' },
  },
  {
    sdk: `@stigg/react-sdk ${altVersion('@stigg/react-sdk')}`,
    needs: { basic: ['@stigg/react-sdk'], paywall: ['@stigg/react-sdk'] },
    apps: { basic: 'stigg.tsx', paywall: 'stigg-paywall.tsx' },
    note: { paywall: '<Paywall> + styles.css' },
  },
  {
    sdk: `@schematichq/schematic-react ${altVersion('@schematichq/schematic-react')}`,
    needs: {
      basic: ['@schematichq/schematic-react'],
      paywall: ['@schematichq/schematic-react', '@schematichq/schematic-components'],
    },
    apps: { basic: 'schematic.tsx', paywall: 'schematic-paywall.tsx' },
    note: {
      paywall: `+ schematic-components ${altVersion('@schematichq/schematic-components')} <EmbedProvider><PricingTable>`,
    },
  },
  {
    sdk: `autumn-js/react ${altVersion('autumn-js')}`,
    needs: { basic: ['autumn-js'], paywall: ['autumn-js'] },
    apps: { basic: 'autumn.tsx', paywall: 'autumn-paywall.tsx' },
    note: { paywall: 'no paywall component in its React entry: plan list hand-written on its hooks' },
  },
]

const rows = []
for (const variant of ['basic', 'paywall']) {
  for (const s of SDKS) {
    const row = { case: s.sdk.trim(), variant, note: s.note?.[variant] }
    const missing = (s.needs?.[variant] ?? []).map((n) => unavailable(alt, n)).find(Boolean)
    if (missing) {
      rows.push({ ...row, unavailable: missing })
      continue
    }
    const t0 = performance.now()
    try {
      const m = await measureApp(join(root, 'bench', 'apps', s.apps[variant]), {
        nodePaths: s.needs ? [join(alt.dir, 'node_modules')] : [],
      })
      rows.push({
        ...row,
        raw: m.initial.raw,
        gzip: m.initial.gzip,
        brotli: m.initial.brotli,
        cssGzip: m.css.gzip,
        lazyGzip: m.lazy.gzip,
        files: m.initial.files,
        buildMs: Math.round(performance.now() - t0),
      })
    } catch (err) {
      const msg = (err instanceof Error ? err.message : String(err)).split('\n').slice(0, 3).join(' ')
      // Our own apps must build (a failure is a bug: fail the run); an alternative's failure is a result.
      if (s.needs) rows.push({ ...row, unavailable: `cannot be built: ${msg.slice(0, 300)}` })
      else rows.push({ ...row, error: `build failed: ${msg.slice(0, 300)}` })
    }
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`
console.log(
  'bundle cost of the same app (esbuild, minified, React external; first load = entry + static chunks + CSS)',
)
for (const r of rows)
  console.log(
    r.unavailable || r.error
      ? `  [${r.variant}] ${r.case}: ${r.unavailable ?? `ERROR ${r.error}`}`
      : `  [${r.variant}] ${r.case.padEnd(60)} ${kb(r.gzip).padStart(9)} gzip ${kb(r.brotli).padStart(9)} br ${kb(r.raw).padStart(10)} raw` +
          `${r.lazyGzip ? `  (+${kb(r.lazyGzip)} gzip lazy)` : ''}`,
  )
if (args.includes('--json')) console.log(JSON.stringify({ section: 'bundle', rows }))
