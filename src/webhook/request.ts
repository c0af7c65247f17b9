/**
 * Verifying a whole webhook request given as a Fetch `Request`, for any framework or runtime.
 * The Hono middleware in `twiml-jsx/hono` is a thin layer over {@link verifyTwilioRequest}.
 */
import { timingSafeEqual } from './bytes.js'
import type { DiagnoseInput, SignatureHint } from './diagnose.js'
import { parseForm } from './form.js'
import type { WebhookParams } from './params.js'
import {
  bodySha256,
  parseSignatureSettings,
  SIGNATURE_HEADER,
  SIGNATURE_SETTINGS_HEADER,
  type SignatureAlgorithm,
  validateRequest,
} from './signature.js'

const INVALID = `Invalid ${SIGNATURE_HEADER}`

/** Default body limit: 64 kB, which is ample for Twilio's form posts. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024

/** Looks up a shared key's secret by the key id named in `X-Twilio-Webhooks-Signature-Settings`. */
export type SharedKeySecret = string | ((keyId: string | undefined) => string | undefined | Promise<string | undefined>)

/** Options of {@link verifyTwilioRequest}. */
export interface VerifyRequestOptions {
  /** Your account's Auth Token, which signs requests without a signature-settings header. */
  authToken: string | undefined
  /**
   * The secret of the shared key that signs requests matched by a Webhooks Rule (they carry
   * `X-Twilio-Webhooks-Signature-Settings`), or a function from the header's key id to the secret.
   * Without it such requests are refused.
   */
  sharedKeySecret?: SharedKeySecret
  /**
   * The URL Twilio requested, when it differs from `request.url` (behind a proxy or tunnel).
   * Query parameters are read from this URL, since it is the one the signature covers.
   */
  url?: string
  /** Largest accepted body in bytes, checked against Content-Length and while reading. Default 64 kB. */
  maxBodyBytes?: number
  /**
   * The body, already read by the caller (a framework's fast path, after checking Content-Length
   * against the limit); `request.body` is then left alone. Its size is checked again.
   */
  body?: Uint8Array<ArrayBuffer>
  /**
   * When the signature does not match, find which spelling of the request Twilio signed (another
   * scheme, port, host or query, or a parameter added on the way) and give it as the refusal's
   * `hint`: pass `diagnoseSignature` (from this module). Costs a few dozen HMACs per refused request.
   * A function rather than a flag, so that apps that never diagnose do not bundle it.
   */
  diagnose?: (input: DiagnoseInput) => Promise<SignatureHint | undefined>
}

/** Where a verified request's parameters came from. */
export type WebhookSource =
  /** The form fields of a POST (`application/x-www-form-urlencoded`). */
  | 'form'
  /** The query string of a GET or HEAD request. */
  | 'query'
  /** The query string of a request with a `bodySHA256`-checked body (JSON). */
  | 'body'

/** A request that passed {@link verifyTwilioRequest}, with its parameters. */
export interface VerifiedWebhook<P extends object = WebhookParams> {
  /**
   * The signed parameters by name: the form fields of a POST, otherwise the query parameters.
   * A name sent several times reads as its first value; {@link VerifiedWebhook.allParams} has all.
   * The object has no prototype, so any name is safe to use.
   */
  readonly params: P
  /** Every signed parameter, in the order received, including repeated names. */
  readonly allParams: URLSearchParams
  /** Where the parameters came from. */
  readonly source: WebhookSource
  /** The URL the signature was checked against. */
  readonly url: string
  /** For `source: 'body'`: the body as text. */
  readonly body: string | undefined
  /** For `source: 'body'` with a JSON content type: the parsed body. */
  readonly json: unknown
  /** The algorithm the request was signed with. */
  readonly algorithm: SignatureAlgorithm
  /** The shared key's id, for requests signed with a shared key. */
  readonly keyId: string | undefined
}

/** Statuses {@link verifyTwilioRequest} can refuse a request with. */
export type RejectionStatus = 400 | 403 | 413 | 500

/** Why a request was refused, as data (the `message` says it in words). */
export type RejectionReason =
  /** 403: no `X-Twilio-Signature` header. */
  | 'missing-signature'
  /** 403: the signature does not match the request (see `hint`). */
  | 'invalid-signature'
  /** 403: the signature-settings header names an algorithm Twilio does not use. */
  | 'unsupported-algorithm'
  /** 403: signed with a shared key whose secret is not configured. */
  | 'no-shared-key'
  /** 413: the body is larger than the limit. */
  | 'body-too-large'
  /** 400: the body or its headers are malformed. */
  | 'malformed-request'
  /** 500: no auth token is configured. */
  | 'no-auth-token'
  /** 500: the URL to check is not a URL (a wrong `publicUrl`). */
  | 'invalid-url'

/** A refused request: what the response says, and why. */
export interface Rejection {
  readonly ok: false
  /** 403: missing or wrong signature; 400: malformed request; 413: body too large; 500: no auth token. */
  readonly status: RejectionStatus
  readonly reason: RejectionReason
  /** A short, plain-text reason, suitable as the response body (it never says more than this). */
  readonly message: string
  /** With `diagnose`, for `invalid-signature`: what Twilio signed instead, when it can be found. */
  readonly hint?: SignatureHint
}

/** The outcome of {@link verifyTwilioRequest}. */
export type VerifyResult<P extends object = WebhookParams> =
  | {
      readonly ok: true
      readonly webhook: VerifiedWebhook<P>
      /** The body bytes that were read (the stream is consumed), or `undefined` for GET and HEAD. */
      readonly rawBody: Uint8Array<ArrayBuffer> | undefined
    }
  | Rejection

function reject(status: RejectionStatus, reason: RejectionReason, message: string, hint?: SignatureHint): Rejection {
  return hint === undefined ? { ok: false, status, reason, message } : { ok: false, status, reason, message, hint }
}

interface MediaType {
  readonly essence: string
  readonly charset: string | undefined
}

// A server sees the same Content-Type (and URL) on every webhook: the last one's parse is kept.
let lastMediaType: { header: string; type: MediaType } | undefined

function mediaTypeOf(header: string | null): MediaType | undefined {
  if (header === null) return undefined
  if (lastMediaType?.header === header) return lastMediaType.type
  const type = parseMediaType(header)
  lastMediaType = { header, type }
  return type
}

function parseMediaType(header: string): MediaType {
  const [essence = '', ...parameters] = header.split(';')
  let charset: string | undefined
  for (const parameter of parameters) {
    const separator = parameter.indexOf('=')
    if (separator !== -1 && parameter.slice(0, separator).trim().toLowerCase() === 'charset') {
      charset = parameter
        .slice(separator + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase()
    }
  }
  return { essence: essence.trim().toLowerCase(), charset }
}

const isJson = (type: MediaType | undefined) =>
  type !== undefined && (type.essence === 'application/json' || type.essence.endsWith('+json'))

type BodyRead =
  | { readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly status: RejectionStatus; readonly message: string }

async function readBody(request: Request, limit: number): Promise<BodyRead> {
  const declared = request.headers.get('content-length')
  if (declared !== null) {
    if (!/^\d+$/.test(declared.trim())) return { status: 400, message: 'Invalid Content-Length' }
    if (Number(declared) > limit) return { status: 413, message: 'Request body too large' }
  }
  if (request.body === null) return { bytes: new Uint8Array(0) }
  // Read the stream ourselves so that a body without (or lying about) Content-Length is cut off at
  // the limit instead of being buffered whole.
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel().catch(() => {})
        return { status: 413, message: 'Request body too large' }
      }
      chunks.push(value)
    }
  } catch {
    return { status: 400, message: 'Could not read the request body' }
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { bytes }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return undefined
  }
}

// Parameters inherit nothing (a form may send `constructor` or `__proto__`), but an object made by
// Object.create(null) keeps its properties in dictionary mode, several µs per webhook: an object
// whose prototype is an empty object with no prototype of its own inherits nothing and stays fast.
const NO_INHERITED_PROPERTIES: object = Object.freeze(Object.create(null))

function firstValues(pairs: readonly (readonly [string, string])[]): WebhookParams {
  const params: Record<string, string> = Object.create(NO_INHERITED_PROPERTIES)
  // In the order received; a repeated name keeps its first value (values are never undefined).
  for (const [name, value] of pairs) if (params[name] === undefined) params[name] = value
  return params
}

let lastQuery: { url: string; pairs: [string, string][] } | undefined

/**
 * The query parameters of `url` as pairs, or `undefined` if `url` is not a URL. The pairs of the
 * last URL are kept (they are only read, never changed).
 */
function queryPairs(url: string): [string, string][] | undefined {
  if (lastQuery?.url === url) return lastQuery.pairs
  const pairs = parseQuery(url)
  if (pairs !== undefined) lastQuery = { url, pairs }
  return pairs
}

function parseQuery(url: string): [string, string][] | undefined {
  try {
    const parsed = new URL(url)
    return parsed.search === '' ? [] : [...parsed.searchParams]
  } catch {
    return undefined
  }
}

async function secretFor(request: Request, options: VerifyRequestOptions): Promise<Signer | VerifyResult<never>> {
  const settingsHeader = request.headers.get(SIGNATURE_SETTINGS_HEADER)
  if (!settingsHeader) {
    if (!options.authToken) return reject(500, 'no-auth-token', 'Twilio auth token is not configured')
    return { secret: options.authToken, algorithm: 'HMAC_SHA1', keyId: undefined }
  }
  const settings = parseSignatureSettings(settingsHeader)
  const algorithm = settings.algorithm.toUpperCase()
  if (algorithm !== 'HMAC_SHA1' && algorithm !== 'HMAC_SHA256') {
    return reject(403, 'unsupported-algorithm', 'Unsupported signature algorithm')
  }
  const lookup = options.sharedKeySecret
  const secret = typeof lookup === 'function' ? await lookup(settings.keyId) : lookup
  if (!secret) return reject(403, 'no-shared-key', 'No shared key secret for this request')
  return { secret, algorithm, keyId: settings.keyId }
}

type Signer = { secret: string; algorithm: SignatureAlgorithm; keyId: string | undefined }

// The two outcomes are module functions, not closures made on every request: a webhook server
// calls this thousands of times a second.
async function invalidSignature(
  request: Request,
  options: VerifyRequestOptions,
  signer: Signer,
  signature: string,
  url: string,
  params: readonly (readonly [string, string])[],
): Promise<Rejection> {
  const hint = options.diagnose
    ? await options.diagnose({
        secret: signer.secret,
        hash: signer.algorithm === 'HMAC_SHA256' ? 'SHA-256' : 'SHA-1',
        signature,
        url,
        params,
        headers: request.headers,
      })
    : undefined
  return reject(403, 'invalid-signature', INVALID, hint)
}

function verifiedWebhook<P extends object>(
  source: WebhookSource,
  pairs: [string, string][],
  url: string,
  signer: Signer,
  body?: string,
  json?: unknown,
): VerifiedWebhook<P> {
  let allParams: URLSearchParams | undefined
  return {
    params: firstValues(pairs) as P,
    // Built on first use: most handlers read `params` only.
    get allParams() {
      allParams ??= new URLSearchParams(pairs)
      return allParams
    },
    source,
    url,
    body,
    json,
    algorithm: signer.algorithm,
    keyId: signer.keyId,
  }
}

/**
 * Checks that a Fetch `Request` comes from Twilio and reads its parameters.
 *
 * The request is refused, in this order, when: it has no `X-Twilio-Signature` (403); the body is
 * larger than `maxBodyBytes`, by Content-Length or by counting while reading (413); the body is
 * malformed: not well-formed form data, not UTF-8, invalid JSON, or a content type other than a
 * form where a form is expected (400); the signature does not match (403). A request whose URL has a
 * `bodySHA256` query parameter is checked as a JSON webhook: URL signature plus body hash. GET and
 * HEAD requests are checked against their query string. The body stream is consumed.
 */
export async function verifyTwilioRequest<P extends object = WebhookParams>(
  request: Request,
  options: VerifyRequestOptions,
): Promise<VerifyResult<P>> {
  const signature = request.headers.get(SIGNATURE_HEADER)
  if (!signature) return reject(403, 'missing-signature', `Missing ${SIGNATURE_HEADER} header`)
  const signer = await secretFor(request, options)
  if ('ok' in signer) return signer

  const url = options.url ?? request.url
  const query = queryPairs(url)
  if (query === undefined) return reject(500, 'invalid-url', 'The public URL of this webhook is not a valid URL')
  const validation = { algorithm: signer.algorithm }
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (!(await validateRequest(signer.secret, signature, url, {}, validation)))
      return invalidSignature(request, options, signer, signature, url, [])
    return { ok: true, webhook: verifiedWebhook<P>('query', query, url, signer), rawBody: undefined }
  }

  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const read: BodyRead =
    options.body === undefined
      ? await readBody(request, limit)
      : options.body.byteLength > limit
        ? { status: 413, message: 'Request body too large' }
        : { bytes: options.body }
  if ('status' in read) {
    return reject(read.status, read.status === 413 ? 'body-too-large' : 'malformed-request', read.message)
  }
  const type = mediaTypeOf(request.headers.get('content-type'))
  if (type?.charset !== undefined && type.charset !== 'utf-8' && type.charset !== 'utf8') {
    return reject(400, 'malformed-request', 'Unsupported charset: expected UTF-8')
  }
  const text = decodeUtf8(read.bytes)
  if (text === undefined) return reject(400, 'malformed-request', 'Request body is not valid UTF-8')

  if (query.some(([name]) => name === 'bodySHA256')) {
    let json: unknown
    if (isJson(type)) {
      try {
        json = JSON.parse(text)
      } catch {
        return reject(400, 'malformed-request', 'Invalid JSON body')
      }
    }
    // The URL signature and the body hash, checked apart so a refusal can say which failed.
    const urlSigned = await validateRequest(signer.secret, signature, url, {}, validation)
    const expectedHash = query.find(([name]) => name === 'bodySHA256')?.[1] ?? ''
    const bodyMatches = timingSafeEqual(expectedHash, await bodySha256(read.bytes))
    if (!urlSigned) return invalidSignature(request, options, signer, signature, url, [])
    if (!bodyMatches) {
      const hint: SignatureHint = {
        kind: 'body',
        signedUrl: url,
        advice:
          'the URL is signed, but the body is not the one Twilio hashed into bodySHA256: something changed it on the way',
      }
      return reject(403, 'invalid-signature', INVALID, options.diagnose ? hint : undefined)
    }
    return { ok: true, webhook: verifiedWebhook<P>('body', query, url, signer, text, json), rawBody: read.bytes }
  }

  // Twilio posts forms; anything else without a bodySHA256 cannot be checked against a signature.
  const isForm = type?.essence === 'application/x-www-form-urlencoded'
  if (!isForm && !(type === undefined && text === '')) {
    return reject(400, 'malformed-request', 'Expected an application/x-www-form-urlencoded body')
  }
  const pairs = parseForm(text)
  if (pairs === undefined) return reject(400, 'malformed-request', 'Malformed form body')
  if (!(await validateRequest(signer.secret, signature, url, pairs, validation)))
    return invalidSignature(request, options, signer, signature, url, pairs)
  return { ok: true, webhook: verifiedWebhook<P>('form', pairs, url, signer), rawBody: read.bytes }
}
