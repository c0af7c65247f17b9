/**
 * Why a signature did not match: which other spelling of the request Twilio signed.
 *
 * Twilio signs the exact URL it requested plus the form parameters it sent
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-security). When validation fails for a
 * genuine request, the app almost always checked a different URL or different parameters than
 * Twilio signed (https://www.twilio.com/docs/api/errors/57012: "a URL that is not exactly the same
 * as the webhook URL Twilio used, including query parameters"; "not all received form parameters").
 * These are the cases tried here, with the same secret — never another one:
 *
 * - `scheme`: `https` vs `http` (a proxy that terminates TLS hands the app `http://`);
 * - `port`: a port the app does not see (from `X-Forwarded-Port`, or the `Host` header);
 * - `host`: another host (from `X-Forwarded-Host`, `Forwarded: host=`, `X-Original-Host`, `Host`);
 * - `query`: the query string without a parameter, without the query, or percent-decoded;
 * - `parameter`: the form without one of its parameters (something added it on the way).
 *
 * A forged request matches none of them: the diagnosis tells nothing about the secret.
 */
import type { HashName } from './hmac.js'
import { type SignedParams, signatureMatches, signaturePayload } from './signature.js'

/** Which part of the request differs from what Twilio signed. */
export type SignatureMismatch = 'scheme' | 'port' | 'host' | 'query' | 'parameter' | 'body'

/** What {@link diagnoseSignature} found: the spelling the signature matches, and what to do. */
export interface SignatureHint {
  readonly kind: SignatureMismatch
  /** The URL the signature matches (for `parameter` and `body`: the URL that was checked). */
  readonly signedUrl: string
  /** `parameter`: the parameter Twilio did not sign. */
  readonly parameter?: string
  /** One sentence for a log: what differs and how to fix it. */
  readonly advice: string
}

/** Input of {@link diagnoseSignature}. */
export interface DiagnoseInput {
  readonly secret: string
  readonly hash: HashName
  readonly signature: string
  /** The URL the signature was checked against. */
  readonly url: string
  /** The form parameters that were checked (none for GET and JSON requests). */
  readonly params?: readonly (readonly [string, string])[]
  /** The request's headers, where proxies say what the original request looked like. */
  readonly headers?: Headers
}

// Bounds on the work a refused request can cause.
const MAX_HEADER_VALUES = 8
const MAX_QUERY_PARAMS = 32
const MAX_FORM_NAMES = 64

interface Parts {
  readonly scheme: string
  readonly userInfo: string
  readonly host: string
  /** Without the colon; empty when the URL has none. */
  readonly port: string
  readonly path: string
  /** Without the `?`; `undefined` when the URL has none. */
  readonly query: string | undefined
  /** With the `#`, or empty. */
  readonly fragment: string
}

const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/i

function partsOf(url: string): Parts | undefined {
  const match = URL_PARTS.exec(url)
  if (!match) return undefined
  const authority = match[2]!
  const at = authority.lastIndexOf('@')
  const hostAndPort = authority.slice(at + 1)
  const colon = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1)
  return {
    scheme: match[1]!.toLowerCase(),
    userInfo: authority.slice(0, at + 1),
    host: colon === -1 ? hostAndPort : hostAndPort.slice(0, colon),
    port: colon === -1 ? '' : hostAndPort.slice(colon + 1),
    path: match[3]!,
    query: match[4],
    fragment: match[5] ?? '',
  }
}

function urlOf(parts: Parts): string {
  const port = parts.port === '' ? '' : `:${parts.port}`
  const query = parts.query === undefined ? '' : `?${parts.query}`
  return `${parts.scheme}://${parts.userInfo}${parts.host}${port}${parts.path}${query}${parts.fragment}`
}

const otherScheme = (scheme: string) => (scheme === 'https' ? 'http' : 'https')

// A host header value cannot contain these; a value that does is not a host.
const NOT_A_HOST = /[\s/?#@\\]/

function headerValues(headers: Headers | undefined, name: string): string[] {
  const value = headers?.get(name)
  if (!value) return []
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .slice(0, MAX_HEADER_VALUES)
}

/** `host[:port]` values the headers name for the original request, in the order they are tried. */
function forwardedHosts(headers: Headers | undefined): string[] {
  const forwarded = headerValues(headers, 'forwarded').flatMap((element) =>
    element
      .split(';')
      .map((pair) => pair.trim())
      .filter((pair) => pair.toLowerCase().startsWith('host='))
      .map((pair) => pair.slice(5).replace(/^"(.*)"$/, '$1')),
  )
  const hosts = [
    ...headerValues(headers, 'x-forwarded-host'),
    ...forwarded,
    ...headerValues(headers, 'x-original-host'),
    ...headerValues(headers, 'host'),
  ]
  return [...new Set(hosts.filter((host) => !NOT_A_HOST.test(host)))].slice(0, MAX_HEADER_VALUES)
}

function splitHost(hostAndPort: string): { host: string; port: string } {
  const colon = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1)
  return colon === -1
    ? { host: hostAndPort, port: '' }
    : { host: hostAndPort.slice(0, colon), port: hostAndPort.slice(colon + 1) }
}

interface Candidate {
  readonly kind: SignatureMismatch
  readonly url: string
  readonly advice: (url: string) => string
}

function* urlCandidates(parts: Parts, headers: Headers | undefined): Generator<Candidate> {
  const flipped = otherScheme(parts.scheme)
  yield {
    kind: 'scheme',
    url: urlOf({ ...parts, scheme: flipped, port: '' }),
    advice: (url) =>
      flipped === 'https'
        ? `Twilio signed ${url}, but the app checked http: it runs behind a TLS-terminating proxy; set publicUrl or trustProxy`
        : `Twilio signed ${url} (http), but the app checked https; set publicUrl to the address Twilio calls`,
  }

  const hosts = forwardedHosts(headers).map(splitHost)
  const ports = new Set(
    [...headerValues(headers, 'x-forwarded-port'), ...hosts.map((host) => host.port)].filter(
      (port) => /^\d{1,5}$/.test(port) && port !== parts.port,
    ),
  )
  for (const port of ports) {
    for (const scheme of [parts.scheme, flipped]) {
      yield {
        kind: 'port',
        url: urlOf({ ...parts, scheme, port }),
        advice: (url) => `Twilio signed ${url}, with port ${port}, which the app does not see; set publicUrl`,
      }
    }
  }

  for (const { host, port } of hosts) {
    if (host.toLowerCase() === parts.host.toLowerCase()) continue
    for (const scheme of [parts.scheme, flipped]) {
      yield {
        kind: 'host',
        url: urlOf({ ...parts, scheme, host, port }),
        advice: (url) =>
          `Twilio signed ${url}, for host ${host}; set publicUrl (or trustProxy behind a proxy that sets X-Forwarded-Host)`,
      }
    }
  }

  if (parts.query !== undefined) {
    const changed = (url: string) =>
      `Twilio signed ${url}: the query string changed on the way (something added to or re-encoded it); sign and check the URL exactly as configured at Twilio`
    yield { kind: 'query', url: urlOf({ ...parts, query: undefined }), advice: changed }
    const fields = parts.query.split('&').slice(0, MAX_QUERY_PARAMS)
    if (fields.length > 1) {
      for (let index = 0; index < fields.length; index++) {
        const query = fields.filter((_, other) => other !== index).join('&')
        yield { kind: 'query', url: urlOf({ ...parts, query }), advice: changed }
      }
    }
    let decoded: string | undefined
    try {
      decoded = decodeURIComponent(parts.query)
    } catch {
      decoded = undefined
    }
    if (decoded !== undefined && decoded !== parts.query) {
      yield { kind: 'query', url: urlOf({ ...parts, query: decoded }), advice: changed }
    }
  }
}

/**
 * Finds which spelling of a refused request Twilio signed, trying only the documented cases (see
 * the module comment) with the same secret. Resolves to `undefined` when none matches — a forged
 * signature, or a wrong auth token.
 */
export async function diagnoseSignature(input: DiagnoseInput): Promise<SignatureHint | undefined> {
  const { secret, hash, signature, url } = input
  const pairs = input.params ?? []
  const parameters = signaturePayload('', pairs)
  const parts = partsOf(url)
  if (parts !== undefined) {
    for (const candidate of urlCandidates(parts, input.headers)) {
      if (candidate.url !== url && (await signatureMatches(secret, hash, signature, candidate.url, parameters))) {
        return { kind: candidate.kind, signedUrl: candidate.url, advice: candidate.advice(candidate.url) }
      }
    }
  }
  const names = [...new Set(pairs.map(([name]) => name))].slice(0, MAX_FORM_NAMES)
  for (const name of names) {
    const without = signaturePayload('', pairs.filter(([other]) => other !== name) as SignedParams)
    if (await signatureMatches(secret, hash, signature, url, without)) {
      return {
        kind: 'parameter',
        signedUrl: url,
        parameter: name,
        advice: `Twilio did not sign the parameter ${name}: something between Twilio and the app added it to the body`,
      }
    }
  }
  return undefined
}
