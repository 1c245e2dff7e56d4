// A `text/event-stream` parser (the WHATWG "server-sent events" interpretation rules), fed decoded text
// in arbitrary chunks. Hand-written because `EventSource` cannot send an `Authorization` header, and a
// library would cost more than these lines.

export interface ServerSentEvent {
  /** `event:` field; `'message'` when absent. */
  event: string
  /** `data:` lines joined with `\n`. */
  data: string
  /** `id:` field, when present. */
  id?: string
}

/**
 * Returns a function to feed text to; calls `onEvent` for each complete event. Comments are skipped.
 * A line, or an event's data, longer than `maxChars` throws `tooLarge(message)` (the caller drops the
 * connection): a stream that never ends a line must not grow memory without bound.
 */
export function createSseParser(
  onEvent: (event: ServerSentEvent) => void,
  maxChars = 1 << 20,
  tooLarge: (message: string) => Error = (message) => new Error(message),
): (chunk: string) => void {
  let buffer = ''
  let data: string[] = []
  let size = 0
  const overflow = () => tooLarge(`event stream: a line or event over ${maxChars} characters`)
  let event = ''
  let id: string | undefined
  let first = true

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0)
        onEvent({ event: event || 'message', data: data.join('\n'), ...(id === undefined ? {} : { id }) })
      data = []
      size = 0
      event = ''
      return
    }
    if (text.startsWith(':')) return // comment, e.g. a heartbeat
    const colon = text.indexOf(':')
    const field = colon < 0 ? text : text.slice(0, colon)
    let value = colon < 0 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'data') {
      size += value.length + 1
      if (size > maxChars) throw overflow()
      data.push(value)
    } else if (field === 'event') event = value
    else if (field === 'id' && !value.includes('\0')) id = value
    // `retry:` is ignored: the client's own capped backoff decides reconnection delays.
  }

  // A CR ends a line at once; an LF right after it (maybe in the next chunk) is the rest of a CRLF.
  let afterCR = false
  return (chunk) => {
    buffer += chunk
    if (first && buffer.length > 0) {
      first = false
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1)
    }
    let start = 0
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i)
      if (afterCR && c === 10 && i === start) {
        afterCR = false
        start = i + 1
        continue
      }
      afterCR = false
      if (c !== 10 && c !== 13) continue
      line(buffer.slice(start, i))
      afterCR = c === 13
      start = i + 1
    }
    buffer = buffer.slice(start)
    if (buffer.length > maxChars) throw overflow()
  }
}
