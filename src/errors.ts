/** One problem found in a document. */
export interface TwimlIssue {
  /** Element path, e.g. `Response > Dial > Sip[2]`. */
  readonly path: string
  /** Stable rule id, e.g. `sip.uri-length`. */
  readonly rule: string
  /** Human sentence, without the path. */
  readonly message: string
  /** `'warning'`: the document works but not as written (a verb that never runs). */
  readonly severity: 'error' | 'warning'
  /** Twilio error code or documentation link, where Twilio has one. */
  readonly code?: number | string
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
  ) {
    super(`${path}: ${reason}`)
  }
}
