// Runtime validation of everything that arrives over the network (or from storage).
// Size: 1613 bytes gzipped (`esbuild src/validate.ts --bundle --minify --format=esm | gzip -9`,
// including EntitlementsError, ~200 B, which the client needs anyway).
//
// Hand-written rather than valibot / zod-mini: the schema is small and fixed, the checks cost about
// 1.4 kB gzipped with no library runtime, and the errors name the exact field path, e.g.
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
// - Structure: a rule per field kind (`string`, `count`, `instant`, `oneOf(…)`, `orNull(…)`, `nested(…)`,
//   `arrayOf(…)`)
//   and a table of rules per object, checked in table order by `check`, which names the field on failure.
// - Valid input is returned as is (same object) unless something was skipped; then the containing
//   objects are shallow copies without the skipped members. Input is never mutated.
import type { UsageResult } from './clientTypes.js'
import { devWarn } from './dev.js'
import { EntitlementsError } from './errors.js'
import type { Catalog, EntitlementsSnapshot, Grant, MeteredEntitlement } from './types.js'

// Module-scoped on purpose (see dev.ts): core builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

type Obj = Record<string, unknown>
/**
 * One field's check: returns what was expected when `value` is bad (the caller names the field), or
 * nothing when it is fine. A nested check throws itself, naming the deeper field.
 */
type Rule = (value: unknown, path: string) => string | undefined
type Rules = Record<string, Rule>
/** A member of a list or record: the member as kept, or `undefined` to skip it. */
type Member<T> = (value: unknown, path: string) => T | undefined

const KINDS = ['boolean', 'config', 'metered']
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

/** Applies one rule to the value at `path`, failing with what the rule expected. */
function apply(rule: Rule, value: unknown, path: string): void {
  const expected = rule(value, path)
  if (expected) fail(path, expected, value)
}

/** Checks `o`'s fields in the order of `rules`; returns `o`. */
function check(o: Obj, path: string, rules: Rules): Obj {
  for (const key in rules) apply(rules[key]!, o[key], `${path}.${key}`)
  return o
}

// ─── Rules ───────────────────────────────────────────────────────────────────────────────────────

const is =
  (test: (value: unknown) => boolean, expected: string): Rule =>
  (value) =>
    test(value) ? undefined : expected
const orNull =
  (rule: Rule): Rule =>
  (value, path) => {
    if (value === null) return undefined
    const expected = rule(value, path)
    return expected && `${expected} or null`
  }
const optional =
  (rule: Rule): Rule =>
  (value, path) =>
    value === undefined ? undefined : rule(value, path)
const oneOf = (...values: unknown[]): Rule =>
  is((value) => values.includes(value), `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`)
/** A nested object: its own bad fields are named by their full path. */
const nested =
  (rules: Rules): Rule =>
  (value, path) => {
    check(object(value, path), path, rules)
    return undefined
  }
/** An array whose members all pass `rule`; a bad member is named by its index. */
const arrayOf =
  (rule: Rule): Rule =>
  (value, path) => {
    if (!Array.isArray(value)) return 'an array'
    for (let i = 0; i < value.length; i++) apply(rule, value[i], `${path}[${i}]`)
    return undefined
  }

const string = is((v) => typeof v === 'string', 'a string')
const count = is((v) => Number.isFinite(v) && (v as number) >= 0, 'a non-negative number')
/** ISO 4217: three letters (what `Intl.NumberFormat` accepts as a currency). */
const currency = is((v) => typeof v === 'string' && /^[A-Za-z]{3}$/.test(v), 'a three-letter currency code')
const integer = is((v) => Number.isInteger(v) && (v as number) >= 0, 'a non-negative integer')
const instant = is(
  (v) => typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)),
  'an ISO-8601 instant',
)

/** Per kind, what a grant (catalog) and an entitlement (snapshot) share. */
const GRANT: Record<string, Rules> = {
  boolean: {},
  config: {
    value: is(
      (v) => typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v),
      'a string, finite number or boolean',
    ),
  },
  metered: {
    limit: orNull(count),
    enforcement: oneOf('hard', 'soft'),
    resetPeriod: oneOf('day', 'week', 'month', 'year', null),
  },
}
const ENTITLEMENT: Rules = {
  source: oneOf('plan', 'addon', 'trial', 'promotion', 'override'),
  expiresAt: orNull(instant),
}
const METERED: Rules = { usage: count, resetsAt: orNull(instant) }
const NAMED: Rules = { id: string, name: string }
/** Where "Contact sales" may lead: a web page over https, or an e-mail address. */
const contactUrl = is(
  (v) => typeof v === 'string' && /^(https:\/\/[^\s/]|mailto:[^\s])\S*$/i.test(v),
  'an https: or mailto: URL',
)
const OFFER: Rules = {
  ...NAMED,
  description: optional(string),
  price: orNull(nested({ amount: integer, currency, interval: oneOf('month', 'year', 'one_time') })),
  salesLed: optional(is((v) => typeof v === 'boolean', 'a boolean')),
  contactUrl: optional(contactUrl),
}
const SNAPSHOT: Rules = {
  customerId: string,
  environment: string,
  version: integer,
  generatedAt: instant,
  plan: orNull(nested(NAMED)),
  addons: optional(arrayOf(nested(NAMED))),
  trialEndsAt: orNull(instant),
  subscription: optional(
    nested({
      status: oneOf('active', 'trialing', 'past_due', 'unpaid', 'none'),
      currentPeriodEnd: orNull(instant),
      graceEndsAt: orNull(instant),
      scheduledChange: orNull(
        nested({ at: instant, plan: orNull(nested(NAMED)), addons: arrayOf(nested(NAMED)) }),
      ),
    }),
  ),
}
const FEATURE: Rules = { ...NAMED, unit: optional(string), description: optional(string) }

// ─── Members ─────────────────────────────────────────────────────────────────────────────────────

/** `false` (after a one-time development warning) for a kind this client does not know. */
function knownKind(o: Obj, path: string): boolean {
  const kind = o.kind
  if (KINDS.includes(kind as string)) return true
  if (typeof kind !== 'string') fail(`${path}.kind`, 'a string', kind)
  // Inline (not a shared flag) so that production builds drop the branch and its message.
  try {
    if (process.env.NODE_ENV !== 'production' && !warned.has(path + kind)) {
      warned.add(path + kind)
      devWarn(
        `${path} has kind "${kind}", which this version of @entitle/core does not know: skipped (not granted).`,
      )
    }
  } catch {}
  return false
}
const warned = new Set<string>()

/** Each member of an array checked; a copy without skipped (`undefined`) members if any were. */
function list<T>(value: unknown, path: string, member: Member<T>): T[] {
  if (!Array.isArray(value)) fail(path, 'an array', value)
  let out: T[] | undefined
  for (let i = 0; i < value.length; i++) {
    const item = member(value[i], `${path}[${i}]`)
    if (out === undefined && item !== value[i]) out = value.slice(0, i)
    if (out !== undefined && item !== undefined) out.push(item)
  }
  return out ?? value
}

/** Each value of a JSON object checked; a copy without skipped members if any were. */
function record<T>(value: unknown, path: string, member: Member<T>): Record<string, T> {
  const o = object(value, path)
  let out: Obj | undefined
  for (const key of Object.keys(o)) {
    if (member(o[key], `${path}[${JSON.stringify(key)}]`) === undefined) {
      out ??= { ...o }
      delete out[key]
    }
  }
  return (out ?? o) as Record<string, T>
}

/** The fields a grant and an entitlement share; `undefined` when the kind is unknown (skip). */
function grant(value: unknown, path: string): Obj | undefined {
  const o = object(value, path)
  return knownKind(o, path) ? check(o, path, GRANT[o.kind as string]!) : undefined
}

function entitlement(value: unknown, path: string): Obj | undefined {
  const o = grant(value, path)
  if (o) {
    check(o, path, ENTITLEMENT)
    if (o.kind === 'metered') check(o, path, METERED)
  }
  return o
}

/** A plan or an add-on. */
function offer(value: unknown, path: string): Obj {
  const o = check(object(value, path), path, OFFER)
  const grants = record(o.grants, `${path}.grants`, grant)
  return grants === o.grants ? o : { ...o, grants }
}

/**
 * Check a `GET /v1/customers/:id/entitlements` response.
 * @throws EntitlementsError `invalid_response`, naming the first bad field.
 */
export function parseSnapshot(json: unknown): EntitlementsSnapshot {
  const path = 'snapshot'
  const o = check(object(json, path), path, SNAPSHOT)
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
    const f = check(object(value, at), at, FEATURE)
    return knownKind(f, at) ? f : undefined
  })
  const plans = list(o.plans, `${path}.plans`, (value, at) =>
    check(offer(value, at), at, { trialDays: integer, version: optional(integer) }),
  )
  const addons = list(o.addons, `${path}.addons`, (value, at) =>
    check(offer(value, at), at, { availableFor: arrayOf(string) }),
  )
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
  return check(object(json, 'usage'), 'usage', {
    entitlement: (value, path) => {
      parseMeteredEntitlement(value, path)
      return undefined
    },
    version: integer,
  }) as unknown as UsageResult
}

/**
 * Check one grant (what a plan, add-on, promotion or override grants for a feature).
 * @param path Where it sits, for error messages. Default `'grant'`.
 * @throws EntitlementsError `invalid_response`, naming the first bad field (also for an unknown kind).
 */
export function parseGrant(json: unknown, path = 'grant'): Grant {
  const o = object(json, path)
  if (!KINDS.includes(o.kind as string)) fail(`${path}.kind`, `one of ${KINDS.join(', ')}`, o.kind)
  return grant(o, path) as unknown as Grant
}
