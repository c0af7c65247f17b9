/**
 * `X-Twilio-Signature`: computing and checking it with Web Crypto.
 *
 * Twilio signs each webhook request with HMAC-SHA1, keyed with your account's Auth Token, over the
 * full URL it requested followed by every POST parameter as name + value, sorted by name. A JSON
 * body is not signed directly: Twilio adds its hex SHA-256 to the query string as `bodySHA256` and
 * signs the URL alone. Where a Webhooks Rule applies, Twilio signs with the rule's shared key and
 * names the algorithm in `X-Twilio-Webhooks-Signature-Settings`; the signed string is the same.
 */
import { timingSafeEqual } from './bytes.js'
import { type HashName, hmacBackend } from './hmac.js'
import type { VoiceRequest } from './params.js'
import { signedUrlCandidates } from './url.js'

/** The request header that carries the signature. */
export const SIGNATURE_HEADER = 'X-Twilio-Signature'

/** The request header Twilio adds when it signed with a shared key: `key=<id>,algorithm=HMAC_SHA256`. */
export const SIGNATURE_SETTINGS_HEADER = 'X-Twilio-Webhooks-Signature-Settings'

/** The signing algorithms Twilio uses: HMAC-SHA1 (Auth Token) and HMAC-SHA256 (shared keys). */
export type SignatureAlgorithm = 'HMAC_SHA1' | 'HMAC_SHA256'

/**
 * Parameters that take part in a signature: a parsed form, name/value pairs (an array or a Map), or
 * an object such as `{ CallSid: 'CA…' }` or a typed {@link VoiceRequest}, whose values are strings or,
 * for a name sent several times, arrays of strings. `undefined` and `null` values are skipped; other
 * values are converted with `String()`, as twilio-node does.
 */
export type SignedParams = URLSearchParams | Iterable<readonly [string, string]> | ParamRecord | object

/** Form fields by name; a name sent several times holds an array. */
export type ParamRecord = { readonly [name: string]: string | readonly string[] | undefined }

function pairsOf(params: SignedParams): [string, string][] {
  const pairs: [string, string][] = []
  if (Symbol.iterator in params) {
    for (const [name, value] of params as Iterable<readonly [string, unknown]>) pairs.push([name, String(value)])
    return pairs
  }
  const record = params as { readonly [name: string]: unknown }
  for (const name of Object.keys(record)) {
    const value = record[name]
    if (Array.isArray(value)) for (const item of value) pairs.push([name, String(item)])
    else if (value !== undefined && value !== null) pairs.push([name, String(value)])
  }
  return pairs
}

// UTF-16 code unit order, as Array#sort compares strings (and twilio-node sorts).
function byNameThenValue(a: readonly [string, string], b: readonly [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0
}

/**
 * The string Twilio signs: `url`, then for each parameter name in sorted order, the name followed by
 * its value. A name sent several times contributes each distinct value once, values sorted, which is
 * what the public test vectors of Twilio's libraries require. Sorting compares UTF-16 code units,
 * as twilio-node does. Useful when debugging a signature that does not match.
 */
export function signaturePayload(url: string, params: SignedParams = {}): string {
  const pairs = pairsOf(params).sort(byNameThenValue)
  let payload = url
  let previous: readonly [string, string] | undefined
  for (const pair of pairs) {
    // Sorted, so a repeated name/value pair is next to its twin.
    if (previous === undefined || pair[0] !== previous[0] || pair[1] !== previous[1]) payload += pair[0] + pair[1]
    previous = pair
  }
  return payload
}

// Missing or empty means the Auth Token signature, HMAC-SHA1. Case is ignored, as in twilio-node.
function hashOf(algorithm: string | undefined): HashName | undefined {
  if (!algorithm) return 'SHA-1'
  const name = algorithm.toUpperCase()
  if (name === 'HMAC_SHA1') return 'SHA-1'
  if (name === 'HMAC_SHA256') return 'SHA-256'
  return undefined
}

function requireSecret(secret: string): void {
  // An empty key would make the HMAC computable by anyone, so a missing token must never "work".
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError('The Twilio auth token (or shared key secret) must be a non-empty string')
  }
}

/**
 * Computes the `X-Twilio-Signature` value for a request to `url` with `params` (form fields of a
 * POST; leave empty for GET requests and JSON bodies, whose parameters are in the URL).
 *
 * @param secret your Auth Token, or the shared key's secret for HMAC_SHA256
 * @param algorithm `HMAC_SHA1` (default) or `HMAC_SHA256`
 * @throws TypeError if `secret` is empty or the algorithm is not one of the two
 */
export async function computeSignature(
  secret: string,
  url: string,
  params: SignedParams = {},
  algorithm: SignatureAlgorithm | (string & {}) = 'HMAC_SHA1',
): Promise<string> {
  requireSecret(secret)
  const hash = hashOf(algorithm)
  if (!hash) throw new TypeError(`Unsupported webhook signature algorithm: ${algorithm}`)
  return hmacBackend().hmacBase64(secret, hash, signaturePayload(url, params))
}

/** Hex SHA-256 of a request body (a string is hashed as UTF-8): what Twilio puts in `bodySHA256`. */
export async function bodySha256(body: string | Uint8Array<ArrayBuffer>): Promise<string> {
  return hmacBackend().sha256Hex(body)
}

/** Options of {@link validateRequest} and {@link validateRequestWithBody}. */
export interface ValidateOptions {
  /**
   * `HMAC_SHA1` (default, Auth Token) or `HMAC_SHA256`; pass `parseSignatureSettings(header).algorithm`
   * for requests carrying `X-Twilio-Webhooks-Signature-Settings`. Any other value fails validation.
   */
  algorithm?: SignatureAlgorithm | (string & {})
}

/**
 * Checks an `X-Twilio-Signature` against a form POST (`params` = its fields) or a GET request
 * (`params` empty: the query string is part of `url`).
 *
 * `url` is the URL Twilio requested. Besides the URL as given, the spellings Twilio may have signed
 * are tried: without the port and with the default port, as normalised by the WHATWG URL parser,
 * and with `%27` in the query read back as `'`. Comparison takes constant time.
 *
 * @returns `false` for a missing or wrong signature, an unsupported algorithm or an unparsable URL
 * @throws TypeError if `secret` is empty
 */
export async function validateRequest(
  secret: string,
  signature: string | null | undefined,
  url: string,
  params: SignedParams = {},
  options: ValidateOptions = {},
): Promise<boolean> {
  requireSecret(secret)
  const hash = hashOf(options.algorithm)
  if (!signature || !hash) return false
  return signatureMatches(secret, hash, signature, url, signaturePayload('', params))
}

/**
 * Whether `signature` is the HMAC of one of the spellings of `url` followed by `parameters` (the
 * parameter part of {@link signaturePayload}). The URL as given comes first: it is what matches
 * unless something rewrote the URL, and the other spellings are only built when it does not.
 */
export function signatureMatches(
  secret: string,
  hash: HashName,
  signature: string,
  url: string,
  parameters: string,
): boolean | Promise<boolean> {
  const backend = hmacBackend()
  const first = backend.hmacBase64(secret, hash, url + parameters)
  // On a synchronous backend the common case (the URL as received matches) takes no promise at all.
  if (typeof first === 'string' && timingSafeEqual(signature, first)) return true
  return (async () => {
    if (timingSafeEqual(signature, await first)) return true
    for (const candidate of signedUrlCandidates(url)) {
      if (
        candidate !== url &&
        timingSafeEqual(signature, await backend.hmacBase64(secret, hash, candidate + parameters))
      ) {
        return true
      }
    }
    return false
  })()
}

/**
 * Checks a request whose body is not a form (JSON): the signature must match the URL alone, and the
 * body's SHA-256 must match the URL's `bodySHA256` query parameter.
 *
 * @param body the raw body, exactly as received (a string is hashed as UTF-8)
 * @returns `false` if either check fails or `url` has no `bodySHA256`
 * @throws TypeError if `secret` is empty
 */
export async function validateRequestWithBody(
  secret: string,
  signature: string | null | undefined,
  url: string,
  body: string | Uint8Array<ArrayBuffer>,
  options: ValidateOptions = {},
): Promise<boolean> {
  requireSecret(secret)
  let expectedHash: string
  try {
    expectedHash = new URL(url).searchParams.get('bodySHA256') ?? ''
  } catch {
    return false
  }
  const bodyMatches = timingSafeEqual(expectedHash, await bodySha256(body))
  const urlMatches = await validateRequest(secret, signature, url, {}, options)
  return bodyMatches && urlMatches
}

/** What `X-Twilio-Webhooks-Signature-Settings` says. */
export interface SignatureSettings {
  /** The shared key's identifier (`key=`), if given. */
  readonly keyId: string | undefined
  /** The algorithm (`algorithm=`); `HMAC_SHA1` when the header or the field is missing or empty. */
  readonly algorithm: SignatureAlgorithm | (string & {})
}

/**
 * Reads `X-Twilio-Webhooks-Signature-Settings` (`key=<id>,algorithm=HMAC_SHA256`). Fields are
 * separated by commas; names and values are trimmed. A missing header means the Auth Token and
 * HMAC_SHA1.
 */
export function parseSignatureSettings(header: string | null | undefined): SignatureSettings {
  let keyId: string | undefined
  let algorithm: string | undefined
  for (const field of (header ?? '').split(',')) {
    const separator = field.indexOf('=')
    if (separator === -1) continue
    const name = field.slice(0, separator).trim()
    const value = field.slice(separator + 1).trim()
    if (!value) continue
    if (name === 'algorithm' && algorithm === undefined) algorithm = value
    else if (name === 'key' && keyId === undefined) keyId = value
  }
  return { keyId, algorithm: algorithm ?? 'HMAC_SHA1' }
}
