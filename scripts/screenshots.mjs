#!/usr/bin/env node
// A screenshot of every Storybook story, in Chromium, into ./screenshots/ (git-ignored).
//   node scripts/screenshots.mjs            build Storybook, then shoot every story
//   node scripts/screenshots.mjs --no-build reuse ./storybook-static
//   node scripts/screenshots.mjs Paywall    only stories whose id contains "paywall"
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium. Storybook is served by a tiny static server on 127.0.0.1.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium.mjs'

const root = join(import.meta.dirname, '..')
const staticDir = join(root, 'storybook-static')
const outDir = join(root, 'screenshots')
const args = process.argv.slice(2)
const filter = args.find((a) => !a.startsWith('--'))?.toLowerCase()

if (!args.includes('--no-build') || !existsSync(join(staticDir, 'index.json'))) {
  console.log('building Storybook…')
  const res = spawnSync('pnpm', ['exec', 'storybook', 'build', '--quiet', '--output-dir', staticDir], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
  let file = join(staticDir, path)
  if (!file.startsWith(staticDir + sep) && file !== staticDir) {
    res.writeHead(403).end()
    return
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
  if (!existsSync(file)) {
    res.writeHead(404).end()
    return
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
  res.end(readFileSync(file))
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
const address = server.address()
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

const index = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8'))
const stories = Object.values(index.entries).filter(
  (e) => e.type === 'story' && (!filter || e.id.includes(filter)),
)

rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })
// Playwright gives every launch a fresh temporary profile (the --user-data-dir TOOLCHAIN.md asks for).
const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  headless: true,
  args: [...CHROMIUM_ARGS],
})
let failed = 0
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 640 }, reducedMotion: 'reduce' })
  page.on('pageerror', (err) => console.error(`  page error: ${err.message}`))
  for (const story of stories) {
    const url = `${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`
    try {
      await page.goto(url, { waitUntil: 'load' })
      // Wait until the story has rendered AND its play function (which may open a dialog) has run.
      await page.waitForFunction(
        () => {
          if (document.body.classList.contains('sb-show-errordisplay')) return true
          const render = window.__STORYBOOK_PREVIEW__?.currentRender
          return ['completed', 'finished', 'errored', 'aborted'].includes(render?.phase)
        },
        undefined,
        { timeout: 15_000 },
      )
      await page.evaluate(() => document.fonts.ready)
      const errored = await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))
      if (errored) {
        failed++
        console.error(`✗ ${story.id}: the story threw (see its screenshot)`)
      }
      await page.screenshot({ path: join(outDir, `${story.id}.png`), fullPage: true })
      if (!errored) console.log(`✓ ${story.id}`)
    } catch (err) {
      failed++
      console.error(`✗ ${story.id}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
    }
  }
} finally {
  await browser.close()
  server.close()
}
console.log(`${stories.length - failed} of ${stories.length} stories captured into ${outDir}`)
process.exit(failed ? 1 : 0)
