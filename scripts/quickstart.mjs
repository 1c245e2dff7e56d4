#!/usr/bin/env node
// The README's code, proven: every ```ts / ```tsx block of README.md starts with a `// <path>` comment
// and is written to apps/quickstart/<path> (git-ignored: the README is the only copy). Then, against
// the BUILT packages (dist, as a user installs them; run `pnpm run build` first):
//   node scripts/quickstart.mjs extract     write the files only
//   node scripts/quickstart.mjs typecheck   strict tsc of the app (errors point at README.md lines too)
//   node scripts/quickstart.mjs build       vite build
//   node scripts/quickstart.mjs test [...]  vitest run (jsdom), the README's InviteButton test; extra args to vitest
//   node scripts/quickstart.mjs             all three
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const app = join(root, 'apps', 'quickstart')
const readme = join(root, 'README.md')
/** Where README blocks may write (git-ignored); the rest of the app is committed scaffold. */
const writable = (path) => path.startsWith('src/') || path === 'vite.config.ts'
/** The files written last time, removed before writing again (a block deleted from the README goes too). */
const manifest = join(app, '.extracted.json')

/**
 * The README's ts/tsx blocks as `{ path, line, code }` (`line`: README line of the block's first code
 * line). Fails on a block without a `// path` first line: every block a reader copies must compile.
 */
export function readmeBlocks(text, file = 'README.md') {
  const blocks = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i])
    if (!open) continue
    let end = i + 1
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++
    if (['ts', 'tsx'].includes(open[1])) {
      const first = lines[i + 1] ?? ''
      const path = /^\/\/ ([\w./-]+\.(?:tsx?|css))(?:\s|$)/.exec(first)?.[1]
      if (!path)
        throw new Error(
          `${file}:${i + 2}: a \`\`\`${open[1]} block must start with a "// src/<file>" comment naming where it goes in the app (found: ${JSON.stringify(first)})`,
        )
      const clean = normalize(path)
      if (!writable(clean))
        throw new Error(`${file}:${i + 2}: "${path}": a block may write src/… or vite.config.ts only`)
      if (blocks.some((b) => b.path === clean))
        throw new Error(`${file}:${i + 2}: "${path}" is written by two blocks`)
      blocks.push({ path: clean, line: i + 2, code: `${lines.slice(i + 1, end).join('\n')}\n` })
    }
    i = end
  }
  if (blocks.length === 0) throw new Error(`${file}: no ts/tsx code blocks found`)
  return blocks
}

function extract() {
  const blocks = readmeBlocks(readFileSync(readme, 'utf8'))
  if (existsSync(manifest)) {
    for (const path of JSON.parse(readFileSync(manifest, 'utf8'))) rmSync(join(app, path), { force: true })
  }
  for (const { path, code } of blocks) {
    mkdirSync(dirname(join(app, path)), { recursive: true })
    writeFileSync(join(app, path), code)
  }
  writeFileSync(manifest, `${JSON.stringify(blocks.map((b) => b.path))}\n`)
  console.log(`quickstart: ${blocks.length} files from README.md → ${relative(root, app)}/`)
  return blocks
}

/** Runs a binary of the app's own node_modules in the app's folder; returns its exit status. */
function run(args, { mapTo } = {}) {
  const res = spawnSync('pnpm', ['exec', ...args], {
    cwd: app,
    stdio: mapTo ? ['inherit', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
  })
  if (mapTo) process.stdout.write(pointAtReadme(`${res.stdout}${res.stderr}`, mapTo))
  return res.status ?? 1
}

/** `src/App.tsx(12,5): error …` → the same, plus `(README.md:140)`, where the reader can fix it. */
function pointAtReadme(output, blocks) {
  return output.replace(/^([\w./-]+)\((\d+),\d+\)/gm, (all, path, line) => {
    const block = blocks.find((b) => b.path === normalize(path))
    return block ? `${all}  (README.md:${block.line + Number(line) - 1})` : all
  })
}

const steps = {
  typecheck: (blocks) => run(['tsc', '-p', 'tsconfig.json', '--pretty', 'false'], { mapTo: blocks }),
  build: () => run(['vite', 'build', '--logLevel', 'warn']),
  test: (_, extra) => run(['vitest', 'run', ...extra]),
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2] ?? 'all'
  if (mode !== 'all' && mode !== 'extract' && !(mode in steps)) {
    console.error(`usage: node scripts/quickstart.mjs [extract|typecheck|build|test]`)
    process.exit(2)
  }
  let blocks
  try {
    blocks = extract()
  } catch (error) {
    console.error(`quickstart: ${error.message}`)
    process.exit(1)
  }
  const chosen = mode === 'all' ? Object.keys(steps) : mode === 'extract' ? [] : [mode]
  let failed = 0
  // Arguments after the mode go to the tool (e.g. vitest reporters).
  const extra = process.argv.slice(3)
  for (const name of chosen) if (steps[name](blocks, extra) !== 0) failed++
  process.exit(failed ? 1 : 0)
}
