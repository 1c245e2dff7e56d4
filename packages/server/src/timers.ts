/**
 * Lets a timer not keep the process alive (Node's `unref`); a no-op where timers are numbers
 * (browsers, edge runtimes). Typed loosely on purpose: the handler compiles without Node's types.
 */
export function unrefTimer(timer: unknown): void {
  const handle = timer as { unref?: unknown } | null
  if (typeof handle === 'object' && handle !== null && typeof handle.unref === 'function') handle.unref()
}
