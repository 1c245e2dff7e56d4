// Bundle-level guarantees that unit tests cannot see: what a production build of the client keeps.
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const bundle = async (NODE_ENV: string) => {
  const out = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external: ['@tanstack/query-core'],
    define: { 'process.env.NODE_ENV': JSON.stringify(NODE_ENV) },
    logLevel: 'silent',
  })
  return out.outputFiles[0]!.text
}

// Fragments of each development warning's message.
const warnings = [
  'which this version of @entitle/core does not know',
  'Unknown feature',
  'initialSnapshot ignored',
  "matching it (the mock server's",
]

describe('production bundle', () => {
  it('drops the development warnings and their messages', async () => {
    const production = await bundle('production')
    for (const text of warnings) expect(production).not.toContain(text)
  })

  it('keeps them in development builds', async () => {
    const development = await bundle('development')
    for (const text of warnings) expect(development).toContain(text)
  })
})

// The evaluate entry, bundled as an app bundler would, then run where no `process` global exists
// (a browser): the warning must fire in a development build (Vite's dev server defines NODE_ENV but
// no `process`) and nothing may throw in an unbundled one.
const evaluateModule = async (define: Record<string, string>) => {
  const out = await build({
    stdin: {
      contents: `export { evaluate, featureInfoFromCatalog } from ${JSON.stringify(new URL('../src/evaluate.ts', import.meta.url).pathname)}`,
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'entitle',
    // Not 'browser': esbuild would define NODE_ENV itself there, and the unbundled case is one where nobody does.
    platform: 'neutral',
    write: false,
    define,
    logLevel: 'silent',
  })
  return out.outputFiles[0]!.text
}

/**
 * Runs the bundle with `process` shadowed as `undefined` (reading it throws, as where no `process`
 * exists) and checks `ghost`, a feature the catalog does not know.
 */
function runWithoutProcess(code: string): { warnings: string[]; reason: string } {
  const warnings: string[] = []
  const fakeConsole = { warn: (message: string) => warnings.push(message) }
  const run = new Function(
    'console',
    'process',
    `${code}\nconst features = entitle.featureInfoFromCatalog({ features: [{ id: 'seats', name: 'Seats', kind: 'metered' }], plans: [], addons: [] })\nreturn entitle.evaluate({ customerId: 'a', environment: 't', version: 1, generatedAt: '2026-01-01T00:00:00.000Z', plan: null, trialEndsAt: null, entitlements: {} }, 'ghost', { features }).reason`,
  ) as (console: unknown, process: undefined) => string
  const reason = run(fakeConsole, undefined)
  return { warnings, reason }
}

describe('development warnings where no process exists', () => {
  it('fire in a development build (Vite dev server: NODE_ENV defined, no process)', async () => {
    const code = await evaluateModule({ 'process.env.NODE_ENV': '"development"' })
    const { warnings: seen, reason } = runWithoutProcess(code)
    expect(reason).toBe('unknown-feature')
    expect(seen.join('\n')).toContain('Unknown feature "ghost"')
  })

  it('never throw unbundled (no define, no process): the check just decides', async () => {
    const code = await evaluateModule({})
    expect(code).toContain('process.env.NODE_ENV')
    const { warnings: seen, reason } = runWithoutProcess(code)
    expect(reason).toBe('unknown-feature')
    expect(seen).toEqual([])
  })
})
