// Development-only diagnostics. Bundlers replace `process.env.NODE_ENV`, so production builds drop
// the warnings and their strings. The `typeof process` guard keeps unbundled browser use working.

// Module-scoped on purpose: the package builds without @types/node.
declare const process: { env: { NODE_ENV?: string } }

/** `true` unless `process.env.NODE_ENV === 'production'`. */
export const isDev: boolean = typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'

/** `console.warn` with the `[entitle]` prefix, in development only. */
export function devWarn(message: string): void {
  if (isDev) console.warn(`[entitle] ${message}`)
}
