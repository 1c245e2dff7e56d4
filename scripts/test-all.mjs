#!/usr/bin/env node
// Every check the project has, in dependency order. Run by `npm test` (via bootstrap.mjs) and .ci/run.
// Each step runs even when an earlier one failed (so one run shows every failure), except that
// steps needing built packages are skipped when the build failed. Exit code is non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** @type {{ name: string, cmd: string[], needsBuild?: boolean, report?: string, quiet?: boolean, env?: () => Promise<Record<string, string>> }[]} */
const steps = [
  { name: 'lint (biome)', cmd: ['pnpm', 'exec', 'biome', 'check', '.'] },
  // Only eslint-plugin-react-hooks' `recommended` rules (the React compiler's), on the library, the
  // demo and the README's Quick start; biome is the linter for everything else.
  { name: 'lint (React compiler rules, eslint)', cmd: ['pnpm', 'run', '--silent', 'lint:react'] },
  // Every relative link of every Markdown file resolves in a clone (files in git, headings present).
  { name: 'Markdown links', cmd: ['node', 'scripts/check-links.mjs'] },
  { name: 'build (tsc -b)', cmd: ['pnpm', 'run', 'build'] },
  { name: 'typecheck (tests, stories)', cmd: ['pnpm', 'exec', 'tsc', '-p', 'tsconfig.check.json'] },
  // The demo is its own program, checked against the built declarations like a user's app.
  {
    name: 'typecheck (demo app)',
    cmd: ['pnpm', 'exec', 'tsc', '-p', 'apps/demo/tsconfig.json'],
    needsBuild: true,
  },
  // The Next.js example too: strict, against the built declarations (`next build` skips its own check).
  {
    name: 'typecheck (Next.js example)',
    cmd: ['pnpm', 'exec', 'tsc', '-p', 'apps/next/tsconfig.json'],
    needsBuild: true,
  },
  // The README's code blocks, extracted into apps/quickstart, as a strict app of a user: against the
  // built dist (.d.ts and .js), never the sources.
  {
    name: 'quickstart from README: typecheck (strict, built .d.ts)',
    cmd: ['node', 'scripts/quickstart.mjs', 'typecheck'],
    needsBuild: true,
  },
  {
    name: 'quickstart from README: vite build',
    cmd: ['node', 'scripts/quickstart.mjs', 'build'],
    needsBuild: true,
  },
  {
    name: 'quickstart from README: InviteButton test + app vs mock server (jsdom)',
    cmd: [
      'node',
      'scripts/quickstart.mjs',
      'test',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=../../test-results/quickstart.json',
    ],
    needsBuild: true,
    report: 'test-results/quickstart.json',
  },
  { name: 'publint', cmd: ['node', 'scripts/publint-all.mjs'], needsBuild: true },
  {
    name: 'unit + contract + story tests (vitest)',
    cmd: [
      'pnpm',
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest.json',
    ],
    report: 'test-results/vitest.json',
  },
  // Output only on failure (a successful build prints ~250 lines of bundle statistics).
  {
    name: 'storybook build',
    cmd: ['pnpm', 'exec', 'storybook', 'build', '--quiet', '--output-dir', 'storybook-static'],
    quiet: true,
  },
  {
    name: 'e2e (playwright, chromium)',
    cmd: ['pnpm', '--filter', '@entitle/demo', 'exec', 'playwright', 'test'],
    needsBuild: true,
    env: async () => ({ E2E_APP_PORT: String(await freePort()), E2E_MOCK_PORT: String(await freePort()) }),
    report: 'test-results/e2e.json',
  },
  // The Next.js example, built once, then its Playwright tests against `next start` on a free port.
  {
    name: 'next build (Next.js example)',
    cmd: ['pnpm', '--filter', '@entitle/next-example', 'run', 'build'],
    needsBuild: true,
    env: async () => ({ NEXT_TELEMETRY_DISABLED: '1' }),
  },
  {
    name: 'e2e Next.js example (playwright, chromium)',
    cmd: ['pnpm', '--filter', '@entitle/next-example', 'exec', 'playwright', 'test'],
    needsBuild: true,
    env: async () => ({ NEXT_TELEMETRY_DISABLED: '1', E2E_NEXT_PORT: String(await freePort()) }),
    report: 'test-results/e2e-next.json',
  },
  { name: 'size budgets', cmd: ['node', 'scripts/size.mjs'], needsBuild: true },
  {
    name: 'benchmark (short): evaluate()',
    cmd: ['node', 'packages/core/bench/evaluate.bench.mjs', '--short'],
    needsBuild: true,
  },
  // One round of every `pnpm bench` measurement (no alternatives install): fails only if one breaks.
  {
    name: 'benchmarks (short): pnpm bench --short',
    cmd: ['node', 'bench/run.mjs', '--short'],
    needsBuild: true,
  },
]

// One throwaway PostgreSQL cluster for every step that needs one (server tests, the multi-instance
// test, the server benchmark), stopped at the end whatever happens.
const { startPostgres } = await import('./postgres.mjs')
const postgres = await startPostgres()
process.env.ENTITLE_TEST_DATABASE_URL = postgres.url
process.env.ENTITLE_BENCH_DATABASE_URL = postgres.url
const stopPostgres = () => postgres.stop()
process.on('exit', stopPostgres)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopPostgres()
    process.exit(130)
  })
}

const results = []
let buildFailed = false
const tests = { passed: 0, failed: 0 }
rmSync(join(root, 'test-results'), { recursive: true, force: true })
for (const step of steps) {
  if (step.needsBuild && buildFailed) {
    results.push({ name: step.name, status: 'skipped (build failed)', ms: 0 })
    continue
  }
  console.log(`\n━━ ${step.name} ━━ ${step.cmd.join(' ')}`)
  const started = Date.now()
  const env = { ...process.env, ...(step.env ? await step.env() : {}) }
  const res = spawnSync(step.cmd[0], step.cmd.slice(1), {
    cwd: root,
    stdio: step.quiet ? 'pipe' : 'inherit',
    env,
    maxBuffer: 64 * 1024 * 1024,
  })
  const ok = res.status === 0
  if (step.quiet && !ok) process.stdout.write(`${res.stdout ?? ''}${res.stderr ?? ''}`)
  if (!ok && step.name.startsWith('build')) buildFailed = true
  results.push({ name: step.name, status: ok ? 'passed' : 'FAILED', ms: Date.now() - started })
  if (step.report) countTests(join(root, step.report))
}

/** A port that is free right now on 127.0.0.1 (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

// Vitest's JSON report (and Playwright's, same field names) gives the test counts for the closing line.
function countTests(file) {
  if (!existsSync(file)) return
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'))
    tests.passed += r.numPassedTests ?? r.stats?.expected ?? 0
    tests.failed += r.numFailedTests ?? r.stats?.unexpected ?? 0
  } catch {
    // a missing or partial report leaves the counts as they are; the step's exit code still counts
  }
}

console.log('\n━━ summary ━━')
for (const r of results)
  console.log(`${r.status.padEnd(22)} ${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.name}`)
const failed = results.filter((r) => r.status !== 'passed').length
console.log(`checks: ${results.length - failed} passed, ${failed} failed`)
console.log(`tests: ${tests.passed} passed, ${tests.failed} failed`)
process.exit(failed ? 1 : 0)
