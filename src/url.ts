/**
 * Callback URLs: what Twilio can request. Imported only by the URL domain (attr.ts), so a bundle
 * whose elements take no URL carries none of this.
 */
import type { ValueProblem } from './schema.js'

// A host name: dot-separated labels of letters, digits and hyphens. Underscores are the
// mistake Twilio's docs call out; they make Twilio refuse the callback URL.
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/

// Parsing an absolute URL (`new URL`) takes microseconds, and documents name the same few callback
// URLs again and again: the answers are remembered (null for none), a few hundred at most.
const urlProblems = new Map<string, ValueProblem | null>()
const URL_MEMO_LIMIT = 256

/** What is wrong with a URL Twilio requests (relative, or absolute http(s) with a valid host name). */
export function urlProblem(value: string): ValueProblem | undefined {
  if (!URL_SCHEME.test(value)) return undefined // relative: resolved against the document URL
  let problem = urlProblems.get(value)
  if (problem === undefined) {
    problem = absoluteUrlProblem(value) ?? null
    if (urlProblems.size >= URL_MEMO_LIMIT) urlProblems.clear()
    urlProblems.set(value, problem)
  }
  return problem ?? undefined
}

function absoluteUrlProblem(value: string): ValueProblem | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { expected: 'a valid URL' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { expected: 'an http or https URL' }
  const host = url.hostname
  if (host.startsWith('[')) return undefined // IPv6 literal
  const expected = 'a URL with a valid host name'
  if (host.includes('_')) return { expected, finding: `has host "${host}", and host names cannot contain underscores` }
  if (!host.split('.').every((label) => HOST_LABEL.test(label))) {
    return { expected, finding: `has an invalid host name "${host}"` }
  }
  return undefined
}
