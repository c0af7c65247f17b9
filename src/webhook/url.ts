/**
 * The spellings of a webhook URL that Twilio may have signed.
 *
 * Twilio signs the URL as written in your configuration, but what reaches your code has often been
 * rewritten on the way: a Fetch `Request` (Hono, Workers, Deno) holds the WHATWG-normalised URL, in
 * which an apostrophe in the query has become `%27`, and a default port may have been added or
 * dropped. The validator therefore tries a small, fixed set of spellings.
 */

interface UrlParts {
  /** `https://`, as written */
  readonly scheme: string
  /** `user:pass@` or empty */
  readonly userInfo: string
  readonly host: string
  /** `:8443`, `:` or empty */
  readonly port: string
  /** Everything after the authority: path, query, fragment */
  readonly rest: string
}

// Split by hand rather than with `new URL()`: the point is to keep every character as written.
const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i

function splitUrl(url: string): UrlParts | undefined {
  const match = AUTHORITY.exec(url)
  if (!match) return undefined
  const scheme = match[1]!
  const authority = match[2]!
  const at = authority.lastIndexOf('@')
  const hostAndPort = authority.slice(at + 1)
  // In an IPv6 literal the colons before the closing bracket are part of the host.
  const colon = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1)
  return {
    scheme,
    userInfo: authority.slice(0, at + 1),
    host: colon === -1 ? hostAndPort : hostAndPort.slice(0, colon),
    port: colon === -1 ? '' : hostAndPort.slice(colon),
    rest: url.slice(match[0].length),
  }
}

/**
 * `url` without its port and, when it has none, with the scheme's default port (`:443` for https,
 * `:80` otherwise). Any port is removed, not only the default one: Twilio's own libraries do the
 * same, and their public test vectors expect a signature over `https://mycompany.com/myapp.php?...`
 * to be valid at `https://mycompany.com:1234/myapp.php?...`.
 */
export function portSpellings(url: string): string[] {
  const parts = splitUrl(url)
  if (!parts) return [url]
  const withoutPort = parts.scheme + parts.userInfo + parts.host + parts.rest
  if (parts.port) return [withoutPort, url]
  const defaultPort = parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80'
  return [url, parts.scheme + parts.userInfo + parts.host + defaultPort + parts.rest]
}

/**
 * `url` with `%27` in its query turned back into `'`, or `undefined` if there is none.
 * WHATWG URL parsing percent-encodes apostrophes in the query of http(s) URLs while Twilio signs
 * them as written (twilio-node issues #1059 and #1183), so a URL read from a Fetch `Request` needs
 * this to match. Only the apostrophe is restored: of the characters the parser encodes in a query,
 * it is the one RFC 3986 allows there as is, so the only one a request can carry unencoded.
 */
export function withApostrophes(url: string): string | undefined {
  const queryStart = url.indexOf('?')
  if (queryStart === -1) return undefined
  const fragmentStart = url.indexOf('#', queryStart)
  const queryEnd = fragmentStart === -1 ? url.length : fragmentStart
  const query = url.slice(queryStart, queryEnd)
  if (!query.includes('%27')) return undefined
  return url.slice(0, queryStart) + query.replaceAll('%27', "'") + url.slice(queryEnd)
}

function normalized(url: string): string | undefined {
  try {
    return new URL(url).href
  } catch {
    return undefined
  }
}

/**
 * Every spelling of `url` the validator tries, without repeats: the URL as given, as normalised by
 * the WHATWG URL parser, and either of those with apostrophes restored in the query; each without
 * its port and with the default port.
 */
export function signedUrlCandidates(url: string): string[] {
  const base = normalized(url)
  const forms = [url, base, withApostrophes(url), base === undefined ? undefined : withApostrophes(base)]
  const candidates = new Set<string>()
  for (const form of forms) {
    if (form !== undefined) for (const spelling of portSpellings(form)) candidates.add(spelling)
  }
  return [...candidates]
}
