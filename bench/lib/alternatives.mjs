// The alternatives we compare against, installed at run time into a temporary folder (never into the
// workspace, never committed). Versions are pinned so a rerun measures the same code; `--latest`
// (or BENCH_ALTERNATIVES_LATEST=1) installs whatever the registry has today instead.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** name → pinned version (the versions the README's table was measured with). */
export const ALTERNATIVE_PACKAGES = {
  '@stigg/react-sdk': '5.28.2',
  '@stigg/js-client-sdk': '3.35.0',
  '@schematichq/schematic-react': '1.8.0',
  '@schematichq/schematic-js': '1.8.0',
  '@schematichq/schematic-components': '2.21.0',
  'autumn-js': '1.3.13',
}

const INSTALL_TIMEOUT_MS = 6 * 60_000

/**
 * Installs the alternatives into `dir` (a fresh temporary folder by default). Resolves to
 * `{ dir, ok, versions, error?, ms }`; never rejects: a failed install is a result to report.
 * One `npm install` for all of them (one resolution, one download pass); if it fails, each package
 * is retried on its own so one broken package does not hide the others.
 */
export async function installAlternatives({ dir, latest = false, log = () => {} } = {}) {
  const target = dir ?? mkdtempSync(join(tmpdir(), 'entitle-bench-alternatives-'))
  mkdirSync(target, { recursive: true })
  if (!existsSync(join(target, 'package.json')))
    writeFileSync(join(target, 'package.json'), '{ "private": true }\n')
  const specs = Object.entries(ALTERNATIVE_PACKAGES).map(([name, v]) => (latest ? name : `${name}@${v}`))
  const started = Date.now()
  log(`installing ${specs.join(' ')} into ${target} (npm registry)…`)
  let res = await npmInstall(target, specs)
  const errors = {}
  if (res.code !== 0) {
    log(`one install of all failed (${lastLine(res.output)}); retrying package by package`)
    for (const spec of specs) {
      const one = await npmInstall(target, [spec])
      if (one.code !== 0) errors[spec.replace(/@[^@/]*$/, '') || spec] = lastLine(one.output)
    }
    res = { code: 0 }
  }
  const versions = {}
  for (const name of Object.keys(ALTERNATIVE_PACKAGES)) {
    const pkg = join(target, 'node_modules', name, 'package.json')
    if (existsSync(pkg)) versions[name] = JSON.parse(readFileSync(pkg, 'utf8')).version
    else errors[name] ??= 'not installed'
  }
  return { dir: target, versions, errors, ms: Date.now() - started }
}

/** Why a package is unavailable, or undefined when it is installed. */
export function unavailable(alt, name) {
  if (!alt) return 'alternatives not installed (--short, or --no-alternatives)'
  if (alt.versions[name]) return undefined
  return `install failed: ${alt.errors[name] ?? 'not installed'}`
}

export function removeAlternatives(alt) {
  if (alt?.dir?.startsWith(tmpdir())) rmSync(alt.dir, { recursive: true, force: true })
}

function npmInstall(prefix, specs) {
  return new Promise((resolve) => {
    const child = spawn(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--loglevel=error',
        ...specs,
      ],
      {
        cwd: prefix,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, npm_config_update_notifier: 'false' },
      },
    )
    let output = ''
    child.stdout.on('data', (d) => {
      output += d
    })
    child.stderr.on('data', (d) => {
      output += d
    })
    const timer = setTimeout(() => {
      output += `\ntimed out after ${INSTALL_TIMEOUT_MS / 1000} s`
      child.kill('SIGTERM')
    }, INSTALL_TIMEOUT_MS)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? 1, output })
    })
    child.on('error', (err) => {
      clearTimeout(timer)
      resolve({ code: 1, output: String(err) })
    })
  })
}

function lastLine(text) {
  const lines = String(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^npm warn/i.test(l))
  return (lines.at(-1) ?? 'unknown error').slice(0, 200)
}
