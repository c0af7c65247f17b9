/**
 * The judge of the walk: render.ts writes the XML and calls these checks as it goes; this file
 * decides what is wrong and reports it. Element-specific rules live beside each element (its
 * spec's `attributes`, `children` and `check`); this file applies them and holds the rules about
 * whole documents.
 */
import type { PathSegment, TwimlIssue } from './errors.js'
import type { Frame, Walk } from './path.js'
import type { Plan } from './plan.js'
import type { RenderOptions } from './render.js'
import type { TwimlRule } from './rules.js'
import { type AttributeDomain, ELEMENT_SPEC, nameOf, type Reporter } from './schema.js'

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

const quote = (value: unknown) =>
  typeof value === 'string' || Array.isArray(value) ? JSON.stringify(value) : String(value)

/** Applies the rules to one render's walk. Kept with the walk between renders. */
export class Validator {
  /** Errors collected in `'throw'` mode (`undefined` until the first). */
  issues: TwimlIssue[] | undefined = undefined
  private options: RenderOptions = {}
  private context: DocumentContext = 'voice'
  /** The reporter element rules receive; the path is where the walk is. */
  readonly reporter: Reporter

  constructor(private readonly walk: Walk) {
    this.reporter = (rule, message, code) => this.report(rule, message, code)
  }

  /** Starts a render with these options. */
  begin(options: RenderOptions): void {
    this.options = options
    this.context = options.context ?? 'voice'
    this.issues = undefined
  }

  /** Rules about where the element just entered stands: the root, its parent's child rule, the context. */
  placement(frame: Frame): void {
    const plan = frame.plan
    const parent = this.walk.parent
    if (parent === undefined) {
      if (!plan.root && this.context !== 'fragment') {
        this.report('document.root', `the root element is <${plan.tag}>; a TwiML document's root is <Response>`)
      }
      return
    }
    if (!parent.plan.mayContain(plan)) this.report('children.element', misplaced(parent.plan, plan))
    if (parent.terminatedBy !== undefined) {
      this.report(
        'document.unreachable',
        `<${plan.tag}> comes after <${parent.terminatedBy.tag}> and never runs`,
        UNREACHABLE_DOC,
        'warning',
      )
    }
    if (this.context === 'screening' && plan.tag === 'Dial') {
      this.report('context.screening', "a screening document (run at a noun's url) cannot contain <Dial>")
    } else if (this.context === 'conference-wait' && this.walk.depth === 2 && !CONFERENCE_WAIT_VERBS.has(plan.tag)) {
      this.report(
        'context.conference-wait',
        `a conference waitUrl document can only use <Say>, <Play>, <Pause> and <Redirect>, not <${plan.tag}> (Twilio error 13238)`,
        13238,
      )
    }
  }

  /** A prop's value against its domain; reports and answers `false` when it is outside. */
  value(key: string, domain: AttributeDomain, value: unknown): boolean {
    const problem = domain.check(value)
    if (problem === undefined) return true
    const code = domain.kind === 'string' || domain.kind === 'pattern' ? domain.code : undefined
    // A finding describes the value ("is 300 characters, …"); otherwise the value is quoted.
    const message =
      problem.finding === undefined
        ? `${key} is ${quote(value)}; it must be ${problem.expected}`
        : `${key} ${problem.finding}`
    this.report('attribute.value', code === undefined ? message : `${message} (Twilio error ${code})`, code)
    return false
  }

  /** A prop the element does not have. */
  unknown(plan: Plan, key: string): void {
    if (plan.unchecked) return
    const near = closest(key, plan.props.keys())
    this.report(
      'attribute.unknown',
      `${key} is not an attribute of <${plan.tag}>${near === undefined ? '' : ` (did you mean ${near}?)`}`,
    )
  }

  /** Text directly inside the current element. */
  text(frame: Frame, text: string): void {
    frame.textLength += text.length
    frame.ownTextLength += text.length
    const plan = frame.plan
    if (!plan.takesText && !plan.unchecked) {
      this.report(
        'children.text',
        `<${plan.tag}> cannot contain text, and holds "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`,
      )
    }
  }

  /** The element is written, children and all: its own rules, then what its parent learns from it. */
  close(frame: Frame): void {
    const plan = frame.plan
    if (plan.check !== undefined) plan.check(frame, this.reporter, this.options)
    const parent = this.walk.parent
    if (parent !== undefined) {
      parent.textLength += frame.textLength
      if (plan.terminal && parent.terminatedBy === undefined) parent.terminatedBy = plan.spec
    }
  }

  /** Rules about the whole document, once it is written (`bytes`: its UTF-8 length, counted as it was written). */
  finish(out: string, bytes: number): void {
    if (bytes > DOCUMENT_BYTE_LIMIT) {
      this.report(
        'document.size',
        `the document is ${bytes} bytes of UTF-8 (declaration included), the limit for a webhook response is ${DOCUMENT_BYTE_LIMIT} (Twilio error 11750)`,
        11750,
        'error',
        [],
      )
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
      ;(this.issues ??= []).push(issue)
    }
  }
}

/** Why `child` cannot stand in `parent`, naming what the parent takes. */
function misplaced(parent: Plan, child: Plan): string {
  if (parent.root) {
    const roots = child.definition.verbOf
    return roots === undefined || roots.length === 0
      ? `<${parent.tag}> cannot contain <${child.tag}>, which is not a verb`
      : `<${parent.tag}> cannot contain <${child.tag}>, a verb of ${roots.map((r) => nameOf(r[ELEMENT_SPEC])).join(' and ')}`
  }
  const allowed = [...parent.childDefinitions()]
  if (allowed.length === 0) return `<${parent.tag}> cannot contain elements, and holds <${child.tag}>`
  const sameTag = allowed.find((a) => a.tag === child.tag)
  if (sameTag !== undefined) {
    // Two definitions share the tag (Dial's Sip and Refer's): name both.
    return `<${parent.tag}> cannot contain ${nameOf(child.spec)}; its <${child.tag}> is ${nameOf(sameTag)}`
  }
  return `<${parent.tag}> cannot contain <${child.tag}>; it takes ${allowed.map((t) => `<${t.tag}>`).join(', ')}`
}

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
