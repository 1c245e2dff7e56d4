#!/usr/bin/env node
// The two README commands land here: `npm start` (demo) and `npm test` (every check).
// On a fresh machine with only Node >= 20 and npm, this installs what the workspace needs:
// pnpm (globally, or into ./.tools when a global install is not allowed), the workspace
// dependencies, and for tests a Chromium and a PostgreSQL server (found on the machine, else
// installed with apt-get).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const PNPM_VERSION = '12.21.0'
const mode = process.argv[2] ?? 'test'

const log = (msg) => console.log(`[entitle] ${msg}`)

function works(cmd, args = ['--version']) {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function run(cmd, args, env = process.env) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env })
  if (res.status !== 0) {
    process.exit(res.status ?? 1)
  }
}

function ensurePnpm() {
  if (works('pnpm')) return 'pnpm'
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm')
  if (existsSync(local)) return local
  log(`pnpm not found: installing pnpm@${PNPM_VERSION} with npm (global)…`)
  if (
    spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' }).status === 0 &&
    works('pnpm')
  ) {
    return 'pnpm'
  }
  log('global install not possible: installing pnpm into ./.tools instead…')
  run('npm', ['install', '--no-save', '--prefix', join(root, '.tools'), `pnpm@${PNPM_VERSION}`])
  return local
}

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
]

function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p))
}

function ensureChromium() {
  const found = findChromium()
  if (found) {
    log(`using Chromium at ${found}`)
    return found
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (works('apt-get', ['--version'])) {
    const sudo = isRoot ? [] : ['sudo', '-n']
    log("no Chromium found: installing Debian's chromium package with apt-get…")
    const cmd = (args) =>
      sudo.length
        ? spawnSync(sudo[0], [...sudo.slice(1), ...args], { stdio: 'inherit' })
        : spawnSync(args[0], args.slice(1), { stdio: 'inherit' })
    cmd(['apt-get', 'update'])
    const res = cmd(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'])
    const installed = findChromium()
    if (res.status === 0 && installed) return installed
  }
  console.error(
    '[entitle] Browser tests need Chromium. Install it (Debian/Ubuntu: `apt-get install chromium`) or set CHROMIUM_PATH to a Chrome/Chromium binary, then run this again.',
  )
  process.exit(1)
}

const pnpm = ensurePnpm()
log(`installing workspace dependencies with ${pnpm === 'pnpm' ? 'pnpm' : local(pnpm)}…`)
run(pnpm, ['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])])

function local(p) {
  return p.replace(root, '.')
}

if (mode === 'test') {
  const chromium = ensureChromium()
  // The server's tests run against a real PostgreSQL server (a throwaway cluster the tests start).
  const { ensurePostgres } = await import('./postgres.mjs')
  try {
    log(`using PostgreSQL binaries in ${ensurePostgres()}`)
  } catch (error) {
    console.error(`[entitle] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
  run(pnpm, ['run', 'test:all'], {
    ...process.env,
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  })
} else if (mode === 'demo') {
  run(pnpm, ['run', 'demo'])
} else {
  console.error(`[entitle] unknown mode "${mode}" (expected "test" or "demo")`)
  process.exit(2)
}
