/**
 * fast-check generators for webhook requests: URLs built from parts (so the same URL can be
 * written with and without its port), form parameters shaped as Express/querystring parses them
 * (a repeated name becomes an array), tokens and JSON bodies. The character sets lean on what
 * breaks signature code: apostrophes, percent escapes, `+`, reserved characters, non-ASCII text.
 */
import fc from 'fast-check'

const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')
const TRICKY = ["'", '%27', '+', '%2B', '%20', '-', '.', '_', '~', '!', '*', '(', ')', ',', ';', ':', '@', '$']
const UNICODE = ['é', 'ß', '日本', '😀', 'ü', '\u00a0']
const QUERY_ONLY = ['=', '&', '/', '?', '%', '"', '<', '>', '[', ']', '|', '^', '`', '{', '}', ' ']

const unit = (extra: string[]) =>
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ASCII) }, { weight: 3, arbitrary: fc.constantFrom(...extra) })

const pathSegment = fc.string({ unit: unit([...TRICKY, ...UNICODE]), maxLength: 8 })
const queryText = fc.string({ unit: unit([...TRICKY, ...UNICODE, ...QUERY_ONLY]), maxLength: 10 })

/** A URL as parts, so that tests can write it with a different port. */
export interface UrlParts {
  readonly scheme: 'http://' | 'https://' | 'HTTPS://'
  readonly userInfo: string
  readonly host: string
  /** `''`, `:443`, `:8443`, ... */
  readonly port: string
  /** Path and query, starting with `/`. */
  readonly rest: string
}

export const urlParts: fc.Arbitrary<UrlParts> = fc.record({
  scheme: fc.constantFrom('http://' as const, 'https://' as const, 'HTTPS://' as const),
  userInfo: fc.constantFrom('', '', '', 'user@', 'user:pass@', "o'neil:p%40ss@"),
  host: fc.constantFrom('example.com', 'mycompany.com', 'Example.COM', '127.0.0.1', '[::1]', 'bücher.example'),
  port: fc.constantFrom('', '', '', ':443', ':80', ':8443', ':1234'),
  rest: fc
    .tuple(
      fc.array(pathSegment, { maxLength: 3 }),
      fc.option(fc.array(fc.tuple(queryText, fc.option(queryText)), { maxLength: 4 }), { nil: undefined }),
    )
    .map(([segments, query]) => {
      const path = `/${segments.join('/')}`
      if (query === undefined) return path
      return `${path}?${query.map(([name, value]) => (value === null ? name : `${name}=${value}`)).join('&')}`
    }),
})

export const urlOf = (parts: UrlParts, port = parts.port) =>
  parts.scheme + parts.userInfo + parts.host + port + parts.rest

/** The port the scheme implies. */
export const defaultPortOf = (parts: UrlParts) => (parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80')

/** Form parameters as an object; a name sent more than once holds an array, as Express parses it. */
export type FormParams = Record<string, string | string[]>

const paramName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('CallSid', 'From', 'To', 'Digits', 'SipHeader_X-Ticket', 'Body', 'Caller') },
  { weight: 3, arbitrary: fc.string({ unit: unit([...TRICKY, ...UNICODE]), minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
)
const paramValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: unit([...TRICKY, ...UNICODE, ...QUERY_ONLY]), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
)

/** Name/value pairs in sending order, with repeats (same name, same or other value). */
export const formPairs: fc.Arbitrary<[string, string][]> = fc
  .array(fc.tuple(paramName, paramValue), { maxLength: 8 })
  .chain((pairs) =>
    pairs.length === 0
      ? fc.constant(pairs)
      : fc
          .array(fc.tuple(fc.nat(pairs.length - 1), fc.option(paramValue, { nil: undefined })), { maxLength: 3 })
          .map((repeats) => [
            ...pairs,
            ...repeats.map(([index, value]): [string, string] => [pairs[index]![0], value ?? pairs[index]![1]]),
          ]),
  )

/** The pairs grouped the way Express (querystring) hands them to twilio-node. Null prototype: any name is safe. */
export function groupPairs(pairs: readonly (readonly [string, string])[]): FormParams {
  const grouped: Record<string, string[]> = Object.create(null)
  for (const [name, value] of pairs) (grouped[name] ??= []).push(value)
  const params: FormParams = Object.create(null)
  for (const name of Object.keys(grouped)) {
    const values = grouped[name]!
    params[name] = values.length === 1 ? values[0]! : values
  }
  return params
}

export const authToken = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 32, maxLength: 32 }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
)

export const algorithm = fc.constantFrom(undefined, 'HMAC_SHA1' as const, 'HMAC_SHA256' as const)

/** A JSON body as sent, sometimes pretty-printed, sometimes with non-ASCII text. */
export const jsonBody = fc
  .tuple(fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 3 }), fc.boolean())
  .map(([value, pretty]) => (pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)))
