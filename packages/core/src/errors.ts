/** Machine-readable cause of an `EntitlementsError`. */
export type EntitlementsErrorCode =
  | 'network'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'server'
  | 'rate_limited'
  | 'invalid_response'
  | 'limit_exceeded'
  | 'bad_request'
  | 'conflict'
  | 'aborted'

/** Every error the client surfaces. Never thrown during a check or a render: only from async calls. */
export class EntitlementsError extends Error {
  override readonly name = 'EntitlementsError'
  // `declare`: assigned in the constructor, so no separate field initialisers are emitted.
  declare readonly code: EntitlementsErrorCode
  /** HTTP status, when the server answered. */
  declare readonly status: number | undefined
  /** The server's own `error.code` (e.g. `trial_already_used`), when it sent one. */
  declare readonly serverCode: string | undefined

  constructor(
    code: EntitlementsErrorCode,
    message: string,
    options?: { status?: number; cause?: unknown; serverCode?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = options?.status
    this.serverCode = options?.serverCode
  }

  /** Worth retrying: network failures, timeouts, 5xx and 429. */
  get retryable(): boolean {
    return (
      this.code === 'network' ||
      this.code === 'timeout' ||
      this.code === 'server' ||
      this.code === 'rate_limited'
    )
  }
}
