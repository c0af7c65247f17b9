/**
 * The judge of the walk: render.ts writes the XML and calls these checks as it goes; this file
 * decides what is wrong and reports it. Element-specific rules live beside each element (its
 * spec's `attributes`, `children` and `check`); this file applies them and holds the rules about
 * whole documents.
 */
import type { PathSegment, TwimlIssue } from './errors.js'
import type { Frame, Walk } from './path.js'
import type { RenderOptions } from './render.js'
import type { TwimlRule } from './rules.js'
import {
  type AttributeDomain,
  childDefinitions,
  definitionOf,
  ELEMENT_SPEC,
  type ElementSpec,
  mayContain,
  nameOf,
} from './schema.js'

export { urlProblem } from './url.js'

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

/**
 * Verbs a conference wait document may use (Twilio error 13238). By tag: they are verbs of the
 * voice `<Response>`, whose verbs all have distinct tags.
 * @see https://www.twilio.com/docs/api/errors/13238
 */
export const CONFERENCE_WAIT_VERBS: ReadonlySet<string> = new Set(['Say', 'Play', 'Pause', 'Redirect'])

/** Largest webhook response body Twilio accepts, in bytes (error 11750). */
export const DOCUMENT_BYTE_LIMIT = 64 * 1024

/** Longest TwiML the REST API takes inline, in characters (error 32018). */
export const INLINE_TWIML_LIMIT = 4000

const UNREACHABLE_DOC = 'https://www.twilio.com/docs/voice/twiml/hangup'

/** Applies the rules to one render's walk. Made by `render()` when validation is on. */
export class Validator {
  /** Errors collected in `'throw'` mode. */
  readonly issues: TwimlIssue[] = []
  private readonly context: DocumentContext

  constructor(
    private readonly walk: Walk,
    private readonly options: RenderOptions,
  ) {
    this.context = options.context ?? 'voice'
  }

  /** Rules about where the element just entered stands: the root, its parent's child rule, the context. */
  placement(frame: Frame): void {
    const spec = frame.spec
    const parent = this.walk.parent
    if (parent === undefined) {
      if (!definitionOf(spec).root && this.context !== 'fragment') {
        this.report('document.root', `the root element is <${spec.tag}>; a TwiML document's root is <Response>`)
      }
      return
    }
    if (!mayContain(parent.spec, spec)) this.report('children.element', misplaced(parent.spec, spec))
    if (parent.terminatedBy !== undefined) {
      this.report(
        'document.unreachable',
        `<${spec.tag}> comes after <${parent.terminatedBy.tag}> and never runs`,
        UNREACHABLE_DOC,
        'warning',
      )
    }
    if (this.context === 'screening' && spec.tag === 'Dial') {
      this.report('context.screening', "a screening document (run at a noun's url) cannot contain <Dial>")
    } else if (this.context === 'conference-wait' && this.walk.depth === 2 && !CONFERENCE_WAIT_VERBS.has(spec.tag)) {
      this.report(
        'context.conference-wait',
        `a conference waitUrl document can only use <Say>, <Play>, <Pause> and <Redirect>, not <${spec.tag}> (Twilio error 13238)`,
        13238,
      )
    }
  }

  /** One prop of the current element. */
  attribute(spec: ElementSpec, key: string, value: unknown): void {
    if (spec.unchecked) return
    const domains = spec.attributes as Readonly<Record<string, AttributeDomain | undefined>>
    const domain = Object.hasOwn(domains, key) ? domains[key] : undefined
    if (domain === undefined) {
      const near = closest(key, Object.keys(domains))
      this.report(
        'attribute.unknown',
        `${key} is not an attribute of <${spec.tag}>${near === undefined ? '' : ` (did you mean ${near}?)`}`,
      )
      return
    }
    const problem = domain.check(value)
    if (problem === undefined) return
    const code = domain.kind === 'string' || domain.kind === 'pattern' ? domain.code : undefined
    // A finding describes the value ("is 300 characters, …"); otherwise the value is quoted.
    const message =
      problem.finding === undefined
        ? `${key} is ${typeof value === 'string' || Array.isArray(value) ? JSON.stringify(value) : String(value)}; it must be ${problem.expected}`
        : `${key} ${problem.finding}`
    this.report('attribute.value', code === undefined ? message : `${message} (Twilio error ${code})`, code)
  }

  /** Text directly inside the current element. */
  text(frame: Frame, text: string): void {
    frame.textLength += text.length
    frame.ownTextLength += text.length
    const spec = frame.spec
    if (spec.children?.text !== true && !spec.unchecked) {
      this.report(
        'children.text',
        `<${spec.tag}> cannot contain text, and holds "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`,
      )
    }
  }

  /** The element is written, children and all: its own rules, then what its parent learns from it. */
  close(frame: Frame): void {
    const spec = frame.spec
    if (spec.check !== undefined) spec.check(frame, this.reporter, this.options)
    const parent = this.walk.parent
    if (parent !== undefined) {
      parent.textLength += frame.textLength
      if (spec.terminal && parent.terminatedBy === undefined) parent.terminatedBy = spec
    }
  }

  /** Rules about the whole document, once it is written. Throws the collected errors. */
  finish(out: string): void {
    // Only a long string can be over the limit: UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (out.length * 3 > DOCUMENT_BYTE_LIMIT) {
      const bytes = utf8Length(out)
      if (bytes > DOCUMENT_BYTE_LIMIT) {
        this.report(
          'document.size',
          `the document is ${bytes} bytes of UTF-8 (declaration included), the limit for a webhook response is ${DOCUMENT_BYTE_LIMIT} (Twilio error 11750)`,
          11750,
          'error',
          [],
        )
      }
    }
    if (this.context === 'rest-api' && out.length > INLINE_TWIML_LIMIT) {
      this.report(
        'document.inline-length',
        `the document is ${out.length} characters (declaration included), the limit for TwiML passed to the REST API is ${INLINE_TWIML_LIMIT} (Twilio error 32018)`,
        32018,
        'error',
        [],
      )
    }
  }

  /** The reporter element rules receive; the path is where the walk is. */
  readonly reporter = (rule: TwimlRule, message: string, code?: number | string): void =>
    this.report(rule, message, code)

  report(
    rule: TwimlRule,
    message: string,
    code?: number | string,
    severity: 'error' | 'warning' = 'error',
    segments: readonly PathSegment[] = this.walk.segments(),
  ): void {
    const mode = this.options.validate ?? 'throw'
    if (mode === 'off') return
    const path = segments.length === 0 ? '(document)' : this.walk.path(segments)
    const issue: TwimlIssue =
      code === undefined
        ? { path, segments, rule, message, severity }
        : { path, segments, rule, message, severity, code }
    if (mode === 'warn' || severity === 'warning') {
      const onIssue = this.options.onIssue ?? ((i: TwimlIssue) => console.warn(`twiml-jsx: ${i.path}: ${i.message}`))
      onIssue(issue)
    } else {
      this.issues.push(issue)
    }
  }
}

/** Why `child` cannot stand in `parent`, naming what the parent takes. */
function misplaced(parent: ElementSpec, child: ElementSpec): string {
  const allowed = [...childDefinitions(definitionOf(parent))]
  if (definitionOf(parent).root) {
    const roots = definitionOf(child).verbOf
    return roots === undefined || roots.length === 0
      ? `<${parent.tag}> cannot contain <${child.tag}>, which is not a verb`
      : `<${parent.tag}> cannot contain <${child.tag}>, a verb of ${roots.map((r) => nameOf(r[ELEMENT_SPEC])).join(' and ')}`
  }
  if (allowed.length === 0) return `<${parent.tag}> cannot contain elements, and holds <${child.tag}>`
  const sameTag = allowed.find((a) => a.tag === child.tag)
  if (sameTag !== undefined) {
    // Two definitions share the tag (Dial's Sip and Refer's): name both.
    return `<${parent.tag}> cannot contain ${nameOf(child)}; its <${child.tag}> is ${nameOf(sameTag)}`
  }
  return `<${parent.tag}> cannot contain <${child.tag}>; it takes ${allowed.map((t) => `<${t.tag}>`).join(', ')}`
}

// --- suggestions ------------------------------------------------------------------------------

/**
 * The candidate closest to `word` by edit distance (insertions, deletions, substitutions and
 * swaps of two neighbours, ignoring case), if it is close enough to be a likely typo:
 * `numDigit` → `numDigits`, `vioce` → `voice`, `speechTimout` → `speechTimeout`.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase()
  // One edit for short words, one more for every four characters beyond four, at most three.
  let bestDistance = Math.min(3, 1 + Math.floor(Math.max(0, w.length - 4) / 4)) + 1
  let best: string | undefined
  for (const candidate of candidates) {
    const d = editDistance(w, candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

/** Optimal string alignment distance (names are short: the full table is cheap). */
function editDistance(a: string, b: string): number {
  const d: number[][] = []
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i]
    d.push(row)
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j)
        continue
      }
      const up = d[i - 1]!
      let best = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
      row.push(best)
    }
  }
  return d[a.length]![b.length]!
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
