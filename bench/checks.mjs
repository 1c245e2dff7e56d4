#!/usr/bin/env node
// Checks per second, all in ONE process with interleaved rounds (medians): Entitle's evaluate() and
// client.check() next to a plain object lookup (the floor, as in packages/core/bench/evaluate.bench.mjs)
// and next to the alternatives' synchronous checks that run without a network: Stigg's JS client in
// `offline: true` mode and Schematic's JS client in `offline` mode. Prints a table; with --json the
// last stdout line is `{ "section": "checks", "rows": [...] }`. Never fails on a timing.
//
//   node bench/checks.mjs [--short] [--json] [--alternatives <install.json>]
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { globexSnapshot, interleave } from '../packages/core/bench/evaluate.bench.mjs'
import { createEntitlementsClient, evaluate } from '../packages/core/dist/index.js'
import { unavailable } from './lib/alternatives.mjs'

const args = process.argv.slice(2)
const short = args.includes('--short')
const altFile = args.includes('--alternatives') ? args[args.indexOf('--alternatives') + 1] : undefined
const alt = altFile ? JSON.parse(readFileSync(altFile, 'utf8')) : undefined

const snapshot = JSON.parse(JSON.stringify(globexSnapshot))
const now = Date.parse('2026-11-21T10:00:00.000Z')
// Keys rotate (index & 3) in every loop so no case can hoist its lookup out of the loop.
const booleanKeys = ['advanced-filtering', 'api-access', 'premium-support', 'ai-assistant']
const meteredKeys = ['seats', 'api-calls', 'seats', 'api-calls']
const lookupKeys = ['advanced-filtering', 'seats', 'ai-assistant', 'api-calls']
const meteredOptions = { requested: 1, now }
const nowOptions = { now }

const client = createEntitlementsClient({
  baseUrl: 'http://127.0.0.1:9',
  customerId: 'globex',
  initialSnapshot: snapshot,
  persist: false,
  live: false,
  now: () => now,
})
// As under <EntitlementsProvider>: a subscribed client keeps its state cached between changes, so a
// check is a cache read plus evaluate(). (Unsubscribed, each check re-reads the query cache first.)
client.subscribe(() => {})

/** @type {{ name: string, group: string, run: (n: number) => number }[]} */
const cases = [
  {
    name: 'plain lookup: entitlements[key] !== undefined',
    group: 'floor',
    run(n) {
      const e = snapshot.entitlements
      let hits = 0
      for (let i = 0; i < n; i++) if (e[lookupKeys[i & 3]] !== undefined) hits++
      return hits
    },
  },
  {
    // `now` passed, like every Entitle row here (the client below has a fixed clock): without it, the
    // promotion with `expiresAt` (one key in four) also pays a Date.now() — see evaluate.bench.mjs.
    name: 'Entitle evaluate(): boolean { now }',
    group: 'entitle',
    run(n) {
      let g = 0
      for (let i = 0; i < n; i++) if (evaluate(snapshot, booleanKeys[i & 3], nowOptions).granted) g++
      return g
    },
  },
  {
    name: 'Entitle evaluate(): metered { requested: 1, now }',
    group: 'entitle',
    run(n) {
      let g = 0
      for (let i = 0; i < n; i++) if (evaluate(snapshot, meteredKeys[i & 3], meteredOptions).granted) g++
      return g
    },
  },
  {
    name: 'Entitle client.check(): boolean (cached snapshot)',
    group: 'entitle',
    run(n) {
      let g = 0
      for (let i = 0; i < n; i++) if (client.check(booleanKeys[i & 3]).granted) g++
      return g
    },
  },
  {
    name: 'Entitle client.check(): metered { requested: 1 }',
    group: 'entitle',
    run(n) {
      let g = 0
      for (let i = 0; i < n; i++) if (client.check(meteredKeys[i & 3], { requested: 1 }).granted) g++
      return g
    },
  },
]
const skipped = []

// Stigg: the JS client that @stigg/react-sdk wraps. `offline: true` answers from `entitlementsFallback`
// (no customer data is loaded offline, so a meter's usage is 0): the only network-free path it offers.
const stiggWhy = unavailable(alt, '@stigg/js-client-sdk')
if (stiggWhy) skipped.push({ name: 'Stigg JS client (offline)', note: stiggWhy })
else {
  try {
    const req = createRequire(join(alt.dir, 'package.json'))
    const mod = req('@stigg/js-client-sdk')
    const Stigg = mod.Stigg ?? mod.default
    const stigg = Stigg.initialize({
      apiKey: 'client-api-key',
      customerId: 'globex',
      offline: true,
      logConfiguration: { logLevel: 'error' },
      entitlementsFallback: {
        'advanced-filtering': { hasAccess: true },
        'api-access': { hasAccess: true },
        'premium-support': { hasAccess: true },
        'ai-assistant': { hasAccess: true },
        seats: { hasAccess: true, usageLimit: 10 },
        'api-calls': { hasAccess: true, usageLimit: 50000 },
      },
    })
    if (!stigg.getBooleanEntitlement({ featureId: 'advanced-filtering' }).hasAccess)
      throw new Error('offline boolean check did not grant a fallback feature')
    cases.push(
      {
        name: 'Stigg getBooleanEntitlement() (offline: true)',
        group: 'stigg',
        run(n) {
          let g = 0
          for (let i = 0; i < n; i++)
            if (stigg.getBooleanEntitlement({ featureId: booleanKeys[i & 3] }).hasAccess) g++
          return g
        },
      },
      {
        name: 'Stigg getMeteredEntitlement({ requestedUsage: 1 }) (offline)',
        group: 'stigg',
        run(n) {
          let g = 0
          for (let i = 0; i < n; i++)
            if (
              stigg.getMeteredEntitlement({ featureId: meteredKeys[i & 3], options: { requestedUsage: 1 } })
                .hasAccess
            )
              g++
          return g
        },
      },
    )
  } catch (err) {
    skipped.push({ name: 'Stigg JS client (offline)', note: `cannot run in Node: ${firstLine(err)}` })
  }
}

// Schematic: the JS client that @schematichq/schematic-react wraps. `offline: true` makes no request
// and answers from `flagCheckDefaults`; getFlagCheck() is the synchronous read its React hooks use.
// `debug: false` because offline mode otherwise turns on console logging of every operation.
const schematicWhy = unavailable(alt, '@schematichq/schematic-js')
if (schematicWhy) skipped.push({ name: 'Schematic JS client (offline)', note: schematicWhy })
else {
  try {
    const req = createRequire(join(alt.dir, 'package.json'))
    const { Schematic } = req('@schematichq/schematic-js')
    const bool = (flag) => ({ flag, value: true, reason: 'bench default' })
    const meter = (flag, usage, allocation) => ({
      flag,
      value: usage < allocation,
      reason: 'bench default',
      featureUsage: usage,
      featureAllocation: allocation,
      featureUsageExceeded: usage >= allocation,
    })
    const schematic = new Schematic('api_publishable_key', {
      offline: true,
      debug: false,
      flagCheckDefaults: {
        'advanced-filtering': bool('advanced-filtering'),
        'api-access': bool('api-access'),
        'premium-support': bool('premium-support'),
        'ai-assistant': bool('ai-assistant'),
        seats: meter('seats', 7, 10),
        'api-calls': meter('api-calls', 52300, 50000),
      },
    })
    await schematic.setContext({ company: { id: 'globex' }, user: { id: 'user-1' } })
    if (schematic.getFlagCheck('advanced-filtering')?.value !== true)
      throw new Error('offline getFlagCheck() did not return the default')
    cases.push(
      {
        name: 'Schematic getFlagCheck(): boolean (offline)',
        group: 'schematic',
        run(n) {
          let g = 0
          for (let i = 0; i < n; i++) if (schematic.getFlagCheck(booleanKeys[i & 3])?.value) g++
          return g
        },
      },
      {
        name: 'Schematic getFlagCheck(): metered (offline)',
        group: 'schematic',
        run(n) {
          let g = 0
          for (let i = 0; i < n; i++) if (schematic.getFlagCheck(meteredKeys[i & 3])?.value) g++
          return g
        },
      },
    )
  } catch (err) {
    skipped.push({ name: 'Schematic JS client (offline)', note: `cannot run in Node: ${firstLine(err)}` })
  }
}

skipped.push({
  name: 'Autumn check()',
  note: unavailable(alt, 'autumn-js')
    ? unavailable(alt, 'autumn-js')
    : "not measured: autumn-js's local check() exists only inside its React hook useCustomer() " +
      '(no standalone client or offline mode to call from Node)',
})

const started = performance.now()
const results = interleave(cases, { rounds: short ? 1 : 21, sampleMs: short ? 20 : 50 })
const elapsed = performance.now() - started
const floor = results[0].median
const rows = results.map((r, i) => ({
  case: r.name,
  group: cases[i].group,
  checksPerSecond: Math.round(r.median),
  nsPerCheck: Number((1e9 / r.median).toFixed(1)),
  minPerSecond: Math.round(r.min),
  maxPerSecond: Math.round(r.max),
  vsLookup: Number((floor / r.median).toFixed(1)),
  rounds: r.rounds,
}))
for (const s of skipped) rows.push({ case: s.name, note: s.note })

const fmt = (r) => (r >= 1e6 ? `${(r / 1e6).toFixed(1)} M/s` : `${(r / 1e3).toFixed(0)} k/s`)
console.log(
  `checks per second — Node ${process.version}, one process, ${short ? 1 : 21} interleaved round(s), medians`,
)
for (const r of rows)
  console.log(
    r.note
      ? `  ${r.case}: ${r.note}`
      : `  ${r.case.padEnd(62)} ${fmt(r.checksPerSecond).padStart(10)}  ${String(r.nsPerCheck).padStart(7)} ns  ${r.vsLookup}x lookup`,
  )
console.log(`(${(elapsed / 1000).toFixed(1)} s measured)`)
client.stop()
if (args.includes('--json')) console.log(JSON.stringify({ section: 'checks', rows }))

function firstLine(err) {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 200)
}
