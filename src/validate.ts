/**
 * The rules TwiML documents must follow, beyond what TypeScript can check: value domains,
 * nesting, counts, lengths, document contexts. Element-specific rules live beside each element
 * (its spec's `attributes`, `children` and `check`); this file holds the checks they share and
 * the document-wide rules. The renderer applies all of them in its one walk.
 */
import type { AttributeDomain } from './schema.js'

/** Where a document runs; some places allow fewer verbs. */
export type DocumentContext =
  /** A voice webhook response (default). */
  | 'voice'
  /** TwiML at a dialed noun's `url`, run on the called party before connecting: no `<Dial>`. */
  | 'screening'
  /** A conference `waitUrl` document: only `Say`, `Play`, `Pause`, `Redirect` (error 13238). */
  | 'conference-wait'
  /** An SMS/MMS webhook response (`MessagingResponse`). */
  | 'messaging'
  /** A piece of a document (a component under test): every rule but "the root is `<Response>`". */
  | 'fragment'
  /** TwiML passed inline to the REST API (a call's `twiml` parameter): at most 4000 characters (error 32018). */
  | 'rest-api'

/** Verbs after which nothing in the same document runs. */
export const TERMINAL_VERBS: ReadonlySet<string> = new Set(['Hangup', 'Redirect', 'Reject'])

/** Verbs a conference wait document may use (Twilio error 13238). */
export const CONFERENCE_WAIT_VERBS: ReadonlySet<string> = new Set(['Say', 'Play', 'Pause', 'Redirect'])

/** Largest webhook response body Twilio accepts, in bytes (error 11750). */
export const DOCUMENT_BYTE_LIMIT = 64 * 1024

/** Longest TwiML the REST API takes inline, in characters (error 32018). */
export const INLINE_TWIML_LIMIT = 4000

/** Why `value` is outside `domain`, or `undefined` when it is inside. */
export function domainProblem(domain: AttributeDomain, value: unknown): string | undefined {
  switch (domain.kind) {
    case 'enum':
      return domain.values.includes(value as string) ? undefined : `must be one of ${domain.values.join(', ')}`
    case 'list': {
      const items = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : undefined
      if (items === undefined) return `must be an array of ${domain.values.join(', ')}`
      const bad = items.filter((v) => !domain.values.includes(v as string))
      return bad.length === 0
        ? undefined
        : `has ${bad.map((v) => JSON.stringify(v)).join(', ')}; allowed: ${domain.values.join(', ')}`
    }
    case 'boolean':
      return value === true || value === false || value === 'true' || value === 'false'
        ? undefined
        : 'must be true or false (Twilio warning 13218)'
    case 'integer':
    case 'number': {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
      const whole = domain.kind === 'integer'
      if (!Number.isFinite(n) || (whole && !Number.isInteger(n)))
        return `must be ${whole ? 'a whole number' : 'a number'}${range(domain)}`
      if ((domain.min !== undefined && n < domain.min) || (domain.max !== undefined && n > domain.max)) {
        return `must be ${whole ? 'a whole number' : 'a number'}${range(domain)}`
      }
      return undefined
    }
    case 'url':
      return typeof value === 'string' ? urlProblem(value) : 'must be a URL string'
    case 'string':
      if (typeof value !== 'string' && typeof value !== 'number') return 'must be a string'
      return domain.maxLength !== undefined && String(value).length > domain.maxLength
        ? `is ${String(value).length} characters, the limit is ${domain.maxLength}`
        : undefined
    case 'open':
      return typeof value === 'string' ? undefined : 'must be a string'
    case 'pattern':
      return typeof value === 'string' && domain.pattern.test(value) ? undefined : `must be ${domain.description}`
    case 'union': {
      const problems = domain.of.map((d) => domainProblem(d, value))
      return problems.includes(undefined) ? undefined : problems.join(', or ')
    }
    case 'custom':
      return undefined
  }
}

function range(domain: { min?: number; max?: number }): string {
  if (domain.min !== undefined && domain.max !== undefined) return ` from ${domain.min} to ${domain.max}`
  if (domain.min !== undefined) return ` of at least ${domain.min}`
  if (domain.max !== undefined) return ` of at most ${domain.max}`
  return ''
}

// A host name: dot-separated labels of letters, digits and hyphens. Underscores are the
// mistake Twilio's docs call out; they make Twilio refuse the callback URL.
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/

// Parsing an absolute URL (`new URL`) takes microseconds, and documents name the same few callback
// URLs again and again: the answers are remembered ('' for none), a few hundred at most.
const urlProblems = new Map<string, string>()
const URL_MEMO_LIMIT = 256

/** A URL Twilio requests: relative, or absolute http(s) with a valid host name. */
export function urlProblem(value: string): string | undefined {
  if (!URL_SCHEME.test(value)) return undefined // relative: resolved against the document URL
  let problem = urlProblems.get(value)
  if (problem === undefined) {
    problem = absoluteUrlProblem(value) ?? ''
    if (urlProblems.size >= URL_MEMO_LIMIT) urlProblems.clear()
    urlProblems.set(value, problem)
  }
  return problem === '' ? undefined : problem
}

function absoluteUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `is not a valid URL`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be an http or https URL`
  const host = url.hostname
  if (host.startsWith('[')) return undefined // IPv6 literal
  if (host.includes('_')) return `has host "${host}", and host names cannot contain underscores`
  if (!host.split('.').every((label) => HOST_LABEL.test(label))) return `has an invalid host name "${host}"`
  return undefined
}

const NON_ASCII = /[^\0-\x7F]/

/** UTF-8 length of a string, without allocating. */
export function utf8Length(s: string): number {
  // The search runs in native code, several times faster than the loop; ASCII needs no loop at all.
  const first = s.search(NON_ASCII)
  if (first === -1) return s.length
  let bytes = s.length
  for (let i = first; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) continue
    // Two bytes below U+0800; each half of a surrogate pair adds one (four for the pair); three otherwise.
    bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2
  }
  return bytes
}
