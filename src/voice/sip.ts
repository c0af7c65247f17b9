/**
 * `<Sip>`: dial a SIP endpoint. `region`, `transport` and `headers` are not XML attributes:
 * Twilio reads them from the URI, so this element composes them into the URI text.
 *
 * @see https://www.twilio.com/docs/voice/twiml/sip
 */

import * as attr from '../attr.js'
import { defineElement, type ElementChild, type Reporter, type TextChild } from '../node.js'
import { TWILIO_REGIONS, type TwilioRegion } from './common.js'
import {
  type DialedNounAttributes,
  dialedNounDomains,
  type MachineDetectionAttributes,
  machineDetectionDomains,
} from './dialed-noun.js'

/** Region Twilio sends the SIP traffic from. Default `us1` (North America, Virginia). */
export type SipRegion = TwilioRegion

/** Signalling transports Twilio supports for SIP. */
export const SIP_TRANSPORTS = ['udp', 'tcp', 'tls'] as const
/** Signalling transport. Default `udp`; `tls` defaults to port 5061. */
export type SipTransport = (typeof SIP_TRANSPORTS)[number]
/** Regions Twilio can send SIP traffic from. */
export const SIP_REGIONS = TWILIO_REGIONS

// A header value in a SIP URI (RFC 3261 hvalue): unreserved characters, a few more, and %HH escapes.
const HEADER_VALUE = /^(?:[A-Za-z0-9\-_.!~*'()[\]/?:+$]|%[0-9A-Fa-f]{2})*$/

/** Header names Twilio passes on in the INVITE: any `x-` header, and four standard ones. */
export type SipHeaderName =
  | `x-${string}`
  | `X-${string}`
  | 'User-to-User'
  | 'Remote-Party-ID'
  | 'P-Preferred-Identity'
  | 'P-Called-Party-ID'

/** Custom SIP headers: name → value. Values are percent-encoded for you. */
export type SipHeaderMap = { readonly [name in SipHeaderName]?: string | number }

export interface SipProps extends DialedNounAttributes, MachineDetectionAttributes {
  /**
   * The SIP address to dial: a SIP URI (`sip:alice@example.com`, `sips:…`) or, as Twilio's own
   * examples write it, a bare `alice@example.com`, with optional `;params` and `?headers`; at most
   * 255 characters without the headers. Or, instead of text, `<Uri>` elements (tried in turn) and
   * one `<Headers>`.
   */
  children: TextChild | ElementChild
  /** User name for SIP authentication (digest) towards your endpoint; under 256 characters. */
  username?: string
  /** Password for SIP authentication towards your endpoint. */
  password?: string
  /**
   * Region Twilio sends this call's SIP traffic from: `us1` (default), `us2`, `ie1`, `de1`,
   * `sg1`, `jp1`, `br1`, `au1`. Written into the URI as `;region=…`, not as an attribute.
   */
  region?: SipRegion
  /**
   * Transport for SIP signalling: `udp` (default), `tcp` or `tls` (port 5061 unless the URI
   * gives another). Written into the URI as `;transport=…`, not as an attribute.
   */
  transport?: SipTransport
  /**
   * Custom headers sent in the INVITE, appended to the URI as `?name=value&…` with values
   * percent-encoded. Names start with `x-`, or are `User-to-User` (UUI), `Remote-Party-ID`,
   * `P-Preferred-Identity` or `P-Called-Party-ID`. The header part may be 1024 characters.
   */
  headers?: SipHeaderMap
}

/** Longest SIP URI Twilio dials, without its headers. */
export const SIP_URI_LIMIT = 255
/** Longest header part of a SIP URI (error 21227). */
export const SIP_HEADERS_LIMIT = 1024
/** Header names Twilio passes on: `x-` headers and four standard ones (error 13252 otherwise). */
export const SIP_HEADER_NAME =
  /^(?:x-[A-Za-z0-9\-.!%*_+`'~]+|User-to-User|Remote-Party-ID|P-Preferred-Identity|P-Called-Party-ID)$/i

/**
 * Builds the URI Twilio dials from the element text and the URI props, reporting every rule
 * it breaks. Exported for tests and for code that needs the URI without the XML.
 */
export function composeSipUri(text: string, props: Partial<SipProps>, report: Reporter): string {
  const q = text.indexOf('?')
  const written = q === -1 ? text : text.slice(0, q)
  let headerPart = q === -1 ? '' : text.slice(q + 1)

  const problem = addressProblem(text)
  if (problem !== undefined) report('sip.address', problem)
  let uri = addUriParameter(written, 'region', props.region, SIP_REGIONS, report)
  uri = addUriParameter(uri, 'transport', props.transport, SIP_TRANSPORTS, report)

  const named = new Set<string>()
  if (headerPart !== '') {
    for (const pair of headerPart.split('&')) {
      const eq = pair.indexOf('=')
      const name = eq === -1 ? pair : pair.slice(0, eq)
      checkHeaderName(name, report)
      if (eq !== -1 && !HEADER_VALUE.test(pair.slice(eq + 1))) {
        report(
          'sip.header-escaping',
          `SIP header ${name} has characters that must be percent-encoded (Twilio errors 32110-32112); give it in the headers prop, which encodes it`,
        )
      }
      named.add(name.toLowerCase())
    }
  }
  if (props.headers != null) {
    for (const [name, value] of Object.entries(props.headers)) {
      if (value === undefined || value === null) continue
      checkHeaderName(name, report)
      if (named.has(name.toLowerCase())) {
        report('sip.header-twice', `SIP header ${name} is given both in the URI and in headers; give it once`)
      }
      named.add(name.toLowerCase())
      const raw = String(value)
      if (/[\r\n]/.test(raw)) {
        report('sip.header-value', `SIP header ${name} contains a line break (CR or LF), which would split the header`)
      }
      headerPart += `${headerPart === '' ? '' : '&'}${name}=${encodeURIComponent(raw)}`
    }
  }

  if (uri.length > SIP_URI_LIMIT) {
    const added = uri.slice(written.length)
    report(
      'sip.uri-length',
      `SIP URI is ${uri.length} characters, the limit is ${SIP_URI_LIMIT} (counted before any ?headers${added === '' ? '' : `, with the ${added} the props add`})`,
    )
  }
  if (headerPart.length > SIP_HEADERS_LIMIT) {
    report(
      'sip.headers-length',
      `SIP headers are ${headerPart.length} characters, the limit is ${SIP_HEADERS_LIMIT} (counted after the ?, values percent-encoded; Twilio error 21227)`,
      21227,
    )
  }
  // A `?` written with nothing after it stays: the URI is sent as written.
  return q === -1 && headerPart === '' ? uri : `${uri}?${headerPart}`
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/
const WHITESPACE = /\s/

/**
 * Why `text` is no SIP address Twilio can dial, or `undefined`. A SIP URI (`sip:` or `sips:`), or
 * a bare `user@host`, as Twilio's `<Sip>` page writes its first two examples
 * (`<Sip>kate@example.com</Sip>`), each with optional `;params` and `?headers`.
 * @see https://www.twilio.com/docs/voice/twiml/sip
 */
export function addressProblem(text: string): string | undefined {
  if (text === '') return 'the SIP address is empty; write sip:user@host or user@host'
  if (WHITESPACE.test(text)) return `SIP address ${JSON.stringify(text)} contains whitespace`
  const scheme = SCHEME.exec(text)
  const at = text.indexOf('@')
  // `alice@example.com:5060` has a colon too, after the @: only a colon before it ends a scheme.
  if (scheme !== null && (at === -1 || scheme[0].length <= at)) {
    const name = scheme[1]!.toLowerCase()
    if (name !== 'sip' && name !== 'sips') {
      return `SIP address ${JSON.stringify(text)} has the scheme ${scheme[1]}:; write sip:, sips: or a bare user@host`
    }
    return text.length === scheme[0].length
      ? `SIP address ${JSON.stringify(text)} has nothing after the scheme`
      : undefined
  }
  const end = text.search(/[;?]/)
  const address = end === -1 ? text : text.slice(0, end)
  const sign = address.indexOf('@')
  if (sign <= 0 || sign === address.length - 1) {
    return `SIP address ${JSON.stringify(text)} is neither a sip: or sips: URI nor user@host`
  }
  return undefined
}

const URI_PARAMETER = { region: /;region=([^;?]*)/i, transport: /;transport=([^;?]*)/i } as const

function addUriParameter(
  uri: string,
  name: 'region' | 'transport',
  value: string | undefined,
  allowed: readonly string[],
  report: Reporter,
): string {
  const inText = URI_PARAMETER[name].exec(uri)
  if (inText !== null && !allowed.includes(inText[1]!.toLowerCase())) {
    report(`sip.${name}`, `SIP ${name} "${inText[1]}" in the URI is not one of ${allowed.join(', ')}`)
  }
  if (value === undefined || value === null) return uri
  if (inText !== null) {
    report(
      `sip.${name}-twice`,
      `${name} is given both as a prop ("${value}") and in the URI ("${inText[1]}"); give it once`,
    )
    return uri
  }
  return `${uri};${name}=${value}`
}

function checkHeaderName(name: string, report: Reporter): void {
  if (!SIP_HEADER_NAME.test(name)) {
    report(
      'sip.header-name',
      `SIP header name "${name}" is not allowed: use an x- header, User-to-User, Remote-Party-ID, P-Preferred-Identity or P-Called-Party-ID (Twilio error 13252)`,
      13252,
    )
  }
}

const URI_PROPS = new Set(['region', 'transport', 'headers'])

/** The text of text-only children, joined (JSX splits `sip:{user}@host` in three); `undefined` if an element is among them. */
function joinText(children: unknown): string | undefined {
  if (children === null || children === undefined || typeof children === 'boolean') return ''
  if (typeof children === 'string') return children
  if (typeof children === 'number' || typeof children === 'bigint') return String(children)
  if (!Array.isArray(children)) return undefined
  let text = ''
  for (const child of children) {
    const part = joinText(child)
    if (part === undefined) return undefined
    text += part
  }
  return text
}

/**
 * Dials a SIP endpoint. The text is the SIP URI; `region`, `transport` and `headers`
 * are composed into it.
 *
 * ```tsx
 * <Sip region="jp1" transport="tls" headers={{ 'x-ticket': '42' }}>sip:alice@example.com</Sip>
 * // <Sip>sip:alice@example.com;region=jp1;transport=tls?x-ticket=42</Sip>
 * ```
 * @see https://www.twilio.com/docs/voice/twiml/sip
 */
export const Sip = defineElement<SipProps>({
  tag: 'Sip',
  attributes: {
    ...dialedNounDomains,
    ...machineDetectionDomains,
    username: attr.string({ maxLength: 255, code: 21221 }),
    password: attr.string(),
    region: attr.oneOf(SIP_REGIONS, { default: 'us1' }),
    transport: attr.oneOf(SIP_TRANSPORTS, { default: 'udp' }),
    headers: attr.custom(),
  },
  children: { text: true, elements: () => [Uri, Headers] },
  nonAttributes: URI_PROPS,
  check: (sip, report) => {
    const { props } = sip
    if (sip.childCount === 0) return
    if (props.region != null || props.transport != null || props.headers != null) {
      report(
        'sip.uri-props-with-elements',
        'region, transport and headers are composed into the URI text; with <Uri> children, write them into each URI or use <Headers>',
      )
    }
    if (sip.count(Headers) > 1)
      report('sip.headers-once', '<Sip> holds more than one <Headers>; put every <Header> in one')
  },
  text: (children, props, report) => {
    const text = joinText(children)
    return text === undefined ? undefined : composeSipUri(text, props as Partial<SipProps>, report)
  },
})

export interface UriProps {
  /** A SIP URI to try, e.g. `sip:alice@example.com;transport=tls`. At most 255 characters. */
  children: TextChild
  /** User name for SIP authentication towards this URI. */
  username?: string
  /** Password for SIP authentication towards this URI. */
  password?: string
  /** Priority of this URI among its siblings; lower values are tried first. */
  priority?: number | `${number}`
  /** Share of calls this URI takes among URIs of equal priority. */
  weight?: number | `${number}`
}

/**
 * One of several SIP URIs a `<Sip>` tries, with its own credentials, priority and weight.
 * Also exported as `SipUri`.
 * @see https://www.twilio.com/docs/voice/twiml/sip
 */
export const Uri = defineElement<UriProps>({
  tag: 'Uri',
  attributes: {
    username: attr.string({ maxLength: 255, code: 21221 }),
    password: attr.string(),
    priority: attr.integer(0),
    weight: attr.integer(0),
  },
  children: { text: true },
  check: ({ textLength }, report) => {
    if (textLength > SIP_URI_LIMIT) {
      report('sip.uri-length', `SIP URI is ${textLength} characters, the limit is ${SIP_URI_LIMIT} (the text of <Uri>)`)
    }
  },
})
/** Collision-free alias of {@link Uri}. */
export const SipUri = Uri

export interface HeadersProps {
  /** `<Header>` elements. */
  children?: ElementChild
}

/**
 * The custom headers of a `<Sip>` written as elements (instead of the `headers` prop).
 * Also exported as `SipHeaders`, since `Headers` shadows the Fetch API's `Headers`.
 */
export const Headers = defineElement<HeadersProps>({
  tag: 'Headers',
  attributes: {},
  children: { elements: () => [Header] },
})
/** Collision-free alias of {@link Headers}. */
export const SipHeaders = Headers

export interface HeaderProps {
  /** Header name: `x-…`, or `User-to-User`, `Remote-Party-ID`, `P-Preferred-Identity`, `P-Called-Party-ID`. */
  name: SipHeaderName
  /** Header value. */
  value: string
  children?: never
}

/** One custom SIP header inside `<Headers>`. Also exported as `SipHeader`. */
export const Header = defineElement<HeaderProps>({
  tag: 'Header',
  attributes: {
    name: attr.pattern(
      SIP_HEADER_NAME,
      'an x- header name, User-to-User, Remote-Party-ID, P-Preferred-Identity or P-Called-Party-ID',
      13252,
    ),
    value: attr.string(),
  },
  check: ({ props }, report) => {
    if (typeof props.value === 'string' && /[\r\n]/.test(props.value)) {
      report(
        'sip.header-value',
        `SIP header ${props.name} contains a line break (CR or LF), which would split the header`,
      )
    }
  },
})
/** Collision-free alias of {@link Header}. */
export const SipHeader = Header
