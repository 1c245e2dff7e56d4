// Development-only diagnostics. Bundlers replace `process.env.NODE_ENV`, so in production builds the
// condition folds to `false` and minifiers drop the warnings with their message strings. The
// `typeof process` guard keeps unbundled browser use (no `process` global) from throwing.
//
// The condition is written out at each call site (`typeof process !== 'undefined' && process.env.NODE_ENV
// !== 'production' && …`) rather than shared as an `isDev` constant: minifiers fold the inline
// expression, but not a variable that holds it, and the message would stay in production bundles.
// Files with a call site declare `process` themselves (module-scoped, like this one).

// Module-scoped on purpose: the package builds without @types/node, and this must not clash with it where present.
declare const process: { env: { NODE_ENV?: string } }

/** `console.warn` with the `[entitle]` prefix, in development only. Guard the call site too (see above). */
export function devWarn(message: string): void {
  if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production')
    console.warn(`[entitle] ${message}`)
}
