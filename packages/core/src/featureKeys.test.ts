// Typed feature keys. Two layers:
// 1. The generic form (`EntitlementsClient<'a' | 'b'>`, `FeatureIdsOf<…>`): plain type assertions here,
//    checked by `tsc -p tsconfig.check.json` (at runtime `expectTypeOf` does nothing).
// 2. The real thing, `declare module '@entitle/core' { interface Register … }`, compiled in a separate
//    in-memory TypeScript program: module augmentation is global to a program, so doing it in this
//    file would change `FeatureKey` for every other file that the workspace typecheck covers.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { createEntitlementsClient } from './client.js'
import type { EntitlementsClient, EntitlementsClientOptions } from './clientTypes.js'
import type { Decision, FeatureIdsOf, FeatureKey } from './types.js'

describe('typed feature keys: generic form', () => {
  type Keys = 'seats' | 'api-calls' | 'ai-assistant'

  it('check() and friends accept only the declared keys', () => {
    const client = {} as EntitlementsClient<Keys>
    const uses = () => {
      expectTypeOf(client.check('seats', { requested: 2 })).toEqualTypeOf<Decision>()
      client.value('api-calls', 0)
      client.reportUsage('api-calls', 1)
      // @ts-expect-error 'seets' is not a declared feature
      client.check('seets')
      // @ts-expect-error unknown key in value()
      client.value('retention', 3)
      // @ts-expect-error unknown key in reportUsage()
      client.reportUsage('api-call', 1)
    }
    expectTypeOf(client.check).parameter(0).toEqualTypeOf<Keys>()
    expectTypeOf(uses).toBeFunction()
  })

  it('fallbacks are keyed by the declared features', () => {
    const ok: EntitlementsClientOptions<Keys> = {
      baseUrl: 'https://api.example.com',
      customerId: 'acme',
      fallback: { seats: { kind: 'metered', limit: 3 }, 'ai-assistant': false },
    }
    const bad: EntitlementsClientOptions<Keys> = {
      baseUrl: 'https://api.example.com',
      customerId: 'acme',
      // @ts-expect-error 'seets' is not a declared feature
      fallback: { seets: true },
    }
    expectTypeOf(ok).not.toBeAny()
    expectTypeOf(bad).not.toBeAny()
  })

  it('fallback never narrows the feature type: createEntitlementsClient infers nothing from it', () => {
    // Types only: the client is never created (the arrow is not called).
    const make = () => {
      const inferred = createEntitlementsClient({
        baseUrl: 'https://api.example.com',
        customerId: 'acme',
        fallback: { seats: { kind: 'metered', limit: 0 } },
      })
      // Without a registration every string is a key, whatever the fallback lists.
      expectTypeOf(inferred.check).parameter(0).toEqualTypeOf<string>()
      const explicit = createEntitlementsClient<Keys>({
        baseUrl: 'https://api.example.com',
        customerId: 'acme',
        fallback: { seats: { kind: 'metered', limit: 0 } },
      })
      expectTypeOf(explicit.check).parameter(0).toEqualTypeOf<Keys>()
      createEntitlementsClient<Keys>({
        baseUrl: 'https://api.example.com',
        customerId: 'acme',
        // @ts-expect-error fallback keys are still checked against the declared features
        fallback: { seets: true },
      })
    }
    expectTypeOf(make).toBeFunction()
  })

  it('FeatureIdsOf reads the ids of a catalog declared `as const`', () => {
    const catalog = {
      features: [
        { id: 'seats', name: 'Seats', kind: 'metered' },
        { id: 'sso', name: 'SSO', kind: 'boolean' },
      ],
    } as const
    expectTypeOf<FeatureIdsOf<typeof catalog>>().toEqualTypeOf<'seats' | 'sso'>()
    const client = {} as EntitlementsClient<FeatureIdsOf<typeof catalog>>
    // @ts-expect-error not in the catalog
    const check = () => client.check('saml')
    expectTypeOf(check).toBeFunction()
  })

  it('without a registration every string is a key (this program registers none)', () => {
    expectTypeOf<FeatureKey>().toEqualTypeOf<string>()
    expectTypeOf<EntitlementsClient['check']>().parameter(0).toEqualTypeOf<string>()
  })
})

describe('typed feature keys: module augmentation of Register', () => {
  const coreRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
  // Inside the package so `@tanstack/query-core` resolves from its node_modules like it does for users.
  const appFile = join(coreRoot, 'src', '__augmentation_fixture__.ts').replaceAll('\\', '/')

  // Parsing lib.dom.d.ts and friends is most of the cost: parse them once for both programs.
  const parsedFiles = new Map<string, ts.SourceFile>()

  /** Compile `source` as an app file next to @entitle/core; returns its diagnostics as "line: message". */
  function compile(source: string): string[] {
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      // The app imports the package by name, as users do; here it maps to the sources.
      paths: { '@entitle/core': [join(coreRoot, 'src', 'index.ts')] },
    }
    const host = ts.createCompilerHost(options)
    const { getSourceFile, fileExists, readFile } = host
    host.fileExists = (file) => file === appFile || fileExists.call(host, file)
    host.readFile = (file) => (file === appFile ? source : readFile.call(host, file))
    host.getSourceFile = (file, language, ...rest) => {
      if (file === appFile) return ts.createSourceFile(file, source, language)
      let parsed = parsedFiles.get(file)
      if (parsed === undefined) {
        parsed = getSourceFile.call(host, file, language, ...rest)
        if (parsed !== undefined) parsedFiles.set(file, parsed)
      }
      return parsed
    }
    const program = ts.createProgram([appFile], options, host)
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const where =
        d.file === undefined || d.start === undefined
          ? `${d.file?.fileName ?? 'global'}`
          : `${d.file.fileName === appFile ? '' : `${d.file.fileName}:`}${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`
    })
  }

  it('makes an unknown key a compile error everywhere a feature key is taken', () => {
    const diagnostics = compile(`
import type { EntitlementsClient, EntitlementsClientOptions, FeatureKey } from '@entitle/core'

declare module '@entitle/core' {
  interface Register {
    features: 'seats' | 'api-calls' | 'ai-assistant'
  }
}

declare const client: EntitlementsClient
client.check('seats', { requested: 2 })
client.value('api-calls', 0)
const key: FeatureKey = 'ai-assistant'
client.check('seets')
client.reportUsage('api-call', 1)
const options: EntitlementsClientOptions = { baseUrl: '', customerId: 'acme', fallback: { aiassistant: true } }
export { key, options }
`)
    expect(diagnostics).toEqual([
      `14: Argument of type '"seets"' is not assignable to parameter of type '"seats" | "api-calls" | "ai-assistant"'.`,
      `15: Argument of type '"api-call"' is not assignable to parameter of type '"seats" | "api-calls" | "ai-assistant"'.`,
      `16: Object literal may only specify known properties, but 'aiassistant' does not exist in type 'Partial<Record<"seats" | "api-calls" | "ai-assistant", FallbackGrant>>'. Did you mean to write 'ai-assistant'?`,
    ])
  }, 60_000)

  it("the README Quick start's client: a fallback for seats keeps every registered feature", () => {
    // The client module of the README's Quick start as a user types it (helpers aside: they come
    // from @entitle/react). Inferring the feature type from `fallback` used to narrow it to 'seats'.
    const diagnostics = compile(`
import { createEntitlementsClient } from '@entitle/core'

declare const session: { token(): string }

export const client = createEntitlementsClient({
  baseUrl: 'https://entitlements.example.com', // any backend that speaks the wire format below
  customerId: 'acme',
  getToken: () => session.token(), // sent as \`Authorization: Bearer …\`, never stored
  // With no data at all (first visit while the service is down), hard limits need a fallback:
  fallback: { seats: { kind: 'metered', limit: 0 } },
})

declare module '@entitle/core' {
  interface Register {
    features: 'seats' | 'api-calls' | 'ai-assistant' | 'retention-days' // a typo is a compile error
  }
}

client.check('ai-assistant')
client.check('seats', { requested: 2 })
const days: number = client.value('retention-days', 3)
client.reportUsage('api-calls', 1)
client.check('ai-asistant')
createEntitlementsClient({ baseUrl: '', customerId: 'acme', fallback: { seets: true } })
export { days }
`)
    expect(diagnostics).toEqual([
      `24: Argument of type '"ai-asistant"' is not assignable to parameter of type '"seats" | "api-calls" | "ai-assistant" | "retention-days"'.`,
      `25: Object literal may only specify known properties, but 'seets' does not exist in type 'Partial<Record<"seats" | "api-calls" | "ai-assistant" | "retention-days", FallbackGrant>>'. Did you mean to write 'seats'?`,
    ])
  }, 60_000)

  it('works from a catalog declared once `as const`', () => {
    const diagnostics = compile(`
import type { EntitlementsClient, FeatureIdsOf } from '@entitle/core'

const catalog = {
  features: [
    { id: 'seats', name: 'Seats', kind: 'metered' },
    { id: 'sso', name: 'SSO', kind: 'boolean' },
  ],
} as const

declare module '@entitle/core' {
  interface Register {
    features: FeatureIdsOf<typeof catalog>
  }
}

declare const client: EntitlementsClient
client.check('sso')
client.check('saml')
export { catalog }
`)
    expect(diagnostics).toEqual([
      `19: Argument of type '"saml"' is not assignable to parameter of type '"seats" | "sso"'.`,
    ])
  }, 60_000)
})
