// The page of bench/first-render.mjs: customer "acme" (Basic: advanced-filtering granted; seats 3 of 3,
// so inviting one more is denied). `?persist=1` keeps the last snapshot in localStorage (the default in
// browsers), `?persist=0` is the same client with `persist: false`. Each branch of the two gates records
// when it first mounts; the page is "correct" at the first commit where both right branches are on
// screen, and a wrong branch (a premature denial or grant) is recorded as a flash.
import { createEntitlementsClient } from '@entitle/core'
import { EntitlementsProvider, Gate } from '@entitle/react'
import { useLayoutEffect } from 'react'
import { createRoot } from 'react-dom/client'

type Probe = {
  mounts: { branch: string; at: number }[]
  firstCommitAt: number | null
  correctAt: number | null
  wrong: string[]
}
const probe: Probe = { mounts: [], firstCommitAt: null, correctAt: null, wrong: [] }
;(window as unknown as { __bench: Probe }).__bench = probe

const RIGHT = ['filtering-granted', 'seats-denied']
const WRONG = new Set(['filtering-denied', 'seats-granted'])

function Branch({ name }: { name: string }) {
  useLayoutEffect(() => {
    const at = performance.now()
    probe.mounts.push({ branch: name, at })
    probe.firstCommitAt ??= at
    if (WRONG.has(name)) probe.wrong.push(name)
    // Layout effects run after the whole commit is in the DOM, so this sees both gates' current branches.
    if (probe.correctAt === null && RIGHT.every((b) => document.querySelector(`[data-branch="${b}"]`))) {
      probe.correctAt = at
      performance.mark('entitle:correct')
    }
  }, [name])
  return <p data-branch={name}>{name}</p>
}

const persist = new URLSearchParams(location.search).get('persist') === '1'
const client = createEntitlementsClient({
  baseUrl: location.origin,
  customerId: 'acme',
  getToken: () => 'demo-acme',
  environment: 'development', // the mock server's
  persist: persist ? localStorage : false,
  live: false,
})

function App() {
  return (
    <EntitlementsProvider client={client}>
      <Gate
        feature="advanced-filtering"
        loading={<Branch name="filtering-loading" />}
        fallback={<Branch name="filtering-denied" />}
      >
        <Branch name="filtering-granted" />
      </Gate>
      <Gate
        feature="seats"
        requested={1}
        loading={<Branch name="seats-loading" />}
        fallback={<Branch name="seats-denied" />}
      >
        <Branch name="seats-granted" />
      </Gate>
    </EntitlementsProvider>
  )
}

createRoot(document.getElementById('root')!).render(<App />)
