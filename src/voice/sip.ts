/**
 * `<Sip>`: dial a SIP endpoint. `region`, `transport` and `headers` are not XML attributes:
 * Twilio reads them from the URI, so this element composes them into the URI text.
 *
 * @see https://www.twilio.com/docs/voice/twiml/sip
 */
import { defineElement, type ElementChild, type Reporter, type TextChild } from '../node.js'
import { attr } from '../schema.js'
import {
  type DialedNounAttributes,
  dialedNounDomains,
  type MachineDetectionAttributes,
  machineDetectionDomains,
  type TwilioRegion,
} from './common.js'

/** Region Twilio sends the SIP traffic from. Default `us1` (North America, Virginia). */
export type SipRegion = TwilioRegion

/** Signalling transport. Default `udp`; `tls` defaults to port 5061. */
export type SipTransport = 'udp' | 'tcp' | 'tls'

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
   * The SIP URI to dial, e.g. `sip:alice@example.com` (at most 255 characters without headers);
   * or, instead of text, `<Uri>` elements (tried in turn) and one `<Headers>`.
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

export const SIP_REGIONS: readonly SipRegion[] = ['us1', 'us2', 'ie1', 'de1', 'sg1', 'jp1', 'br1', 'au1']
export const SIP_TRANSPORTS: readonly SipTransport[] = ['udp', 'tcp', 'tls']
export const SIP_URI_LIMIT = 255
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
  let uri = q === -1 ? text : text.slice(0, q)
  let headerPart = q === -1 ? '' : text.slice(q + 1)

  if (!/^sips?:/i.test(uri)) {
    report('sip.scheme', `SIP URI "${uri}" must start with sip: (or sips:)`)
  }
  uri = addUriParameter(uri, 'region', props.region, SIP_REGIONS, report)
  uri = addUriParameter(uri, 'transport', props.transport, SIP_TRANSPORTS, report)

  const written = new Set<string>()
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
      written.add(name.toLowerCase())
    }
  }
  if (props.headers != null) {
    for (const [name, value] of Object.entries(props.headers)) {
      if (value === undefined || value === null) continue
      checkHeaderName(name, report)
      if (written.has(name.toLowerCase())) {
        report('sip.header-twice', `SIP header ${name} is given both in the URI and in headers; give it once`)
      }
      written.add(name.toLowerCase())
      const raw = String(value)
      if (/[\r\n]/.test(raw)) {
        report('sip.header-value', `SIP header ${name} contains a line break (CR or LF), which would split the header`)
      }
      headerPart += `${headerPart === '' ? '' : '&'}${name}=${encodeURIComponent(raw)}`
    }
  }

  if (uri.length > SIP_URI_LIMIT) {
    report('sip.uri-length', `SIP URI is ${uri.length} characters, the limit is ${SIP_URI_LIMIT}`)
  }
  if (headerPart.length > SIP_HEADERS_LIMIT) {
    report(
      'sip.headers-length',
      `SIP headers are ${headerPart.length} characters, the limit is ${SIP_HEADERS_LIMIT} (Twilio error 21227)`,
      21227,
    )
  }
  return headerPart === '' ? uri : `${uri}?${headerPart}`
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
    username: attr.string(255, 21221),
    password: attr.string(),
    region: attr.enum(...SIP_REGIONS),
    transport: attr.enum(...SIP_TRANSPORTS),
    headers: attr.custom,
  },
  children: { text: true, elements: ['Uri', 'Headers'] },
  nonAttributes: URI_PROPS,
  check: ({ props, counts }, report) => {
    if ((counts.Uri ?? 0) + (counts.Headers ?? 0) === 0) return
    if (props.region != null || props.transport != null || props.headers != null) {
      report(
        'sip.uri-props-with-elements',
        'region, transport and headers are composed into the URI text; with <Uri> children, write them into each URI or use <Headers>',
      )
    }
    if ((counts.Headers ?? 0) > 1)
      report('sip.headers-once', '<Sip> holds more than one <Headers>; put every <Header> in one')
  },
  text: (text, props, report) => composeSipUri(text, props as Partial<SipProps>, report),
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
    username: attr.string(255, 21221),
    password: attr.string(),
    priority: attr.integer(0),
    weight: attr.integer(0),
  },
  children: { text: true },
  check: ({ textLength }, report) => {
    if (textLength > SIP_URI_LIMIT) {
      report('sip.uri-length', `SIP URI is ${textLength} characters, the limit is ${SIP_URI_LIMIT}`)
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
  children: { elements: ['Header'] },
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
