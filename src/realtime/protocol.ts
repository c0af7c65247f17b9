/**
 * A protocol as data: the field that names a message's type (`type` for ConversationRelay,
 * `event` for Media Streams) and one field table per message type and direction. Parsing and the
 * checks on what you send both read these tables.
 */
import { messageError, type RealtimeError, type RealtimeIssue, type RealtimeProtocol } from './errors.js'
import { type Fields, readObject } from './fields.js'

/** One table per message type of the union `M`, keyed by its discriminant `K`. */
export type MessageTables<M, K extends keyof M> = {
  readonly [T in M[K] & string]: Fields<Extract<M, Record<K, T>>>
}

/** Rules about a message as a whole (e.g. "one of two fields must be there"). */
export type MessageRules<M, K extends keyof M> = {
  readonly [T in M[K] & string]?: (message: Extract<M, Record<K, T>>) => RealtimeIssue[]
}

/** Everything the parser knows about one protocol. */
export interface ProtocolSpec<In, Out, K extends keyof In & keyof Out & string> {
  readonly name: RealtimeProtocol
  /** The field that names the message type. */
  readonly key: K
  /** Messages Twilio sends to your server. */
  readonly inbound: MessageTables<In, K>
  /** Messages your server sends to Twilio. */
  readonly outbound: MessageTables<Out, K>
  readonly outboundRules?: MessageRules<Out, K>
}

/** The outcome of parsing one message. */
export type ParseResult<M> =
  | { readonly ok: true; readonly message: M }
  | { readonly ok: false; readonly error: RealtimeError }

const MAX_RAW = 2_000

/**
 * Checks a decoded JSON value against `tables`: the discriminant names a known message type and
 * every field passes its check. Never throws.
 */
export function checkMessage<M>(
  protocol: RealtimeProtocol,
  key: string,
  tables: Record<string, Fields<unknown>>,
  rules: Record<string, ((message: never) => RealtimeIssue[]) | undefined> | undefined,
  value: unknown,
  kind: 'malformed' | 'invalid-outbound',
  raw?: string,
): ParseResult<M> {
  const clipped = raw !== undefined && raw.length > MAX_RAW ? `${raw.slice(0, MAX_RAW)}...` : raw
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const issue = { path: '', message: `not a JSON object with a "${key}" field` }
    return { ok: false, error: messageError(kind, protocol, undefined, [issue], clipped) }
  }
  const type = (value as Record<string, unknown>)[key]
  const known = Object.keys(tables)
  if (typeof type !== 'string' || !Object.hasOwn(tables, type)) {
    const issue = {
      path: key,
      message: `must be one of ${known.map((name) => `"${name}"`).join(', ')}, got ${JSON.stringify(type) ?? 'nothing'}`,
    }
    return { ok: false, error: messageError(kind, protocol, undefined, [issue], clipped) }
  }
  const issues: RealtimeIssue[] = []
  const message = readObject(tables[type]!, value, '', issues)
  if (message !== undefined) {
    const rule = rules?.[type]
    if (rule) issues.push(...rule(message as never))
  }
  if (message === undefined || issues.length > 0) {
    return { ok: false, error: messageError(kind, protocol, type, issues, clipped) }
  }
  return { ok: true, message: message as M }
}

/** Parses the text of one WebSocket message from Twilio. Never throws. */
export function parseInbound<In, Out, K extends keyof In & keyof Out & string>(
  spec: ProtocolSpec<In, Out, K>,
  data: unknown,
): ParseResult<In> {
  if (typeof data !== 'string') {
    const issue = { path: '', message: 'a binary frame; the protocol sends JSON in text frames' }
    return { ok: false, error: messageError('malformed', spec.name, undefined, [issue]) }
  }
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch (error) {
    const issue = { path: '', message: `not valid JSON (${(error as Error).message})` }
    const raw = data.length > MAX_RAW ? `${data.slice(0, MAX_RAW)}...` : data
    return { ok: false, error: messageError('malformed', spec.name, undefined, [issue], raw) }
  }
  return checkMessage(spec.name, spec.key, asTables(spec.inbound), undefined, value, 'malformed', data)
}

/** Checks a message before it is sent to Twilio. Never throws. */
export function checkOutbound<In, Out, K extends keyof In & keyof Out & string>(
  spec: ProtocolSpec<In, Out, K>,
  message: unknown,
): ParseResult<Out> {
  return checkMessage(
    spec.name,
    spec.key,
    asTables(spec.outbound),
    spec.outboundRules as Record<string, ((message: never) => RealtimeIssue[]) | undefined> | undefined,
    message,
    'invalid-outbound',
  )
}

/** Parses what a server sent (for clients that play Twilio's part, e.g. in-process sockets). */
export function parseOutbound<In, Out, K extends keyof In & keyof Out & string>(
  spec: ProtocolSpec<In, Out, K>,
  data: unknown,
): ParseResult<Out> {
  if (typeof data !== 'string') return checkOutbound(spec, data)
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch (error) {
    const issue = { path: '', message: `not valid JSON (${(error as Error).message})` }
    return { ok: false, error: messageError('malformed', spec.name, undefined, [issue], data) }
  }
  const result = checkOutbound(spec, value)
  if (result.ok) return result
  // Received, so from the receiver's side it is malformed.
  return {
    ok: false,
    error: messageError('malformed', spec.name, result.error.messageType, result.error.issues, data),
  }
}

function asTables(tables: object): Record<string, Fields<unknown>> {
  return tables as Record<string, Fields<unknown>>
}
