// Interleaved-rounds throughput measurement, the method of packages/core/bench/evaluate.bench.mjs:
// calibrate each case to ~sampleMs, then run every case once per round, rotating the starting case,
// and report the median rate over the rounds. Each case's `run(n)` returns a number derived from every
// iteration (summed into a sink) so no work can be dropped as dead code.

/** @param {{ name: string, run: (n: number) => number }[]} cases */
export function interleave(cases, { rounds, sampleMs }) {
  let sink = 0
  const calibrate = (run) => {
    let n = 1_000
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
    sinkOk: Number.isFinite(sink),
  }))
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}
