// The global typing path: an app augments `Register` with its feature ids and helpers (see the
// README). A global augmentation would leak into the workspace's own type check, so the fixture app
// (type-fixtures/register) is checked here with its own TypeScript program. Each @ts-expect-error in
// it must be needed (an unused one is a diagnostic), so this test fails if the typing gets looser.
import { join } from 'node:path'
import ts from 'typescript'
import { expect, it } from 'vitest'

const configPath = join(import.meta.dirname, '../type-fixtures/register/tsconfig.json')

it('Register { features; helpers } types useEntitlements(), helpers and feature keys, and the library compiles under it', () => {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )
  if (!parsed) throw new Error(`cannot read ${configPath}`)
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options })
  const format = (d: ts.Diagnostic) =>
    `${d.file?.fileName ?? ''}:${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
  const all = ts.getPreEmitDiagnostics(program).map(format)
  // The whole library, components included, compiles under a registered catalog.
  expect(all).toEqual([])
  expect(parsed.fileNames.some((f) => f.endsWith('app.tsx'))).toBe(true)
}, 60_000)
