// The production build of the demo ships no devtools: neither Entitle's panel nor React Query's,
// though the demo's source imports both for development. A real `vite build` of apps/demo.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', 'apps', 'demo')
const outDir = mkdtempSync(join(tmpdir(), 'demo-bundle-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

/** Every file of the build, recursively. */
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  )

describe('the demo production bundle', () => {
  it('contains no devtools code, though the app imports them in development', async () => {
    const app = readFileSync(join(root, 'src', 'App.tsx'), 'utf8')
    expect(app).toContain("import('@entitle/react/devtools')")
    expect(app).toContain("import('@tanstack/react-query-devtools')")

    // As `vite build` runs it (vitest sets NODE_ENV=test, which Vite would build for).
    const nodeEnv = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, reportCompressedSize: false },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv
    })
    const code = files(outDir)
      .filter((f) => /\.(js|css|html)$/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n')
    expect(code.length).toBeGreaterThan(10_000) // a real app was built
    expect(code).toContain('entitle-pricing') // the Billing page's components are in it
    // Fragments of the panels' code and text.
    const devtools = [
      'Entitlements devtools',
      'entitle-devtools',
      'setDevOverrides({',
      'ReactQueryDevtools',
      'tsqd-',
    ]
    expect(devtools.filter((fragment) => code.includes(fragment))).toEqual([])
  }, 180_000)
})
