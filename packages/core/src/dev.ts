// Development-only diagnostics. Bundlers replace `process.env.NODE_ENV`, so in production builds the
// condition folds to `false` and minifiers drop the warnings with their message strings. The
// `typeof process` guard keeps unbundled browser use (no `process` global) from throwing.

// Module-scoped on purpose: core builds without @types/node, and this must not clash with it where present.
declare const process: { env: { NODE_ENV?: string } }

/** `true` unless `process.env.NODE_ENV === 'production'`. Read once: it never changes at runtime. */
export const isDev: boolean = typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'

/** `console.warn` with the `[entitle]` prefix, in development only. */
export function devWarn(message: string): void {
  if (isDev) console.warn(`[entitle] ${message}`)
}
