// The Markdown link check of npm test, on a throwaway repository: what resolves in a clone passes,
// what does not (outside the repo, ignored, missing, a heading that is not there) is reported.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { anchorsOf, checkLinks, linksOf } from './check-links.mjs'

let repo
function repoWith(files) {
  repo = mkdtempSync(join(tmpdir(), 'links-'))
  execFileSync('git', ['init', '-q'], { cwd: repo })
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true })
    writeFileSync(join(repo, path), text)
  }
  return repo
}
afterEach(() => rmSync(repo, { recursive: true, force: true }))

describe('checkLinks', () => {
  it('passes links to files, folders and headings that a clone has', () => {
    const root = repoWith({
      'README.md':
        '# Entitle\n## From source\nSee [docs](docs/wire-format.md#errors), [the app](apps/demo), [below](#from-source).\n![shot](docs/a.png)\n',
      'docs/wire-format.md': '# Wire\n## Errors\nBack to [the README](../README.md).\n',
      'docs/a.png': 'png',
      'apps/demo/index.html': '<html></html>',
    })
    expect(checkLinks(root)).toEqual({ problems: [], links: 5, files: 2 })
  })

  it('reports links outside the repository, to ignored or missing files, and to missing headings', () => {
    const root = repoWith({
      '.gitignore': 'dist/\n',
      'dist/index.js': '',
      'README.md': [
        'See [DESIGN](../shared/DESIGN.md).',
        'Built: [dist](dist/index.js).',
        'Gone: [old](docs/old.md).',
        'Nowhere: [x](#no-such-heading).',
        '',
        '```md',
        '[in a code block](not/checked.md)',
        '```',
        'Inline `[code](not/checked.md)` and [a site](https://example.com) are not checked.',
      ].join('\n'),
    })
    expect(checkLinks(root).problems).toEqual([
      'README.md:1: ../shared/DESIGN.md → outside the repository',
      'README.md:2: dist/index.js → no such file in the repository (ignored or missing)',
      'README.md:3: docs/old.md → no such file in the repository (ignored or missing)',
      'README.md:4: #no-such-heading → README.md has no heading #no-such-heading',
    ])
  })
})

describe('linksOf and anchorsOf', () => {
  it('finds inline links, images, reference definitions and href/src attributes', () => {
    const text = '[a](one.md) ![b](two.png "title")\n[ref]: three.md\n<img src="four.png">'
    expect(linksOf(text).map((l) => l.target)).toEqual(['one.md', 'two.png', 'three.md', 'four.png'])
  })

  it('slugs headings as GitHub does, numbering repeats', () => {
    const anchors = anchorsOf(
      '# Testing your gated UI: one line\n## `@entitle/react/testing`\n## Usage\n## Usage\n',
    )
    expect([...anchors]).toEqual([
      'testing-your-gated-ui-one-line',
      'entitlereacttesting',
      'usage',
      'usage-1',
    ])
  })
})
