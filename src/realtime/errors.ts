/**
 * What goes wrong on a realtime socket, as data: a message that breaks the protocol (with every
 * problem found, each at its field path), a listener that threw, or the socket itself.
 */

/** The two WebSocket protocols Twilio speaks. */
export type RealtimeProtocol = 'ConversationRelay' | 'Media Streams'

/** One problem with one message: which field (`prompt.last`, `media.payload`) and what is wrong. */
export interface RealtimeIssue {
  /** Field path inside the message, e.g. `last` or `start.mediaFormat.sampleRate`; `` for the message itself. */
  readonly path: string
  /** Human sentence, without the path: `must be a boolean, got "yes"`. */
  readonly message: string
}

/** Why a {@link RealtimeError} happened. */
export type RealtimeErrorKind =
  /** A message from the other end that is not valid JSON or not a documented message. */
  | 'malformed'
  /** A message you tried to send that Twilio would reject (thrown by `send`). */
  | 'invalid-outbound'
  /** One of your listeners threw or its promise rejected; the session goes on. */
  | 'listener'
  /** `send` after the socket closed. */
  | 'closed'
  /** The WebSocket reported an error. */
  | 'socket'

function formatIssue(issue: RealtimeIssue): string {
  return issue.path === '' ? issue.message : `${issue.path} ${issue.message}`
}

/** Describes a value for an error message: short, and never the whole of a large payload. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  let text: string
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/**
 * An error on a realtime session. Sessions never throw these at the socket: they go to the
 * session's `onError` listeners (or `console.error` when there are none) and the socket stays open.
 * `send` throws one (kind `invalid-outbound` or `closed`) to its caller.
 */
export class RealtimeError extends Error {
  override name = 'RealtimeError'
  constructor(
    readonly kind: RealtimeErrorKind,
    readonly protocol: RealtimeProtocol,
    message: string,
    options: {
      /** For `malformed` and `invalid-outbound`: every problem found. */
      issues?: readonly RealtimeIssue[]
      /** The message type (`prompt`, `media`), when it could be read. */
      messageType?: string
      /** The raw text received, for `malformed`. */
      raw?: string
      cause?: unknown
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.issues = options.issues ?? []
    this.messageType = options.messageType
    this.raw = options.raw
  }
  readonly issues: readonly RealtimeIssue[]
  readonly messageType: string | undefined
  readonly raw: string | undefined
}

/** The error for a message that breaks the protocol, its text listing each issue. */
export function messageError(
  kind: 'malformed' | 'invalid-outbound',
  protocol: RealtimeProtocol,
  messageType: string | undefined,
  issues: readonly RealtimeIssue[],
  raw?: string,
): RealtimeError {
  const what = messageType === undefined ? `${protocol} message` : `${protocol} "${messageType}" message`
  const direction = kind === 'malformed' ? 'Invalid' : 'Cannot send'
  const text =
    issues.length === 1
      ? `${direction} ${what}: ${formatIssue(issues[0]!)}`
      : `${direction} ${what}, ${issues.length} problems:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`
  return new RealtimeError(kind, protocol, text, { issues, messageType, raw })
}
