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
