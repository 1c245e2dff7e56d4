// Helpers are typed globally (`Register['helpers']`) but bound per provider (`helpers={…}`), so the
// types can promise `useEntitlements().canInviteMembers` to a component rendered under a provider
// that was never given them (typically a test). Without this, the call fails as
// `canInviteMembers is not a function`; in development it fails saying what to pass instead.

/**
 * Names that tools read on any object to find out what it is (promises, test matchers, printers,
 * React): never reported as missing helpers, so inspecting the value stays harmless.
 */
const probed = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  'constructor',
])

/**
 * Development only: `value` behind a proxy whose unknown names are functions that throw a
 * `TypeError` naming the helper and what to pass. Known names read through unchanged.
 */
export function reportMissingHelpers<T extends object>(value: T, helperNames: readonly string[]): T {
  return new Proxy(value, {
    get(target, name, receiver) {
      if (typeof name !== 'string' || Reflect.has(target, name) || probed.has(name) || name.startsWith('@@'))
        return Reflect.get(target, name, receiver)
      return () => {
        throw new TypeError(missingHelperMessage(name, helperNames))
      }
    },
  })
}

/** The text of the error: which helper, what the provider has, what to pass. */
export function missingHelperMessage(name: string, helperNames: readonly string[]): string {
  const pass =
    'Pass your defineHelpers(…) definition to the provider: <EntitlementsProvider client={client} helpers={helpers}>, ' +
    'and in tests <TestEntitlementsProvider scenario="…" helpers={helpers}> (from @entitle/react/testing).'
  if (helperNames.length === 0)
    return `[entitle] useEntitlements().${name} is not a function: this provider was given no helpers. ${pass}`
  return (
    `[entitle] useEntitlements().${name} is not a function: it is not among this provider's helpers ` +
    `(${helperNames.join(', ')}). Add "${name}" to your defineHelpers(…) definition, or pass the one that has it. ${pass}`
  )
}
