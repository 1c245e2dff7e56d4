// @vitest-environment node
// Bundle-level guarantees that unit tests cannot see: what a production build of @entitle/react keeps.
// (esbuild runs in Node: under jsdom its TextEncoder/Uint8Array check fails.)
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { describe, expect, it } from 'vitest'

const bundle = async (NODE_ENV: string) => {
  const out = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    write: false,
    // The React layer alone: core has its own bundle test; the rest is the app's.
    external: ['react', 'react-dom', 'react/*', '@tanstack/*', 'zustand', 'zustand/*', '@entitle/core'],
    loader: { '.css': 'empty' },
    define: { 'process.env.NODE_ENV': JSON.stringify(NODE_ENV) },
    logLevel: 'silent',
  })
  return out.outputFiles.map((file) => file.text).join('\n')
}

// Fragments of each development warning's message.
const warnings = [
  "differs from the client's cache", // <EntitlementsProvider queryClient>
  'without <EntitlementsProvider resolveFlag>', // useAccess({ flag })
  'without <EntitlementsProvider hasPermission>', // useAccess({ permission })
  'it shadows useEntitlements()', // helpers named like a built-in
  'must be inside <UsageMeter.Root>', // a part outside its root
  'must be inside <Paywall.Root>',
  'must be inside <Paywall.Offer>',
  'must be inside <LimitBanner.Root>',
]

const require = createRequire(import.meta.url)

describe('production bundle', () => {
  // Compared as lists, so a failure names the fragments instead of printing the whole bundle.
  it('drops the development warnings and their messages', async () => {
    const production = await bundle('production')
    expect([...warnings, 'console.warn'].filter((text) => production.includes(text))).toEqual([])
  })

  it('keeps them in development builds', async () => {
    const development = await bundle('development')
    expect(warnings.filter((text) => development.includes(text))).toEqual(warnings)
  })
})

describe('@entitle/react/devtools', () => {
  const devtools = async (NODE_ENV: string) => {
    const out = await build({
      entryPoints: [new URL('../src/devtools/index.ts', import.meta.url).pathname],
      bundle: true,
      minify: true,
      splitting: true,
      format: 'esm',
      outdir: '/devtools-out',
      platform: 'browser',
      jsx: 'automatic',
      write: false,
      external: ['react', 'react-dom', 'react/*', '@tanstack/*', 'zustand', 'zustand/*', '@entitle/*'],
      define: { 'process.env.NODE_ENV': JSON.stringify(NODE_ENV) },
      logLevel: 'silent',
    })
    return out.outputFiles.map((file) => file.text)
  }

  it('ships no panel in production builds: one small file, none of its code or text', async () => {
    const files = await devtools('production')
    expect(files).toHaveLength(1)
    expect(files.join('\n')).not.toContain('Entitlements devtools')
    expect(files.join('\n')).not.toContain('entitle-devtools')
  })

  it('in development, loads the panel as a separate chunk', async () => {
    const files = await devtools('development')
    expect(files.length).toBeGreaterThan(1)
    expect(files.filter((f) => f.includes('Entitlements devtools'))).toHaveLength(1)
  })
})

// A development build without `process` (Vite's dev server defines NODE_ENV in a browser, which has
// no `process`), and an unbundled runtime with neither (an edge worker, a CDN import).
const reactProductionFiles: Plugin = {
  name: 'react-production-files',
  setup(builder) {
    const cjs = (pkg: string, file: string) =>
      join(dirname(require.resolve(`${pkg}/package.json`)), 'cjs', file)
    const files: Record<string, string> = {
      react: cjs('react', 'react.production.js'),
      'react-dom': cjs('react-dom', 'react-dom.production.js'),
      'react-dom/server-legacy': cjs('react-dom', 'react-dom-server-legacy.browser.production.js'),
    }
    builder.onResolve({ filter: /^react(-dom)?(\/server-legacy)?$/ }, (args) => ({ path: files[args.path]! }))
  },
}

describe('where no process exists', () => {
  const meterModule = async (define: Record<string, string>) => {
    const src = (path: string) => JSON.stringify(new URL(`../src/${path}`, import.meta.url).pathname)
    const out = await build({
      stdin: {
        contents: `import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server-legacy'
import { useMeter } from ${src('components/meter/meterContext.ts')}
export { devWarn } from ${src('dev.ts')}
function Label() { useMeter('UsageMeter.Label'); return createElement('span', null, 'label') }
export const renderLabelAlone = () => renderToStaticMarkup(createElement(Label))`,
        resolveDir: new URL('.', import.meta.url).pathname,
        loader: 'tsx',
      },
      bundle: true,
      format: 'iife',
      globalName: 'entitle',
      // Not 'browser': esbuild would define NODE_ENV itself there, and the unbundled case is one where nobody does.
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['browser'],
      write: false,
      define,
      // React's own entry files choose their build by `process.env.NODE_ENV`; without a define they
      // would throw before our code runs. React's production files (what a CDN's ESM build of React
      // is) read no `process`, so only our code meets the missing `process`.
      plugins: [reactProductionFiles],
      logLevel: 'silent',
    })
    // Run with `process` shadowed as undefined: reading it throws, as where none exists.
    const warnings: string[] = []
    const fakeConsole = { warn: (message: string) => warnings.push(message), error: () => {} }
    const exports = new Function('console', 'process', `${out.outputFiles[0]!.text}\nreturn entitle`)(
      fakeConsole,
      undefined,
    ) as { devWarn: (message: string) => void; renderLabelAlone: () => string }
    return { ...exports, warnings }
  }

  it('a development build (NODE_ENV defined, no process) warns and says a part is outside its root', async () => {
    const dev = await meterModule({ 'process.env.NODE_ENV': '"development"' })
    dev.devWarn('a warning')
    expect(dev.warnings).toEqual(['[entitle] a warning'])
    expect(() => dev.renderLabelAlone()).toThrow(
      '[entitle] <UsageMeter.Label> must be inside <UsageMeter.Root>.',
    )
  })

  it('unbundled (no define, no process) nothing throws and nothing warns', async () => {
    const bare = await meterModule({})
    bare.devWarn('a warning')
    expect(bare.warnings).toEqual([])
    expect(bare.renderLabelAlone()).toBe('<span>label</span>')
  })
})
