#!/usr/bin/env node
// evaluate() throughput next to the floor: a plain `snapshot.entitlements[key] !== undefined` loop,
// measured in the same process, in interleaved rounds (so CPU frequency drift and GC hit every case
// alike), reporting medians. A benchmark, not a test: it prints numbers and never fails on them.
//
//   node packages/core/bench/evaluate.bench.mjs           # ~5 s
//   node packages/core/bench/evaluate.bench.mjs --short   # ~1 s, for CI
//
// Runs the BUILT package (`pnpm exec tsc -b packages/core` first): what users get.
//
// Also a module: the workspace benchmarks (bench/) import its snapshot and its interleaved-rounds
// method (`globexSnapshot`, `interleave`, `median`), so every throughput figure is measured one way.
import { pathToFileURL } from 'node:url'
import { evaluate } from '../dist/index.js'

/** The LogPilot customer "globex" (DESIGN.md): premium, a promotion with an expiry, a hard and a soft meter. */
export const globexSnapshot = {
  customerId: 'globex',
  environment: 'production',
  version: 12,
  generatedAt: '2026-11-21T10:00:00.000Z',
  plan: { id: 'premium', name: 'Premium' },
  trialEndsAt: null,
  entitlements: {
    'advanced-filtering': { kind: 'boolean', source: 'plan', expiresAt: null },
    'api-access': { kind: 'boolean', source: 'plan', expiresAt: null },
    'premium-support': { kind: 'boolean', source: 'plan', expiresAt: null },
    'ai-assistant': { kind: 'boolean', source: 'promotion', expiresAt: '2026-12-01T10:00:00.000Z' },
    'retention-days': { kind: 'config', value: 14, source: 'plan', expiresAt: null },
    seats: {
      kind: 'metered',
      usage: 7,
      limit: 10,
      enforcement: 'hard',
      resetPeriod: null,
      resetsAt: null,
      source: 'plan',
      expiresAt: null,
    },
    'api-calls': {
      kind: 'metered',
      usage: 52300,
      limit: 50000,
      enforcement: 'soft',
      resetPeriod: 'month',
      resetsAt: '2026-12-01T00:00:00.000Z',
      source: 'plan',
      expiresAt: null,
    },
  },
}

/**
 * Interleaved-rounds throughput: calibrates each case to ~`sampleMs` (which also warms it up), then
 * runs every case once per round, rotating the starting case so none always runs first (or last)
 * after a GC, and reports the median rate (calls/s) over the rounds with its range. Each case's
 * `run(n)` returns a number derived from every iteration, summed into a sink, so no work can be
 * dropped as dead code.
 *
 * @param {{ name: string, run: (n: number) => number }[]} cases
 * @param {{ rounds: number, sampleMs: number, startIterations?: number }} options
 *   `startIterations`: where calibration starts (default 1,000), ×4 until a sample takes sampleMs / 4.
 */
export function interleave(cases, { rounds, sampleMs, startIterations = 1_000 }) {
  let sink = 0
  const calibrate = (run) => {
    let n = startIterations
    for (let guard = 0; guard < 20; guard++) {
      const t0 = performance.now()
      sink += run(n)
      const ms = performance.now() - t0
      if (ms >= sampleMs / 4) return Math.max(1, Math.round((n * sampleMs) / ms))
      n *= 4
    }
    return n
  }
  const iterations = cases.map((c) => calibrate(c.run))
  const samples = cases.map(() => [])
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const index = (k + round) % cases.length
      const n = iterations[index]
      const t0 = performance.now()
      sink += cases[index].run(n)
      const ms = performance.now() - t0
      samples[index].push((n / ms) * 1000)
    }
  }
  return cases.map((c, i) => ({
    name: c.name,
    median: median(samples[i]),
    min: Math.min(...samples[i]),
    max: Math.max(...samples[i]),
    rounds,
    sink,
    sinkOk: Number.isFinite(sink),
  }))
}

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()

function main() {
  const short = process.argv.includes('--short')
  const ROUNDS = short ? 9 : 21
  const SAMPLE_MS = short ? 25 : 50

  // Parsed from JSON as the client receives it.
  const snapshot = JSON.parse(JSON.stringify(globexSnapshot))

  // Keys rotate (index & 3) in every loop, so no case can hoist its lookup out of the loop.
  // Booleans: three without expiry, one promotion with `expiresAt` (exercises the instant cache).
  const booleanKeys = ['advanced-filtering', 'api-access', 'premium-support', 'ai-assistant']
  // Metered: a hard meter without reset and a soft monthly one (with `resetsAt`), each twice.
  const meteredKeys = ['seats', 'api-calls', 'seats', 'api-calls']
  const lookupKeys = ['advanced-filtering', 'seats', 'ai-assistant', 'api-calls']
  const now = Date.parse('2026-11-21T10:00:00.000Z')
  const meteredOptions = { requested: 1, now }

  // Each case is its own function so the engine optimises each loop on its own. Each returns a value
  // derived from every iteration, summed into `sink`, so no work can be dropped as dead code.
  const cases = [
    {
      name: 'plain lookup: entitlements[key] !== undefined',
      run(n) {
        const entitlements = snapshot.entitlements
        let hits = 0
        for (let i = 0; i < n; i++) if (entitlements[lookupKeys[i & 3]] !== undefined) hits++
        return hits
      },
    },
    {
      name: 'evaluate(): boolean',
      run(n) {
        let granted = 0
        for (let i = 0; i < n; i++) if (evaluate(snapshot, booleanKeys[i & 3]).granted) granted++
        return granted
      },
    },
    {
      name: 'evaluate(): metered { requested, now }',
      run(n) {
        let granted = 0
        for (let i = 0; i < n; i++)
          if (evaluate(snapshot, meteredKeys[i & 3], meteredOptions).granted) granted++
        return granted
      },
    },
    {
      name: 'evaluate(): metered, default now (Date.now)',
      informational: true,
      run(n) {
        let granted = 0
        for (let i = 0; i < n; i++) if (evaluate(snapshot, meteredKeys[i & 3]).granted) granted++
        return granted
      },
    },
    {
      // Half the calls above read the clock (the meter with `resetsAt`): this row shows what that costs.
      name: 'Date.now() alone, for scale',
      informational: true,
      run(n) {
        let odd = 0
        for (let i = 0; i < n; i++) odd += Date.now() & 1
        return odd + 1
      },
    },
  ]

  const started = performance.now()
  const results = interleave(cases, { rounds: ROUNDS, sampleMs: SAMPLE_MS, startIterations: 10_000 })
  const elapsed = performance.now() - started
  const medians = results.map((r) => r.median)
  const sink = results[0].sink
  const floor = medians[0]

  const fmtRate = (r) => (r >= 1e6 ? `${(r / 1e6).toFixed(1)} M/s` : `${(r / 1e3).toFixed(0)} k/s`)
  const rows = cases.map((c, i) => {
    const rate = medians[i]
    const { min, max } = results[i]
    return [
      c.name,
      fmtRate(rate),
      (1e9 / rate).toFixed(1),
      `${fmtRate(min)} – ${fmtRate(max)}`,
      i === 0 ? '1.0x (floor)' : `${(floor / rate).toFixed(1)}x slower`,
    ]
  })
  const header = ['case', 'checks/s (median)', 'ns/check', 'range over rounds', 'vs plain lookup']
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col].length)))
  const line = (cells) =>
    cells.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ')

  console.log(
    `evaluate() benchmark — Node ${process.version}, ${ROUNDS} interleaved rounds × ~${SAMPLE_MS} ms per case${short ? ' (--short)' : ''}`,
  )
  console.log(line(header))
  console.log(widths.map((w) => '─'.repeat(w)).join('  '))
  for (const row of rows) console.log(line(row))
  const targeted = cases.flatMap((c, i) => (i > 0 && !c.informational ? [floor / medians[i]] : []))
  const worst = Math.max(...targeted)
  console.log(
    `target: boolean and metered evaluate() within 5x of the plain lookup → worst ${worst.toFixed(1)}x: ` +
      `${worst <= 5 ? 'met' : 'NOT met'} (timings are printed, never asserted)`,
  )
  console.log('without `now`, a check with expiresAt/resetsAt also pays for one Date.now() (see its row)')
  console.log(`(${(elapsed / 1000).toFixed(1)} s measured; sink ${sink > 0 ? 'ok' : sink})`)
}
