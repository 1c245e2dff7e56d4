#!/usr/bin/env node
// `pnpm bench`: every performance figure of the README in one run, printed as ONE table and written as
// JSON to bench/results/latest.json (git-ignored). Needs the built packages (`pnpm run build`).
//
//   node bench/run.mjs            # full: installs the alternatives into a temp folder (npm registry), ~3-5 min
//   node bench/run.mjs --short    # CI: no alternatives, one round of each own measurement, ~1 min
//   options: --no-alternatives, --latest (alternatives at today's versions, not the pinned ones),
//            --keep-alternatives (leave the temp install; reuse one with BENCH_ALTERNATIVES_DIR=<dir>)
//
// Each section is its own Node process (so one cannot warm up or slow down another) that prints a JSON
// line `{ "section", "rows": [...] }` as its last stdout line when given --json. Sections owned by other
// packages (packages/react/bench, packages/mock-server/bench) are found and run the same way; until one
// exists its row says so. Exit code: non-zero only when a section crashes, times out or reports an
// error — never because of a timing.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os'
import { join, relative } from 'node:path'
import { installAlternatives, removeAlternatives } from './lib/alternatives.mjs'
import { root } from './lib/esbuild.mjs'

const args = process.argv.slice(2)
const short = args.includes('--short')
const withAlternatives = !short && !args.includes('--no-alternatives')
const started = Date.now()
const startLoad = loadavg()[0]
const log = (msg) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}`)

for (const pkg of ['core', 'react', 'server', 'mock-server'])
  if (!existsSync(join(root, 'packages', pkg, 'dist', 'index.js'))) {
    console.error(`packages/${pkg}/dist is missing: run \`pnpm run build\` first`)
    process.exit(1)
  }
// The root `pnpm run build` is `tsc -b` only, so a fresh clone has no dist/styles.css (the second step
// of @entitle/react's own build copies it). Run that step, loudly, rather than measure without the CSS.
if (!existsSync(join(root, 'packages', 'react', 'dist', 'styles.css'))) {
  log(
    'packages/react/dist/styles.css is missing (the root build does not copy it): node scripts/copy-css.mjs',
  )
  const copy = spawnSync(process.execPath, [join(root, 'scripts', 'copy-css.mjs')], { stdio: 'inherit' })
  if (copy.status !== 0) process.exit(1)
}

// ── alternatives (full run only) ────────────────────────────────────────────────────────────────────
let alt
let altFile
if (withAlternatives) {
  const reuse = process.env.BENCH_ALTERNATIVES_DIR
  alt = await installAlternatives({ dir: reuse, latest: args.includes('--latest'), log })
  log(
    `alternatives: ${Object.entries(alt.versions)
      .map(([n, v]) => `${n}@${v}`)
      .join(', ')} in ${(alt.ms / 1000).toFixed(0)} s` +
      (Object.keys(alt.errors).length ? `; failed: ${JSON.stringify(alt.errors)}` : ''),
  )
  altFile = join(tmpdir(), `entitle-bench-alternatives-${process.pid}.json`)
  writeFileSync(altFile, JSON.stringify(alt))
}

// ── sections ────────────────────────────────────────────────────────────────────────────────────────
const common = [...(short ? ['--short'] : []), '--json']
const withAlt = altFile ? ['--alternatives', altFile] : []
/** @type {{ id: string, title: string, script?: string, args?: string[], timeoutMs: number, owner?: string, missing?: string }[]} */
const sections = [
  { id: 'bundle', title: 'bundle cost', script: 'bench/bundle.mjs', args: withAlt, timeoutMs: 240_000 },
  { id: 'checks', title: 'checks per second', script: 'bench/checks.mjs', args: withAlt, timeoutMs: 180_000 },
  {
    ...external('packages/react/bench', 'React engineer (packages/react)'),
    // Its own knob for the number of measured updates (default 30); --short is passed as well.
    env: short ? { BENCH_UPDATES: '5' } : {},
    id: 'render',
    title: 'render isolation (1,000 consumers)',
  },
  {
    id: 'first-render',
    title: 'first render after reload',
    script: 'bench/first-render.mjs',
    timeoutMs: 180_000,
  },
  {
    ...external('packages/mock-server/bench', 'mock-server engineer (packages/mock-server)'),
    id: 'mock-server',
    title: 'mock server load',
  },
  {
    ...external('packages/server/bench', 'server engineer (packages/server)'),
    id: 'server',
    title: 'server load (PostgreSQL, PGlite)',
  },
]

/** The bench scripts of a folder another engineer owns: `*.bench.mjs` first, else any `*.mjs`. */
function external(dir, owner) {
  const abs = join(root, dir)
  const files = existsSync(abs) ? readdirSync(abs).filter((f) => f.endsWith('.mjs')) : []
  const benches = files.filter((f) => f.endsWith('.bench.mjs'))
  const pick = (benches.length ? benches : files).sort()
  if (!pick.length)
    return { owner, timeoutMs: 0, missing: `pending: ${dir}/ has no *.bench.mjs yet (owner: ${owner})` }
  return { owner, scripts: pick.map((f) => `${dir}/${f}`), timeoutMs: 240_000 }
}

const results = {}
let failures = 0
for (const s of sections) {
  if (s.missing) {
    results[s.id] = { title: s.title, status: 'missing', rows: [{ case: s.title, note: s.missing }] }
    log(`${s.title}: ${s.missing}`)
    continue
  }
  for (const script of s.scripts ?? [s.script]) {
    log(`${s.title}: node ${script} ${[...common, ...(s.args ?? [])].join(' ')}`)
    const r = await runSection(script, [...common, ...(s.args ?? [])], s.timeoutMs, s.env)
    const prev = results[s.id]
    const entry = { title: s.title, script, ms: r.ms, exitCode: r.code, status: 'ok', rows: [] }
    if (r.timedOut) entry.status = `timed out after ${s.timeoutMs / 1000} s`
    else if (r.code !== 0) entry.status = `exit code ${r.code}`
    if (r.json) entry.rows = normalizeRows(r.json)
    else {
      entry.rows = [
        { case: script, note: `printed no JSON line with --json (${s.owner ? `ask ${s.owner}` : 'bug'})` },
      ]
      entry.rawOutput = r.stdout.slice(-4000)
      if (!s.owner) entry.status = entry.status === 'ok' ? 'no JSON output' : entry.status
    }
    if (entry.rows.some((row) => row.error))
      entry.status = entry.status === 'ok' ? 'error in a row' : entry.status
    if (entry.status !== 'ok') {
      failures++
      entry.stderr = r.stderr.slice(-2000)
      log(`${s.title}: FAILED (${entry.status})\n${r.stderr.slice(-1500)}`)
    }
    results[s.id] = prev
      ? { ...prev, rows: [...prev.rows, ...entry.rows], scripts: [prev.script, script] }
      : entry
  }
}

if (altFile) rmSync(altFile, { force: true })
if (alt && !args.includes('--keep-alternatives') && !process.env.BENCH_ALTERNATIVES_DIR)
  removeAlternatives(alt)

// ── one table ───────────────────────────────────────────────────────────────────────────────────────
const table = []
for (const [id, sec] of Object.entries(results))
  for (const row of sec.rows) table.push({ section: sec.title, case: row.case ?? id, ...format(id, row) })

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model?.trim(),
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `${platform()} ${release()}`,
  node: process.version,
  // Other processes share the cores: the 1-minute load average before and after the run says how much.
  loadAverage1m: { start: startLoad, end: loadavg()[0] },
}
const durationMs = Date.now() - started
const out = {
  generatedAt: new Date().toISOString(),
  command: `node bench/run.mjs${args.length ? ` ${args.join(' ')}` : ''}`,
  short,
  durationMs,
  machine,
  alternatives: alt ? { versions: alt.versions, errors: alt.errors, installMs: alt.ms } : null,
  sections: results,
  table,
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true })
const file = join(root, 'bench', 'results', short ? 'latest-short.json' : 'latest.json')
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`)
// The same table as Markdown, for the README's Performance section.
const md = (v) =>
  String(v ?? '')
    .replaceAll('|', '\\|')
    .replaceAll('<', '&lt;')
let prevSection
const markdown = [
  '| | case | result | notes |',
  '|---|---|---|---|',
  ...table.map((r) => {
    const cells = [r.section === prevSection ? '' : `**${r.section}**`, r.case, r.result, r.notes]
    prevSection = r.section
    return `| ${cells.map(md).join(' | ')} |`
  }),
].join('\n')
writeFileSync(file.replace(/\.json$/, '.md'), `${markdown}\n`)

console.log(
  `\nEntitle benchmarks — ${out.generatedAt.slice(0, 10)}, ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, ` +
    `load average ${startLoad.toFixed(1)} → ${machine.loadAverage1m.end.toFixed(1)}` +
    `${short ? ', --short (one round; not for comparison)' : ''}`,
)
printTable(table)
console.log(
  `\n${(durationMs / 1000).toFixed(0)} s in all; JSON: ${relative(root, file)} (Markdown beside it)` +
    (failures ? `; ${failures} section(s) FAILED` : ''),
)
process.exit(failures ? 1 : 0)

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────────
function runSection(script, scriptArgs, timeoutMs, env = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now()
    const child = spawn(process.execPath, [join(root, script), ...scriptArgs], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
    }, timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      const last = stdout
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.trim().startsWith('{') || l.trim().startsWith('['))
      let json
      try {
        json = last ? JSON.parse(last) : undefined
      } catch {
        json = undefined
      }
      resolve({ code: code ?? 1, stdout, stderr, json, timedOut, ms: Date.now() - t0 })
    })
  })
}

/**
 * What another engineer's --json prints, as rows: `{ rows: [...] }`, a bare array, an object of named
 * results (`{ entitle: {...}, naive: {...} }` → one row per key), or one object. Arrays of numbers
 * (per-sample figures) become their median, with the sample count in `samples`.
 */
function normalizeRows(json) {
  let rows
  if (Array.isArray(json)) rows = json
  else if (Array.isArray(json.rows)) rows = json.rows
  else if (Object.values(json).every((v) => v && typeof v === 'object' && !Array.isArray(v)))
    rows = Object.entries(json).map(([k, v]) => ({ case: k, ...v }))
  else rows = [json]
  return rows.map((r) => {
    if (!r || typeof r !== 'object') return { case: String(r) }
    const out = {}
    for (const [k, v] of Object.entries(r)) {
      if (Array.isArray(v) && v.length && v.every((x) => typeof x === 'number')) {
        out[k] = median(v)
        out.samples = v.length
      } else out[k] = v
    }
    return out
  })
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

function kb(n) {
  return `${(n / 1024).toFixed(1)} kB`
}
function rate(r) {
  return r >= 1e6 ? `${(r / 1e6).toFixed(1)} M/s` : r >= 1e3 ? `${(r / 1e3).toFixed(0)} k/s` : `${r}/s`
}

/** A row's `result` and `notes` cells. Rows of other engineers' benches are shown field by field. */
function format(id, row) {
  if (id === 'bundle' && row.variant) {
    const { case: name, variant, ...rest } = row
    return {
      ...format('bundle-row', rest),
      case: `${name} — ${variant === 'paywall' ? 'with paywall' : 'gate + usage'}`,
    }
  }
  if (row.error) return { result: 'ERROR', notes: row.error }
  if (row.unavailable) return { result: 'not measured', notes: row.unavailable }
  if (row.note && Object.keys(row).every((k) => ['case', 'note', 'group', 'variant'].includes(k)))
    return { result: 'not measured', notes: row.note }
  if (id === 'bundle-row') {
    const extra = [row.note, row.lazyGzip ? `+${kb(row.lazyGzip)} gzip loaded lazily` : ''].filter(Boolean)
    return {
      result: `${kb(row.gzip)} gzip · ${kb(row.brotli)} br · ${kb(row.raw)} raw`,
      notes: extra.join('; '),
    }
  }
  if (id === 'checks')
    return {
      result: `${rate(row.checksPerSecond)} (${row.nsPerCheck} ns)`,
      notes: row.group === 'floor' ? 'the floor' : `${row.vsLookup}x the plain lookup's time`,
    }
  if (id === 'first-render')
    return {
      result: `correct at ${row.correctMs} ms`,
      notes: `first commit ${row.firstCommitMs} ms; wrong-branch flashes ${row.wrongBranchFlashes}; median of ${row.reloads}`,
    }
  if (id === 'render' && typeof row.rerenders === 'number' && typeof row.commitMs === 'number') {
    const names = { entitle: '@entitle/react useEntitlement', naive: 'naive single-context provider' }
    return {
      case: names[row.case] ?? row.case,
      result: `${row.rerenders} re-renders · commit ${row.commitMs.toFixed(2)} ms`,
      notes:
        `React Profiler commit, median of ${row.samples ?? '?'} updates` +
        (typeof row.wallMs === 'number' ? `; update wall ${row.wallMs.toFixed(2)} ms` : '') +
        (typeof row.mountMs === 'number' ? `; mount ${row.mountMs.toFixed(0)} ms` : ''),
    }
  }
  if ((id === 'mock-server' || id === 'server') && typeof row.rps === 'number')
    return {
      result: `${row.rps.toLocaleString('en-US')} req/s`,
      notes: [
        row.p50Ms !== undefined ? `p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms` : '',
        row.non200 ? `non-200: ${row.non200}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    }
  const fields = Object.entries(row).filter(([k]) => !['case', 'name', 'label'].includes(k))
  const show = ([k, v]) => `${k} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`
  return {
    case: row.case ?? row.name ?? row.label,
    result: fields
      .filter(([, v]) => typeof v === 'number')
      .map(show)
      .join(' · '),
    notes: fields
      .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean')
      .map(show)
      .join('; '),
  }
}

function printTable(rows) {
  const cols = ['section', 'case', 'result', 'notes']
  const widths = cols.map((c) =>
    Math.min(c === 'notes' ? 80 : 90, Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length))),
  )
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' │ ')
  console.log(line(cols))
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'))
  let prev
  for (const r of rows) {
    console.log(line([r.section === prev ? '' : r.section, r.case, r.result, r.notes]))
    prev = r.section
  }
}
