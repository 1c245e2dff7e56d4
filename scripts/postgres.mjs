// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's PostgreSQL server binaries (the
// bootstrap installs the `postgresql` package when they are missing, as it does Chromium), a fresh
// data directory, a free loopback port, trust auth for one user. `stop()` ends it and deletes it.
//
//   import { startPostgres } from './scripts/postgres.mjs'
//   const pg = await startPostgres()   // { url: 'postgres://entitle@127.0.0.1:PORT/entitle', stop() }
//
// As a command: `node scripts/postgres.mjs` starts one, prints its URL and stops it on Ctrl-C.
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const log = (message) => console.log(`[postgres] ${message}`)

/** The directory of `initdb`/`pg_ctl`/`postgres`, newest major version first, or undefined. */
export function findPostgresBin() {
  if (process.env.POSTGRES_BIN && existsSync(join(process.env.POSTGRES_BIN, 'pg_ctl')))
    return process.env.POSTGRES_BIN
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return join(root, versions[0], 'bin')
  }
  for (const dir of ['/usr/local/pgsql/bin', '/usr/local/bin', '/usr/bin']) {
    if (existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) return dir
  }
  return undefined
}

/** Finds the server binaries, installing Debian's `postgresql` package when they are missing. */
export function ensurePostgres() {
  const found = findPostgresBin()
  if (found) return found
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const aptWorks = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
  if (aptWorks) {
    log("no PostgreSQL server found: installing Debian's postgresql package with apt-get…")
    const sudo = isRoot ? [] : ['sudo', '-n']
    const run = (args) => {
      const [cmd, ...rest] = [...sudo, ...args]
      return spawnSync(cmd, rest, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      })
    }
    run(['apt-get', 'update'])
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'postgresql'])
    const installed = findPostgresBin()
    if (installed) return installed
  }
  throw new Error(
    'Tests need a PostgreSQL server (15 or newer). Install it (Debian/Ubuntu: `apt-get install postgresql`) or set POSTGRES_BIN to the directory of pg_ctl, then run this again.',
  )
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts a fresh cluster. PostgreSQL refuses to run as root, so as root the cluster belongs to the
 * `postgres` system user (which the Debian package creates) and its commands run through runuser.
 */
export async function startPostgres({ quiet = false } = {}) {
  const bin = ensurePostgres()
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const dir = mkdtempSync(join(tmpdir(), 'entitle-pg-'))
  const data = join(dir, 'data')
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(dir, uid, gid)
  }
  const as = (cmd, args) =>
    isRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args]
  const run = (cmd, args) => {
    const [file, argv] = as(cmd, args)
    const result = spawnSync(file, argv, {
      stdio: quiet ? 'pipe' : ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    })
    if (result.status !== 0) {
      throw new Error(`${cmd} failed (${result.status}): ${result.stderr ?? ''}${result.stdout ?? ''}`)
    }
  }
  const port = await freePort()
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'entitle', '--no-sync', '-E', 'UTF8'])
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'postgres.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    '-w',
    'start',
  ])
  // The default database is named after the user; create it so URLs need no database juggling.
  const [psqlFile, psqlArgs] = as('psql', [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'entitle',
    '-d',
    'postgres',
    '-c',
    'CREATE DATABASE entitle',
  ])
  spawnSync(psqlFile, psqlArgs, { stdio: 'pipe' })
  const url = `postgres://entitle@127.0.0.1:${port}/entitle`
  if (!quiet) log(`started ${url} (data in ${data})`)
  let stopped = false
  return {
    url,
    port,
    stop() {
      if (stopped) return
      stopped = true
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pg = await startPostgres()
  console.log(pg.url)
  const stop = () => {
    pg.stop()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  setInterval(() => {}, 1 << 30)
}
