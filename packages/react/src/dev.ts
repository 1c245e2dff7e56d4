// Development-only diagnostics. Bundlers replace `process.env.NODE_ENV` (Vite, webpack, Next.js,
// esbuild, Rollup…), also where no `process` exists (a browser under Vite's dev server), so in
// production builds the condition folds to `false` and minifiers drop the warnings with their message
// strings. Each call site reads it bare, inside a `try` that swallows the ReferenceError of an
// unbundled runtime with no `process`: there it is simply not development.
//
//   try {
//     if (process.env.NODE_ENV !== 'production' && …) devWarn(…)
//   } catch {}
//
// A development error (a part outside its root) is worded inside the `try` and thrown after it, so
// the `catch` never swallows it. Not a shared `isDev` constant: minifiers fold the inline
// expression, not a variable that holds it. Not `typeof process !== 'undefined'`: bundlers leave
// that alone, and under Vite's dev server it is false, which kept every warning silent there.
// Files with a call site declare `process` themselves (module-scoped, like this one).

// Module-scoped on purpose: the package builds without @types/node, and this must not clash with it where present.
declare const process: { env: { NODE_ENV?: string } }

/** `console.warn` with the `[entitle]` prefix, in development only. Guard the call site too (see above). */
export function devWarn(message: string): void {
  try {
    if (process.env.NODE_ENV !== 'production') console.warn(`[entitle] ${message}`)
  } catch {}
}
