// CLIs as child processes (the built `entitle-server`, or another package's: the mock server's tests
// use these too), for tests that need real instances.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..')
export const CLI = join(pkg, 'dist', 'cli.js')

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((f) => newestMtime(join(path, f))))
}

/** Builds a package when its dist CLI is older than its sources (the root CI builds first anyway). */
export function ensureBuilt(packageDir = pkg, cli = CLI): void {
  let built = 0
  try {
    built = statSync(cli).mtimeMs
  } catch {}
  if (built < newestMtime(join(packageDir, 'src'))) {
    execFileSync(join(packageDir, '..', '..', 'node_modules', '.bin', 'tsc'), ['-b', packageDir], {
      stdio: 'inherit',
    })
  }
}

export interface Instance {
  child: ChildProcess
  url: string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output(): string
}

const children = new Set<ChildProcess>()

/** Kills every instance still running (afterAll). */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL')
}

/** A CLI run: its process, its output so far, and how it ended. */
export function runCli(cli: string, args: string[], env: Record<string, string> = {}): Omit<Instance, 'url'> {
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  children.add(child)
  let out = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d
  })
  child.stderr?.on('data', (d: Buffer) => {
    out += d
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child)
      resolve({ code, signal })
    })
  })
  return { child, exited, output: () => out }
}

/** Starts a server CLI on a free port and resolves once it prints `listening on <url>`. */
export function startCli(cli: string, args: string[], env: Record<string, string> = {}): Promise<Instance> {
  const run = runCli(cli, ['--port', '0', ...args], env)
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const match = /listening on (http:\/\/\S+)/.exec(run.output())
      if (match?.[1]) {
        run.child.stdout?.off('data', onData)
        resolve({ ...run, url: match[1] })
      }
    }
    run.child.stdout?.on('data', onData)
    run.exited.then(() => reject(new Error(`${cli} exited before listening:\n${run.output()}`)))
  })
}

/** Starts `entitle-server` and resolves once it prints its URL. */
export function startInstance(args: string[], env: Record<string, string> = {}): Promise<Instance> {
  return startCli(CLI, args, env)
}

let databases = 0

/** A fresh database on the cluster at `baseUrl`; `drop()` removes it. */
export async function freshDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  databases += 1
  const name = `entitle_m_${process.pid}_${Date.now().toString(36)}_${databases}`
  const run = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: baseUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await run(`CREATE DATABASE ${name}`)
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return { url: url.href, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}
