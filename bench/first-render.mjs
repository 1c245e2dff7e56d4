#!/usr/bin/env node
// Time to a correct first render after a reload, in Chromium, while the entitlements service answers
// only after 2 s: Entitle with the last snapshot persisted in localStorage vs the same client with
// `persist: false`. A tiny page (bench/apps/first-render.tsx, bundled with esbuild, React in production
// mode) is served by a node:http server on 127.0.0.1 that holds every /v1/ request for 2 s and then
// answers with the reference mock server's handler (LogPilot seed, customer "acme").
// The figure is performance.now() (time since navigation start) at the first commit where both gates
// show the right branch. Bounded: every wait has a timeout and a deadline closes everything.
//
//   node bench/first-render.mjs [--short] [--json]
import { createServer } from 'node:http'
import { join } from 'node:path'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { median } from '../packages/core/bench/evaluate.bench.mjs'
import { createHandler } from '../packages/mock-server/dist/index.js'
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/chromium.mjs'
import { entitleFromDist, root } from './lib/esbuild.mjs'

const args = process.argv.slice(2)
const short = args.includes('--short')
const RELOADS = short ? 1 : 5
const SERVER_DELAY_MS = 2000
const DEADLINE_MS = 120_000

const bundle = await build({
  entryPoints: [join(root, 'bench', 'apps', 'first-render.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [entitleFromDist],
  logLevel: 'silent',
})
const appJs = Buffer.from(bundle.outputFiles[0].contents)
const html =
  '<!doctype html><html><head><meta charset="utf-8"><title>first render</title></head>' +
  '<body><div id="root"></div><script type="module" src="/app.js"></script></body></html>'

const mock = createHandler({ heartbeatMs: 0 })
const held = new Set()
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', html)
  if (url.pathname === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', appJs)
  if (!url.pathname.startsWith('/v1/')) return send(res, 404, 'text/plain', 'not found')
  // The slow service: hold the request, then let the reference handler answer it.
  const timer = setTimeout(async () => {
    held.delete(timer)
    try {
      const headers = new Headers()
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
      const answer = await mock(new Request(url, { method: req.method, headers }))
      res.writeHead(answer.status, Object.fromEntries(answer.headers))
      res.end(Buffer.from(await answer.arrayBuffer()))
    } catch (err) {
      send(res, 500, 'text/plain', String(err))
    }
  }, SERVER_DELAY_MS)
  held.add(timer)
})
function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
}

let browser
const deadline = setTimeout(() => {
  console.error(`first-render: deadline of ${DEADLINE_MS / 1000} s reached, closing`)
  void shutdown().then(() => process.exit(1))
}, DEADLINE_MS)
async function shutdown() {
  for (const t of held) clearTimeout(t)
  held.clear()
  await browser?.close().catch(() => {})
  mock.close()
  server.closeAllConnections?.()
  await new Promise((r) => server.close(() => r()))
  clearTimeout(deadline)
}

const rows = []
try {
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r()))
  const base = `http://127.0.0.1:${server.address().port}`
  browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ['--headless', ...CHROMIUM_ARGS],
  })
  const context = await browser.newContext()
  const page = await context.newPage()

  /** One page load; resolves with the probe once both right branches are on screen. */
  const load = async (persist) => {
    await page.goto(`${base}/?persist=${persist ? 1 : 0}`, { waitUntil: 'commit', timeout: 15_000 })
    await page.waitForFunction(() => window.__bench?.correctAt != null, null, { timeout: 15_000 })
    return page.evaluate(() => window.__bench)
  }

  // Seed the persisted snapshot once (a first visit waits for the slow server), then measure reloads.
  await load(true)
  const stored = await page.evaluate(() => Object.keys(localStorage).length)
  if (!stored) throw new Error('the persisted variant stored nothing in localStorage after its first load')

  const samples = { persisted: [], none: [] }
  for (let i = 0; i < RELOADS; i++) {
    // Alternate the variants so drift hits both alike.
    for (const variant of i % 2 ? ['none', 'persisted'] : ['persisted', 'none']) {
      samples[variant].push(await load(variant === 'persisted'))
    }
  }
  for (const [variant, label] of [
    ['persisted', 'Entitle, persist: localStorage (default in browsers)'],
    ['none', 'Entitle, persist: false'],
  ]) {
    const s = samples[variant]
    rows.push({
      case: label,
      correctMs: Math.round(median(s.map((p) => p.correctAt))),
      firstCommitMs: Math.round(median(s.map((p) => p.firstCommitAt))),
      wrongBranchFlashes: s.reduce((n, p) => n + p.wrong.length, 0),
      firstBranches: [...new Set(s[0].mounts.map((m) => m.branch))].join(' → '),
      reloads: s.length,
    })
  }
} catch (err) {
  rows.push({
    case: 'first render in Chromium',
    error: (err instanceof Error ? err.message : String(err)).split('\n')[0],
  })
} finally {
  await shutdown()
}

console.log(
  `time to a correct first render after reload — Chromium, server answers after ${SERVER_DELAY_MS} ms, median of ${RELOADS} reload(s)`,
)
for (const r of rows)
  console.log(
    r.error
      ? `  ${r.case}: ERROR ${r.error}`
      : `  ${r.case.padEnd(54)} correct at ${String(r.correctMs).padStart(5)} ms  (first commit ${r.firstCommitMs} ms; wrong-branch flashes: ${r.wrongBranchFlashes}; ${r.firstBranches})`,
  )
if (args.includes('--json')) console.log(JSON.stringify({ section: 'first-render', rows }))
process.exit(rows.some((r) => r.error) ? 1 : 0)
