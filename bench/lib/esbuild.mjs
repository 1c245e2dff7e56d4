// Building the bench apps with esbuild the way an app bundler ships them: minified ESM for browsers,
// production mode, React external (every app pays the same React), everything else bundled.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

export const root = join(import.meta.dirname, '..', '..')
export const REACT_EXTERNAL = ['react', 'react/*', 'react-dom', 'react-dom/*']

/**
 * Resolves `@entitle/<pkg>[/sub]` to the BUILT package through its `exports` map (what users install),
 * without needing the packages linked into the root node_modules.
 */
export const entitleFromDist = {
  name: 'entitle-from-dist',
  setup(b) {
    b.onResolve({ filter: /^@entitle\/(core|react|mock-server)(\/.*)?$/ }, (args) => {
      const [, pkg, sub = ''] = /^@entitle\/([^/]+)(\/.*)?$/.exec(args.path)
      const dir = join(root, 'packages', pkg)
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      const entry = manifest.exports?.[`.${sub}`]
      const target = typeof entry === 'string' ? entry : entry?.default
      if (!target) return { errors: [{ text: `@entitle/${pkg} exports no "${`.${sub}`}"` }] }
      return { path: join(dir, target) }
    })
  },
}

const ASSET_LOADERS = Object.fromEntries(
  ['.svg', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.woff', '.woff2', '.ttf', '.eot'].map((e) => [
    e,
    'dataurl',
  ]),
)

/**
 * Bundles one app entry and measures what a first page load downloads: the entry chunk, the chunks it
 * imports statically, and its CSS. Chunks reached only through `import()` are reported as `lazy`.
 * Sizes are per file (each file is compressed on its own, as a server sends them), summed.
 */
export async function measureApp(entry, { nodePaths = [] } = {}) {
  const outdir = join(root, 'bench', '.out')
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    outdir,
    write: false,
    metafile: true,
    external: REACT_EXTERNAL,
    nodePaths,
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: ASSET_LOADERS,
    plugins: [entitleFromDist],
    logLevel: 'silent',
  })
  const files = new Map(result.outputFiles.map((f) => [f.path, Buffer.from(f.contents)]))
  const outputs = result.metafile.outputs
  const abs = (p) => join(root, p)
  const entryOut = Object.keys(outputs).find((p) => outputs[p].entryPoint && p.endsWith('.js'))
  const initial = new Set()
  const visit = (p) => {
    if (initial.has(p)) return
    initial.add(p)
    const out = outputs[p]
    if (out.cssBundle) initial.add(out.cssBundle)
    for (const imp of out.imports ?? []) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path)
  }
  visit(entryOut)
  const sizes = (paths) => {
    const s = { raw: 0, gzip: 0, brotli: 0, files: 0 }
    for (const p of paths) {
      const code = files.get(abs(p))
      if (!code) continue
      s.raw += code.length
      s.gzip += gzipSync(code, { level: 9 }).length
      s.brotli += brotliCompressSync(code).length
      s.files++
    }
    return s
  }
  const lazyPaths = Object.keys(outputs).filter((p) => !initial.has(p) && !p.endsWith('.map'))
  const css = [...initial].filter((p) => p.endsWith('.css'))
  return { initial: sizes(initial), css: sizes(css), lazy: sizes(lazyPaths) }
}
