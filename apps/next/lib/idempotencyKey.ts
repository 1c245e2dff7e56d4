// One key per user intent (an invitation), so a retried server action takes one seat, not two.
export function idempotencyKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return `${prefix}-${hex}`
}
