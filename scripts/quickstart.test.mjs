// How README.md's code blocks become the Quick start app (scripts/quickstart.mjs): every ts/tsx block
// names its file, and a block that does not is an error pointing at its README line.
import { describe, expect, it } from 'vitest'
import { readmeBlocks } from './quickstart.mjs'

const fence = '```'

describe('readmeBlocks', () => {
  it('takes every ts/tsx block with its path and README line; other blocks are prose', () => {
    const readme = [
      '# App',
      `${fence}sh`,
      'pnpm add @entitle/react',
      fence,
      `${fence}tsx`,
      '// src/App.tsx — the app',
      'export const App = () => null',
      fence,
      `${fence}ts`,
      '// vite.config.ts',
      'export default {}',
      fence,
    ].join('\n')
    expect(readmeBlocks(readme)).toEqual([
      { path: 'src/App.tsx', line: 6, code: '// src/App.tsx — the app\nexport const App = () => null\n' },
      { path: 'vite.config.ts', line: 10, code: '// vite.config.ts\nexport default {}\n' },
    ])
  })

  it('refuses a block that does not say where it goes, naming the README line', () => {
    const readme = ['# App', '', `${fence}tsx`, '<Gate feature="seats" />', fence].join('\n')
    expect(() => readmeBlocks(readme)).toThrow(
      'README.md:4: a ```tsx block must start with a "// src/<file>" comment naming where it goes in the app',
    )
  })

  it('refuses paths outside src/ (or vite.config.ts) and two blocks for one file', () => {
    expect(() => readmeBlocks(`${fence}ts\n// ../../evil.ts\n${fence}`)).toThrow(
      'a block may write src/… or vite.config.ts only',
    )
    expect(() => readmeBlocks(`${fence}ts\n// package.json.ts\n${fence}`)).toThrow(
      'src/… or vite.config.ts only',
    )
    expect(() =>
      readmeBlocks(`${fence}ts\n// src/a.ts\n${fence}\n${fence}ts\n// src/a.ts\n${fence}`),
    ).toThrow('"src/a.ts" is written by two blocks')
  })
})
