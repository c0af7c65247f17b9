/**
 * Helpers that turn Twilio's string parameters into the values they stand for.
 */
import type { DialActionRequest, WebhookParams } from './params.js'

/**
 * Parameters to read: a parsed form or query (URLSearchParams), or an object of string values such
 * as `c.get('twilio').params` or a typed {@link DialActionRequest}. Non-string values are ignored.
 */
export type ParamSource = URLSearchParams | WebhookParams | object

function entriesOf(params: ParamSource): Iterable<readonly [string, string]> {
  if (params instanceof URLSearchParams) return params
  const record = params as { readonly [name: string]: unknown }
  const entries: [string, string][] = []
  for (const name of Object.keys(record)) {
    const value = record[name]
    if (typeof value === 'string') entries.push([name, value])
  }
  return entries
}

function readerOf(params: ParamSource): (name: string) => string | undefined {
  if (params instanceof URLSearchParams) return (name) => params.get(name) ?? undefined
  const record = params as { readonly [name: string]: unknown }
  return (name) => {
    const value = Object.hasOwn(record, name) ? record[name] : undefined
    return typeof value === 'string' ? value : undefined
  }
}

/** The two prefixes Twilio puts in front of SIP header names. */
export type SipHeaderPrefix = 'SipHeader_' | 'DialSipHeader_'

/**
 * The SIP headers Twilio passed along as parameters, by header name:
 * `SipHeader_X-Ticket=42` becomes `{ 'X-Ticket': '42' }`.
 *
 * `prefix` picks the set: `SipHeader_` (default) for the headers of an incoming SIP call's INVITE or of
 * an answered `<Sip>` leg; `DialSipHeader_` for those of the final response to a `<Dial><Sip>`, sent to
 * the Dial `action` URL. The two are kept apart because a Dial action request can carry both.
 * The result has no prototype, so a header can be named like an `Object` method.
 */
export function sipHeaders(params: ParamSource, prefix: SipHeaderPrefix = 'SipHeader_'): Record<string, string> {
  const headers: Record<string, string> = Object.create(null)
  for (const [name, value] of entriesOf(params)) {
    if (name.length > prefix.length && name.startsWith(prefix)) {
      const header = name.slice(prefix.length)
      // A repeated parameter keeps its first value, as URLSearchParams.get does.
      if (!(header in headers)) headers[header] = value
    }
  }
  return headers
}

// Plain decimal notation only: Number() would also take '', ' 7 ', '0x1f' and '1e3'.
const DECIMAL = /^-?\d+(?:\.\d+)?$/

/**
 * Reads a decimal parameter such as `CallDuration` (`"42"`) or `Confidence` (`"0.93"`).
 * Returns `undefined` when the value is absent, empty or not a plain decimal number.
 */
export function toNumber(value: string | null | undefined): number | undefined {
  return value != null && DECIMAL.test(value) ? Number(value) : undefined
}

/** The numeric parameters {@link numericParams} reads. */
export const NUMERIC_PARAMS = [
  'CallDuration',
  'DialCallDuration',
  'DialSipResponseCode',
  'SequenceNumber',
  'Confidence',
  'RecordingDuration',
  'NumMedia',
  'NumSegments',
  'QueuePosition',
  'QueueTime',
  'AvgQueueTime',
  'CurrentQueueSize',
  'MaxQueueSize',
  'RecordingChannels',
] as const

/** A numeric parameter's name. */
export type NumericParamName = (typeof NUMERIC_PARAMS)[number]

/**
 * The numeric parameters of a request as numbers, e.g. `{ DialCallDuration: 42, DialSipResponseCode: 200 }`.
 * A parameter that is absent, empty or not a plain decimal number is left out.
 */
export type NumericParams = { readonly [Name in NumericParamName]?: number }

/**
 * Reads the numeric parameters Twilio sends ({@link NUMERIC_PARAMS}: `CallDuration`, `DialCallDuration`,
 * `DialSipResponseCode`, `SequenceNumber`, `Confidence`, `RecordingDuration`, `NumMedia`, `NumSegments`,
 * the queue's `QueuePosition`, `QueueTime`, `AvgQueueTime`, `CurrentQueueSize`, `MaxQueueSize`, and
 * `RecordingChannels`) as numbers.
 */
export function numericParams(params: ParamSource): NumericParams {
  const read = readerOf(params)
  const numbers: { [Name in NumericParamName]?: number } = {}
  for (const name of NUMERIC_PARAMS) {
    const value = toNumber(read(name))
    if (value !== undefined) numbers[name] = value
  }
  return numbers
}

/** One media file attached to an incoming message. */
export interface MessageMedia {
  /** Where to fetch the file. */
  readonly url: string
  /** Its MIME type, e.g. `image/jpeg`; empty if Twilio did not say. */
  readonly contentType: string
}

/**
 * The media files of an incoming message, in order: `MediaUrl0`/`MediaContentType0` up to
 * `NumMedia` − 1. Entries without a URL are skipped.
 */
export function messageMedia(params: ParamSource): MessageMedia[] {
  const read = readerOf(params)
  const count = toNumber(read('NumMedia')) ?? 0
  const media: MessageMedia[] = []
  // Twilio allows at most 10 media files per message; the cap also bounds a forged NumMedia.
  for (let index = 0; index < Math.min(count, 10); index++) {
    const url = read(`MediaUrl${index}`)
    if (url) media.push({ url, contentType: read(`MediaContentType${index}`) ?? '' })
  }
  return media
}
