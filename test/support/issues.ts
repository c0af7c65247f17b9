/**
 * Helpers the behaviour tests share: the XML declaration every document starts with, and the
 * problems a render reports.
 */
import { type Child, type RenderOptions, render, type TwimlIssue, TwimlValidationError } from 'twiml-jsx'

/** The declaration twilio's builder (and so every rendered document) starts with. */
export const DECL = '<?xml version="1.0" encoding="UTF-8"?>'

/** Renders a piece of a document (its root need not be `<Response>`). */
export const piece = (node: Child, options: RenderOptions = {}) => render(node, { context: 'fragment', ...options })

/** An issue as the tests compare it: where, which rule, what it says, and Twilio's code if any. */
export interface IssueSummary {
  readonly path: string
  readonly rule: string
  readonly message: string
  readonly code?: number | string
}

const summary = ({ path, rule, message, code }: TwimlIssue): IssueSummary =>
  code === undefined ? { path, rule, message } : { path, rule, message, code }

/** The errors `fn` throws as a {@link TwimlValidationError}, summarised; `[]` when it renders. */
export function issuesOf(fn: () => unknown): IssueSummary[] {
  try {
    fn()
    return []
  } catch (e) {
    if (!(e instanceof TwimlValidationError)) throw e
    return e.issues.map(summary)
  }
}

/** The {@link TwimlValidationError} `fn` throws (fails the test when it throws none). */
export function errorOf(fn: () => unknown): TwimlValidationError {
  try {
    fn()
  } catch (e) {
    if (e instanceof TwimlValidationError) return e
    throw e
  }
  throw new Error('expected a TwimlValidationError')
}

/** Every issue `render` reports, warnings included, in `'warn'` mode (the document renders). */
export function reported(node: Child, options: RenderOptions = {}): IssueSummary[] {
  const seen: IssueSummary[] = []
  render(node, { ...options, validate: 'warn', onIssue: (i) => seen.push(summary(i)) })
  return seen
}
