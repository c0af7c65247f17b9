/**
 * Building signed requests the way Twilio does, for your own tests.
 */
import {
  bodySha256,
  computeSignature,
  SIGNATURE_HEADER,
  SIGNATURE_SETTINGS_HEADER,
  type SignatureAlgorithm,
  type SignedParams,
} from './signature.js'

/** What {@link signTwilioRequest} should send. */
export interface TwilioRequestInit {
  /** The webhook URL as configured at Twilio; it is signed exactly as written. */
  url: string
  /** `POST` (default) sends `params` as a form body; `GET` appends them to the query string. */
  method?: string
  /** The webhook parameters, e.g. `{ CallSid: 'CA…', From: '+1…' }`. */
  params?: SignedParams
  /**
   * A JSON body (a string is sent as is, anything else through `JSON.stringify`). Its SHA-256 is
   * added to the URL as `bodySHA256` and the URL alone is signed, as Twilio does for JSON webhooks.
   * Cannot be combined with `params`.
   */
  json?: unknown
  /** `HMAC_SHA1` (default) or `HMAC_SHA256`. */
  algorithm?: SignatureAlgorithm
  /**
   * Sign as a Webhooks Rule would: adds `X-Twilio-Webhooks-Signature-Settings: key=<keyId>,algorithm=…`.
   * The header is also added, without `key=`, whenever `algorithm` is not HMAC_SHA1.
   */
  keyId?: string
  /** Further request headers. */
  headers?: HeadersInit
}

function appendQuery(url: string, query: string): string {
  if (query === '') return url
  const fragment = url.indexOf('#')
  const base = fragment === -1 ? url : url.slice(0, fragment)
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&'
  return base + separator + query + (fragment === -1 ? '' : url.slice(fragment))
}

function toSearchParams(params: SignedParams): URLSearchParams {
  if (Symbol.iterator in params) {
    const search = new URLSearchParams()
    for (const [name, value] of params as Iterable<readonly [string, string]>) search.append(name, value)
    return search
  }
  const search = new URLSearchParams()
  const record = params as { readonly [name: string]: unknown }
  for (const name of Object.keys(record)) {
    const value = record[name]
    if (Array.isArray(value)) for (const item of value) search.append(name, String(item))
    else if (value !== undefined && value !== null) search.append(name, String(value))
  }
  return search
}

/** A signed request before it becomes a `Request`: the URL exactly as signed, and what to send. */
export interface SignedTwilioRequest {
  /** The URL as signed (Request#url would show it WHATWG-normalised). */
  readonly url: string
  readonly method: string
  readonly headers: Headers
  readonly body: string | undefined
  readonly signature: string
}

/** What {@link signTwilioRequest} builds, as parts (the `twiml-jsx` CLI prints them for curl). */
export async function signedTwilioRequest(secret: string, init: TwilioRequestInit): Promise<SignedTwilioRequest> {
  const method = (init.method ?? 'POST').toUpperCase()
  const algorithm = init.algorithm ?? 'HMAC_SHA1'
  const headers = new Headers(init.headers)
  let url = init.url
  let body: string | undefined
  let signedParams: SignedParams = {}

  if (init.json !== undefined) {
    if (init.params !== undefined) throw new TypeError('signTwilioRequest: give either params or json, not both')
    body = typeof init.json === 'string' ? init.json : JSON.stringify(init.json)
    url = appendQuery(url, `bodySHA256=${await bodySha256(body)}`)
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  } else if (method === 'GET' || method === 'HEAD') {
    url = appendQuery(url, toSearchParams(init.params ?? {}).toString())
  } else {
    const form = toSearchParams(init.params ?? {})
    body = form.toString()
    signedParams = form
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded')
  }

  const signature = await computeSignature(secret, url, signedParams, algorithm)
  headers.set(SIGNATURE_HEADER, signature)
  if (init.keyId !== undefined || algorithm !== 'HMAC_SHA1') {
    const key = init.keyId === undefined ? '' : `key=${init.keyId},`
    headers.set(SIGNATURE_SETTINGS_HEADER, `${key}algorithm=${algorithm}`)
  }
  return { url, method, headers, body, signature }
}

/**
 * Builds a `Request` signed with `secret` as Twilio would send it: a form POST, a GET with the
 * parameters in the query string, or a JSON POST with `bodySHA256`. Meant for testing your webhooks,
 * e.g. `app.request(await signTwilioRequest(token, { url, params }))` with Hono.
 *
 * @param secret your Auth Token, or the shared key's secret with `algorithm: 'HMAC_SHA256'`
 */
export async function signTwilioRequest(secret: string, init: TwilioRequestInit): Promise<Request> {
  const { url, method, headers, body } = await signedTwilioRequest(secret, init)
  return new Request(url, body === undefined ? { method, headers } : { method, headers, body })
}
