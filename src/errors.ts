import type { TwimlRule } from './rules.js'

/** One step of an element path: the element's tag and its rank among same-tag siblings. */
export interface PathSegment {
  /** The TwiML tag, e.g. `Sip`. */
  readonly tag: string
  /** 1 for the first `<Sip>` in its parent, 2 for the second, ... */
  readonly index: number
  /** The nearest user component the element was written in (`function Goodbye()` → `Goodbye`). */
  readonly component?: string
}

/** One problem found in a document. */
export interface TwimlIssue {
  /** Element path, e.g. `Response > Dial > Sip[2]`; `(document)` for rules about the whole document. */
  readonly path: string
  /** The same path as data, outermost element first (empty for `(document)`). */
  readonly segments: readonly PathSegment[]
  /** Stable rule id, e.g. `sip.uri-length`. */
  readonly rule: TwimlRule
  /** Human sentence, without the path. */
  readonly message: string
  /** `'warning'`: the document works but not as written (a verb that never runs). */
  readonly severity: 'error' | 'warning'
  /** Twilio error code or documentation link, where Twilio has one. */
  readonly code?: number | string
}

/** `Response > Dial > Sip[2]`: the string form of a path. */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = ''
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!
    path += `${i === 0 ? '' : ' > '}${s.tag}${s.index > 1 ? `[${s.index}]` : ''}`
  }
  return path
}

function formatIssue(issue: TwimlIssue): string {
  return `${issue.path}: ${issue.message}`
}

/**
 * The document breaks TwiML rules. Rendering collects every problem first, so
 * `issues` lists them all; the message shows each on its own line.
 */
export class TwimlValidationError extends Error {
  override name = 'TwimlValidationError'
  /** The request this document answered, when it was rendered through `twiml()` of `twiml-jsx/hono`. */
  request?: { readonly method: string; readonly path: string }
  constructor(readonly issues: readonly TwimlIssue[]) {
    super(
      issues.length === 1
        ? formatIssue(issues[0] as TwimlIssue)
        : `${issues.length} problems in TwiML document:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
    )
  }
}

/**
 * The tree cannot be rendered at all (an async component in `render`, a plain object
 * as a child, a character XML cannot carry). Always thrown, whatever the validation mode.
 */
export class TwimlRenderError extends Error {
  override name = 'TwimlRenderError'
  constructor(
    readonly path: string,
    readonly reason: string,
    /** The path as data (empty where the problem is outside any element). */
    readonly segments: readonly PathSegment[] = [],
  ) {
    super(`${path}: ${reason}`)
  }
}
