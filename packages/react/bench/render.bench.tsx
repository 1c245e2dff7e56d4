// Re-renders and commit time of one usage update with 1,000 mounted consumers over 100 features:
// @entitle/react (useEntitlement: useSyncExternalStore + structural sharing) side by side with a
// naive single-context provider (the way Stigg's and GrowthBook's providers work: the provider keeps
// the client state in React state and every consumer reads one context), over the same real client.
// Run: `pnpm --filter @entitle/react bench` (bench/run.mjs bundles this file and runs it in Node + jsdom,
// React production profiling build). Prints figures; asserts nothing about time.
import './dom.js'
import type { Catalog, EntitlementsClient, evaluate } from '@entitle/core'
import {
  createContext,
  Profiler,
  type ProfilerOnRenderCallback,
  type ReactNode,
  useContext,
  useEffect,
  useState,
} from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { EntitlementsProvider, useEntitlement } from '../src/index.js'
import { createTestClient, createTestSnapshot } from '../src/testing/index.js'

const FEATURES = 100
const CONSUMERS = 1000
const UPDATES = Number(process.env.BENCH_UPDATES ?? 30)

function snapshot() {
  const entitlements: Record<
    string,
    {
      kind: 'metered'
      usage: number
      limit: number
      enforcement: 'hard'
      resetPeriod: null
      resetsAt: null
      source: 'plan'
      expiresAt: null
    }
  > = {}
  for (let i = 0; i < FEATURES; i++)
    entitlements[`f${i}`] = {
      kind: 'metered',
      usage: 0,
      limit: 1_000_000,
      enforcement: 'hard',
      resetPeriod: null,
      resetsAt: null,
      source: 'plan',
      expiresAt: null,
    }
  return { ...createTestSnapshot({ customerId: 'bench', entitlements: {} }), entitlements }
}

/** The catalog the test backend needs to know the bench's features `f0`… (a real backend refuses unknown ones). */
function catalog(): Catalog {
  const grants = Object.fromEntries(
    Array.from({ length: FEATURES }, (_, i) => [
      `f${i}`,
      { kind: 'metered' as const, limit: 1_000_000, enforcement: 'hard' as const, resetPeriod: null },
    ]),
  )
  return {
    features: Array.from({ length: FEATURES }, (_, i) => ({
      id: `f${i}`,
      name: `f${i}`,
      kind: 'metered' as const,
    })),
    plans: [{ id: 'enterprise', name: 'Enterprise', price: null, trialDays: 0, grants }],
    addons: [],
  }
}

let consumerRenders = 0
const ids = Array.from({ length: CONSUMERS }, (_, i) => ({ key: `c${i}`, feature: `f${i % FEATURES}` }))

// ─── @entitle/react ─────────────────────────────────────────────────────────────────────────────
function EntitleConsumer({ feature }: { feature: string }) {
  const d = useEntitlement(feature)
  consumerRenders++
  return <span>{d.usage}</span>
}

// ─── naive single-context provider ──────────────────────────────────────────────────────────────
const NaiveContext = createContext<{ check: (feature: string) => ReturnType<typeof evaluate> } | null>(null)
function NaiveProvider({ client, children }: { client: EntitlementsClient; children: ReactNode }) {
  const [state, setState] = useState(() => client.getState())
  useEffect(() => client.subscribe(() => setState(client.getState())), [client])
  // A new value on every state change: every consumer re-renders.
  const value = { state, check: (feature: string) => client.check(feature) }
  return <NaiveContext.Provider value={value}>{children}</NaiveContext.Provider>
}
function NaiveConsumer({ feature }: { feature: string }) {
  const ctx = useContext(NaiveContext)
  const d = ctx?.check(feature)
  consumerRenders++
  return <span>{d?.usage}</span>
}

interface Result {
  mountMs: number
  rerenders: number[]
  commitMs: number[]
  wallMs: number[]
}

async function run(kind: 'entitle' | 'naive'): Promise<Result> {
  const { client } = createTestClient({ snapshot: snapshot(), catalog: catalog() })
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  let commitMs = 0
  const onRender: ProfilerOnRenderCallback = (_id, _phase, actualDuration) => {
    commitMs += actualDuration
  }
  const Consumer = kind === 'entitle' ? EntitleConsumer : NaiveConsumer
  const consumers = ids.map(({ key, feature }) => <Consumer key={key} feature={feature} />)
  const tree =
    kind === 'entitle' ? (
      <EntitlementsProvider client={client}>{consumers}</EntitlementsProvider>
    ) : (
      <NaiveProvider client={client}>{consumers}</NaiveProvider>
    )
  const t0 = performance.now()
  flushSync(() =>
    root.render(
      <Profiler id={kind} onRender={onRender}>
        {tree}
      </Profiler>,
    ),
  )
  const mountMs = performance.now() - t0
  await new Promise((r) => setTimeout(r, 0)) // effects (subscriptions) settle

  const result: Result = { mountMs, rerenders: [], commitMs: [], wallMs: [] }
  for (let i = 0; i < UPDATES; i++) {
    consumerRenders = 0
    commitMs = 0
    const start = performance.now()
    let ack: Promise<unknown> = Promise.resolve()
    flushSync(() => {
      ack = client.reportUsage(`f${i % FEATURES}`, 1, { idempotencyKey: `${kind}-${i}` })
    })
    result.wallMs.push(performance.now() - start)
    result.rerenders.push(consumerRenders)
    result.commitMs.push(commitMs)
    // Let the server acknowledgement land before the next update (not measured).
    await ack
    await new Promise((r) => setTimeout(r, 0))
  }
  root.unmount()
  container.remove()
  return result
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)] as number)
}

// Warm up both paths once (JIT), then measure.
await run('entitle')
await run('naive')
const entitle = await run('entitle')
const naive = await run('naive')

const row = (name: string, r: Result) =>
  `${name.padEnd(34)} ${String(median(r.rerenders)).padStart(10)} ${median(r.commitMs).toFixed(2).padStart(15)} ${median(r.wallMs).toFixed(2).padStart(13)}`
console.log(
  `\n${CONSUMERS} consumers over ${FEATURES} features; one usage update on one feature (median of ${UPDATES})`,
)
console.log(
  `${''.padEnd(34)} ${'re-renders'.padStart(10)} ${'commit ms (Prof)'.padStart(15)} ${'update wall ms'.padStart(13)}`,
)
console.log(row('@entitle/react useEntitlement', entitle))
console.log(row('naive single-context provider', naive))
console.log(
  `ratio: ${(median(naive.rerenders) / Math.max(1, median(entitle.rerenders))).toFixed(0)}x fewer re-renders, ` +
    `${(median(naive.commitMs) / Math.max(0.001, median(entitle.commitMs))).toFixed(1)}x less commit time\n`,
)
if (process.argv.includes('--json')) console.log(JSON.stringify({ entitle, naive }))
process.exit(0) // the clients' idle timers (query-core gc) would otherwise keep Node alive for a while
