// @vitest-environment node
// Bundle-level guarantees that unit tests cannot see: what a production build of @entitle/react keeps.
// (esbuild runs in Node: under jsdom its TextEncoder/Uint8Array check fails.)
import { build } from 'esbuild'
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
]

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
