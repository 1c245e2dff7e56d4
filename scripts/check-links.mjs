#!/usr/bin/env node
// Every relative link in every Markdown file of the repository resolves in a clone: the target file
// (or folder) is in git (tracked, or new and not ignored: it will be once committed), and a
// `#fragment` into a Markdown file names one of its headings. Links outside the repository
// (`../shared/…` from the root), to ignored files (dist/, build output) or to a missing heading fail.
// External links (https:, mailto:) are not fetched. Usage: node scripts/check-links.mjs
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Files a clone has: tracked, plus new files that are not ignored. */
function repoFiles(root) {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const files = new Set(out.split('\0').filter(Boolean))
  const folders = new Set([''])
  for (const file of files) {
    for (let d = dirname(file); d !== '.' && !folders.has(d); d = dirname(d)) folders.add(d)
  }
  return { files, folders }
}

/** Markdown without its fenced and inline code, where link-like text is not a link. */
function withoutCode(text) {
  return text
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length))
}

/** `[text](target)`, `![alt](target "title")`, `[ref]: target`, and `href`/`src` attributes. */
export function linksOf(text) {
  const prose = withoutCode(text)
  const links = []
  const add = (target, index) => links.push({ target, line: prose.slice(0, index).split('\n').length })
  for (const m of prose.matchAll(/!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) add(m[1], m.index)
  for (const m of prose.matchAll(/^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) add(m[1], m.index)
  for (const m of prose.matchAll(/\b(?:href|src)="([^"]+)"/g)) add(m[1], m.index)
  return links
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(text) {
  const anchors = new Set()
  const seen = new Map()
  for (const m of withoutCode(text.replace(/`([^`\n]*)`/g, '$1')).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const heading = m[1].replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '')
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const n = seen.get(slug) ?? 0
    seen.set(slug, n + 1)
    anchors.add(n === 0 ? slug : `${slug}-${n}`)
  }
  return anchors
}

/** The broken links of the repository at `root` as "file:line: target → why", and how many were checked. */
export function checkLinks(root) {
  const { files, folders } = repoFiles(root)
  const markdown = [...files].filter((f) => f.endsWith('.md'))
  const anchorCache = new Map()
  const anchors = (file) => {
    if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(readFileSync(join(root, file), 'utf8')))
    return anchorCache.get(file)
  }
  const problems = []
  let count = 0
  for (const file of markdown) {
    const text = readFileSync(join(root, file), 'utf8')
    for (const { target, line } of linksOf(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue // external
      count++
      const [rawPath, fragment] = target.split('#', 2)
      const path = decodeURIComponent(rawPath ?? '')
      const resolved = path === '' ? file : normalize(join(dirname(file), path)).replace(/\/$/, '')
      const where = `${file}:${line}: ${target}`
      if (resolved.startsWith('..') || relative(root, join(root, resolved)).startsWith('..')) {
        problems.push(`${where} → outside the repository`)
      } else if (!files.has(resolved) && !folders.has(resolved === '.' ? '' : resolved)) {
        problems.push(`${where} → no such file in the repository (ignored or missing)`)
      } else if (fragment && resolved.endsWith('.md') && !anchors(resolved).has(fragment)) {
        problems.push(`${where} → ${resolved} has no heading #${fragment}`)
      }
    }
  }
  return { problems, links: count, files: markdown.length }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const { problems, links, files } = checkLinks(root)
  for (const p of problems) console.error(p)
  console.log(`links: ${links} relative links in ${files} Markdown files, ${problems.length} broken`)
  process.exit(problems.length === 0 ? 0 : 1)
}
