// Runtime validation of everything that arrives over the network (or from storage).
// Size: 1773 bytes gzipped (`esbuild src/validate.ts --bundle --minify --format=esm | gzip`,
// including EntitlementsError, 207 B, which the client needs anyway).
//
// Hand-written rather than valibot / zod-mini: the schema is small and fixed, the checks cost about
// 1.5 kB gzipped with no library runtime, and the errors name the exact field path, e.g.
//   snapshot.entitlements["seats"].limit: expected a non-negative number or null, got "ten"
//
// Policy:
// - Every known field is checked; unknown extra fields are accepted and passed through untouched
//   (a newer server may add fields).
// - `kind` is the one open enum: it is how the wire format grows. An entitlement, catalog feature or
//   grant of a kind this client does not know is skipped with a development warning instead of
//   rejecting the whole response: rejecting would throw away every other feature's data (and keep
//   rejecting every snapshot from that server). A skipped entitlement is then simply not granted.
//   Other enums (source, enforcement, resetPeriod, interval) are closed: without understanding them a
//   check cannot be decided correctly, so an unknown value rejects the response.
// - Valid input is returned as is (same object) unless something was skipped; then the containing
//   objects are shallow copies without the skipped members. Input is never mutated.
import type { UsageResult } from './clientTypes.js'
import { devWarn, isDev } from './dev.js'
import { EntitlementsError } from './errors.js'
import type { Catalog, EntitlementsSnapshot, MeteredEntitlement } from './types.js'

type Obj = Record<string, unknown>
type Check<T> = (value: unknown, path: string) => T | undefined

const KINDS = ['boolean', 'config', 'metered']
const SOURCES = ['plan', 'addon', 'trial', 'promotion', 'override']
const ENFORCEMENTS = ['hard', 'soft']
const RESET_PERIODS = ['day', 'week', 'month', 'year', null]
const INTERVALS = ['month', 'year', 'one_time']
// Date.parse alone accepts too much ("1", "May 5"); require an ISO-8601 date and time.
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d/

function fail(path: string, expected: string, got: unknown): never {
  throw new EntitlementsError('invalid_response', `${path}: expected ${expected}, got ${show(got)}`)
}

function show(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object' && value !== null) return 'an object'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  return String(value)
}

function object(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value)
  return value as Obj
}

function string(o: Obj, key: string, path: string, optional?: boolean): void {
  const v = o[key]
  if (typeof v !== 'string' && !(optional && v === undefined)) fail(`${path}.${key}`, 'a string', v)
}

function count(o: Obj, key: string, path: string, orNull?: boolean, integer?: boolean): void {
  const v = o[key]
  if (orNull && v === null) return
  if (
    typeof v !== 'number' ||
    !(v >= 0 && v < Number.POSITIVE_INFINITY) ||
    (integer && !Number.isInteger(v))
  ) {
    fail(`${path}.${key}`, `a non-negative ${integer ? 'integer' : 'number'}${orNull ? ' or null' : ''}`, v)
  }
}

function instant(o: Obj, key: string, path: string, orNull?: boolean): void {
  const v = o[key]
  if (orNull && v === null) return
  if (typeof v !== 'string' || !ISO_INSTANT.test(v) || Number.isNaN(Date.parse(v))) {
    fail(`${path}.${key}`, `an ISO-8601 instant${orNull ? ' or null' : ''}`, v)
  }
}

function oneOf(o: Obj, key: string, path: string, values: unknown[]): void {
  const v = o[key]
  if (!values.includes(v))
    fail(`${path}.${key}`, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`, v)
}

/** `false` (after a one-time development warning) for a kind this client does not know. */
function knownKind(o: Obj, path: string): boolean {
  const kind = o.kind
  if (KINDS.includes(kind as string)) return true
  if (typeof kind !== 'string') fail(`${path}.kind`, 'a string', kind)
  if (isDev && !warned.has(path + kind)) {
    warned.add(path + kind)
    devWarn(
      `${path} has kind "${kind}", which this version of @entitle/core does not know: skipped (not granted).`,
    )
  }
  return false
}
const warned = new Set<string>()

/** Each member of an array checked; a copy without skipped (`undefined`) members if any were. */
function list<T>(value: unknown, path: string, check: Check<T>): T[] {
  if (!Array.isArray(value)) fail(path, 'an array', value)
  let out: T[] | undefined
  for (let i = 0; i < value.length; i++) {
    const item = check(value[i], `${path}[${i}]`)
    if (out === undefined && item !== value[i]) out = value.slice(0, i)
    if (out !== undefined && item !== undefined) out.push(item)
  }
  return out ?? value
}

/** Each value of a JSON object checked; a copy without skipped members if any were. */
function record<T>(value: unknown, path: string, check: Check<T>): Record<string, T> {
  const o = object(value, path)
  let out: Obj | undefined
  for (const key of Object.keys(o)) {
    if (check(o[key], `${path}[${JSON.stringify(key)}]`) === undefined) {
      out ??= { ...o }
      delete out[key]
    }
  }
  return (out ?? o) as Record<string, T>
}

/** The fields a grant and an entitlement share; `undefined` when the kind is unknown (skip). */
function grant(value: unknown, path: string): Obj | undefined {
  const o = object(value, path)
  if (!knownKind(o, path)) return undefined
  if (o.kind === 'config') {
    const v = o.value
    if (typeof v !== 'string' && typeof v !== 'boolean' && !Number.isFinite(v)) {
      fail(`${path}.value`, 'a string, finite number or boolean', v)
    }
  } else if (o.kind === 'metered') {
    count(o, 'limit', path, true)
    oneOf(o, 'enforcement', path, ENFORCEMENTS)
    oneOf(o, 'resetPeriod', path, RESET_PERIODS)
  }
  return o
}

function entitlement(value: unknown, path: string): Obj | undefined {
  const o = grant(value, path)
  if (o === undefined) return undefined
  oneOf(o, 'source', path, SOURCES)
  instant(o, 'expiresAt', path, true)
  if (o.kind === 'metered') {
    count(o, 'usage', path)
    instant(o, 'resetsAt', path, true)
  }
  return o
}

function price(o: Obj, path: string): void {
  if (o.price === null) return
  const p = object(o.price, `${path}.price`)
  count(p, 'amount', `${path}.price`, false, true)
  string(p, 'currency', `${path}.price`)
  oneOf(p, 'interval', `${path}.price`, INTERVALS)
}

/** A plan or an add-on. */
function offer(value: unknown, path: string): Obj {
  const o = object(value, path)
  string(o, 'id', path)
  string(o, 'name', path)
  string(o, 'description', path, true)
  price(o, path)
  const grants = record(o.grants, `${path}.grants`, grant)
  return grants === o.grants ? o : { ...o, grants }
}

/**
 * Check a `GET /v1/customers/:id/entitlements` response.
 * @throws EntitlementsError `invalid_response`, naming the first bad field.
 */
export function parseSnapshot(json: unknown): EntitlementsSnapshot {
  const path = 'snapshot'
  const o = object(json, path)
  string(o, 'customerId', path)
  string(o, 'environment', path)
  count(o, 'version', path, false, true)
  instant(o, 'generatedAt', path)
  if (o.plan !== null) {
    const plan = object(o.plan, `${path}.plan`)
    string(plan, 'id', `${path}.plan`)
    string(plan, 'name', `${path}.plan`)
  }
  instant(o, 'trialEndsAt', path, true)
  const entitlements = record(o.entitlements, `${path}.entitlements`, entitlement)
  return (entitlements === o.entitlements ? o : { ...o, entitlements }) as unknown as EntitlementsSnapshot
}

/**
 * Check a `GET /v1/catalog` response.
 * @throws EntitlementsError `invalid_response`, naming the first bad field.
 */
export function parseCatalog(json: unknown): Catalog {
  const path = 'catalog'
  const o = object(json, path)
  const features = list(o.features, `${path}.features`, (value, at) => {
    const f = object(value, at)
    string(f, 'id', at)
    string(f, 'name', at)
    string(f, 'unit', at, true)
    string(f, 'description', at, true)
    return knownKind(f, at) ? f : undefined
  })
  const plans = list(o.plans, `${path}.plans`, (value, at) => {
    const p = offer(value, at)
    count(p, 'trialDays', at, false, true)
    return p
  })
  const addons = list(o.addons, `${path}.addons`, (value, at) => {
    const a = offer(value, at)
    list(a.availableFor, `${at}.availableFor`, (id, at2) =>
      typeof id === 'string' ? id : fail(at2, 'a string', id),
    )
    return a
  })
  return (features === o.features && plans === o.plans && addons === o.addons
    ? o
    : { ...o, features, plans, addons }) as unknown as Catalog
}

/**
 * Check one metered entitlement (as returned by the usage endpoint).
 * @param path Where it sits in the response, for error messages. Default `'entitlement'`.
 * @throws EntitlementsError `invalid_response`, naming the first bad field.
 */
export function parseMeteredEntitlement(json: unknown, path = 'entitlement'): MeteredEntitlement {
  const o = object(json, path)
  if (o.kind !== 'metered') fail(`${path}.kind`, '"metered"', o.kind)
  return entitlement(o, path) as unknown as MeteredEntitlement
}

/**
 * Check a `POST /v1/customers/:id/usage` response: `{ entitlement, version }`.
 * @throws EntitlementsError `invalid_response`, naming the first bad field.
 */
export function parseUsageResult(json: unknown): UsageResult {
  const o = object(json, 'usage')
  parseMeteredEntitlement(o.entitlement, 'usage.entitlement')
  count(o, 'version', 'usage', false, true)
  return o as unknown as UsageResult
}
