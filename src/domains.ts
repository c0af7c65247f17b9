/**
 * Checking a value against its attribute domain. A check answers with data (what was expected,
 * what was found), and `valueMessage` turns that into the sentence: messages are built from the
 * facts, never by reading another message.
 */
import type { AttributeDomain } from './schema.js'

/** Why a value is outside its domain. */
export type ValueProblem =
  | { readonly kind: 'not-one-of'; readonly values: readonly string[] }
  | { readonly kind: 'not-a-list'; readonly values: readonly string[] }
  | { readonly kind: 'items-not-allowed'; readonly items: readonly unknown[]; readonly values: readonly string[] }
  | { readonly kind: 'not-boolean' }
  | { readonly kind: 'not-a-number'; readonly whole: boolean; readonly min?: number; readonly max?: number }
  | { readonly kind: 'not-text' }
  | { readonly kind: 'too-long'; readonly length: number; readonly limit: number }
  | { readonly kind: 'wrong-shape'; readonly description: string }
  | { readonly kind: 'url'; readonly reason: UrlProblem }
  | { readonly kind: 'none-of'; readonly problems: readonly ValueProblem[] }

/** What is wrong with a callback URL. */
export type UrlProblem =
  | { readonly kind: 'not-text' }
  | { readonly kind: 'unparsable' }
  | { readonly kind: 'scheme' }
  | { readonly kind: 'underscore'; readonly host: string }
  | { readonly kind: 'host'; readonly host: string }

/** Why `value` is outside `domain`, or `undefined` when it is inside. */
export function valueProblem(domain: AttributeDomain, value: unknown): ValueProblem | undefined {
  switch (domain.kind) {
    case 'enum':
      return domain.values.includes(value as string) ? undefined : { kind: 'not-one-of', values: domain.values }
    case 'list': {
      const items = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : undefined
      if (items === undefined) return { kind: 'not-a-list', values: domain.values }
      const bad = items.filter((v) => !domain.values.includes(v as string))
      return bad.length === 0 ? undefined : { kind: 'items-not-allowed', items: bad, values: domain.values }
    }
    case 'boolean':
      return value === true || value === false || value === 'true' || value === 'false'
        ? undefined
        : { kind: 'not-boolean' }
    case 'integer':
    case 'number': {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
      const whole = domain.kind === 'integer'
      if (
        Number.isFinite(n) &&
        (!whole || Number.isInteger(n)) &&
        (domain.min === undefined || n >= domain.min) &&
        (domain.max === undefined || n <= domain.max)
      ) {
        return undefined
      }
      return { kind: 'not-a-number', whole, min: domain.min, max: domain.max }
    }
    case 'url': {
      if (typeof value !== 'string') return { kind: 'url', reason: { kind: 'not-text' } }
      const reason = urlProblem(value)
      return reason === undefined ? undefined : { kind: 'url', reason }
    }
    case 'string':
      if (typeof value !== 'string' && typeof value !== 'number') return { kind: 'not-text' }
      if (domain.maxLength !== undefined) {
        const length = String(value).length
        if (length > domain.maxLength) return { kind: 'too-long', length, limit: domain.maxLength }
      }
      return undefined
    case 'open':
      return typeof value === 'string' ? undefined : { kind: 'not-text' }
    case 'pattern':
      return typeof value === 'string' && domain.pattern.test(value)
        ? undefined
        : { kind: 'wrong-shape', description: domain.description }
    case 'union': {
      const problems: ValueProblem[] = []
      for (const d of domain.of) {
        const p = valueProblem(d, value)
        if (p === undefined) return undefined
        problems.push(p)
      }
      return { kind: 'none-of', problems }
    }
    case 'custom':
      return undefined
  }
}

/** The Twilio error code of a domain's value rule, where there is one. */
export const domainCode = (domain: AttributeDomain): number | undefined =>
  domain.kind === 'string' || domain.kind === 'pattern' ? domain.code : undefined

/** `timeout is -1; it must be a whole number from 5 to 600`: the sentence for one problem. */
export function valueMessage(name: string, value: unknown, problem: ValueProblem, code?: number): string {
  const message = describeProblem(name, value, problem)
  return code === undefined ? message : `${message} (Twilio error ${code})`
}

function describeProblem(name: string, value: unknown, problem: ValueProblem): string {
  switch (problem.kind) {
    case 'items-not-allowed':
      return `${name} has ${problem.items.map((v) => JSON.stringify(v)).join(', ')}; allowed: ${problem.values.join(', ')}`
    case 'too-long':
      return `${name} is ${problem.length} characters, the limit is ${problem.limit}`
    case 'url':
      if (problem.reason.kind === 'underscore') {
        return `${name} has host "${problem.reason.host}", and host names cannot contain underscores`
      }
      if (problem.reason.kind === 'host') return `${name} has an invalid host name "${problem.reason.host}"`
      break
  }
  return `${name} is ${show(value)}; it must be ${expected(problem)}`
}

/** What a value must be, completing "it must be …". */
function expected(problem: ValueProblem): string {
  switch (problem.kind) {
    case 'not-one-of':
      return `one of ${problem.values.join(', ')}`
    case 'not-a-list':
    case 'items-not-allowed':
      return `an array of ${problem.values.join(', ')}`
    case 'not-boolean':
      return 'true or false (Twilio warning 13218)'
    case 'not-a-number':
      return `${problem.whole ? 'a whole number' : 'a number'}${range(problem)}`
    case 'not-text':
      return 'a string'
    case 'too-long':
      return `at most ${problem.limit} characters`
    case 'wrong-shape':
      return problem.description
    case 'url':
      switch (problem.reason.kind) {
        case 'not-text':
          return 'a URL string'
        case 'unparsable':
          return 'a valid URL'
        case 'scheme':
          return 'an http or https URL'
        default:
          return 'a URL with a valid host name'
      }
    case 'none-of':
      return problem.problems.map(expected).join(', or ')
  }
}

const show = (value: unknown) =>
  typeof value === 'string' || Array.isArray(value) ? JSON.stringify(value) : String(value)

function range(domain: { min?: number; max?: number }): string {
  if (domain.min !== undefined && domain.max !== undefined) return ` from ${domain.min} to ${domain.max}`
  if (domain.min !== undefined) return ` of at least ${domain.min}`
  if (domain.max !== undefined) return ` of at most ${domain.max}`
  return ''
}

// --- URLs -------------------------------------------------------------------------------------

// A host name: dot-separated labels of letters, digits and hyphens. Underscores are the
// mistake Twilio's docs call out; they make Twilio refuse the callback URL.
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/

// Parsing an absolute URL (`new URL`) takes microseconds, and documents name the same few callback
// URLs again and again: the answers are remembered (null for none), a few hundred at most.
const urlProblems = new Map<string, UrlProblem | null>()
const URL_MEMO_LIMIT = 256

/** What is wrong with a URL Twilio requests (relative, or absolute http(s) with a valid host name). */
export function urlProblem(value: string): UrlProblem | undefined {
  if (!URL_SCHEME.test(value)) return undefined // relative: resolved against the document URL
  let problem = urlProblems.get(value)
  if (problem === undefined) {
    problem = absoluteUrlProblem(value) ?? null
    if (urlProblems.size >= URL_MEMO_LIMIT) urlProblems.clear()
    urlProblems.set(value, problem)
  }
  return problem ?? undefined
}

function absoluteUrlProblem(value: string): UrlProblem | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { kind: 'unparsable' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'scheme' }
  const host = url.hostname
  if (host.startsWith('[')) return undefined // IPv6 literal
  if (host.includes('_')) return { kind: 'underscore', host }
  if (!host.split('.').every((label) => HOST_LABEL.test(label))) return { kind: 'host', host }
  return undefined
}

// --- suggestions ------------------------------------------------------------------------------

/**
 * The candidate closest to `word` by edit distance (insertions, deletions, substitutions and
 * swaps of two neighbours, ignoring case), if it is close enough to be a likely typo:
 * `numDigit` → `numDigits`, `vioce` → `voice`, `speechTimout` → `speechTimeout`.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase()
  // One edit for short words, then one more for every four characters, at most three.
  const allowed = Math.min(3, 1 + Math.floor(Math.max(0, w.length - 4) / 4))
  let best: string | undefined
  let bestDistance = allowed + 1
  for (const candidate of candidates) {
    const d = editDistance(w, candidate.toLowerCase(), bestDistance)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

/** Optimal string alignment distance between `a` and `b`; any value ≥ `cap` means "too far". */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap
  let prev2: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1)
      row.push(d)
      if (d < rowMin) rowMin = d
    }
    if (rowMin >= cap) return cap
    prev2 = prev
    prev = row
  }
  return prev[b.length]!
}

// --- sizes ------------------------------------------------------------------------------------

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
