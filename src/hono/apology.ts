/**
 * What a route answers when its TwiML cannot be rendered.
 *
 * Twilio answers a 500 (or a body that is not TwiML) with its own "We are sorry, an application error
 * has occurred" and ends the call (https://www.twilio.com/docs/api/errors/11200). So in production a
 * broken document answers 200 with a short apology of our own, and the error — the request's method
 * and path and every issue — goes to the log. In development the readable error is the answer, so
 * `twiml-jsx call` and curl show it.
 */
import type { Context, ErrorHandler } from 'hono'
import { TwimlValidationError } from '../errors.js'
import type { Child } from '../node.js'
import { type RenderOptions, render, XML_DECLARATION } from '../render.js'
import { type AppMode, appMode } from './environment.js'

/** Options of {@link twimlErrorHandler}, also accepted by `twiml()` and `twimlDefaults()`. */
export interface BrokenDocumentOptions {
  /**
   * `'production'`: a broken document answers 200 with the apology; `'development'`: 500 with the
   * error as plain text. Default: `'development'` when `NODE_ENV` is `development` (a binding on
   * Workers, the process environment elsewhere), `'production'` otherwise.
   */
  mode?: AppMode
  /**
   * The TwiML a caller hears when a document is broken (production), or a function of the error that
   * returns it. Default: {@link DEFAULT_APOLOGY} (a `<Say>` and `<Hangup/>`; for messaging, an empty
   * `<Response/>`, which sends no reply).
   */
  apology?: Child | ((error: unknown, c: Context) => Child)
  /**
   * Where the error goes, one entry per broken response: the line (method, path, every issue) and the
   * error itself (its `issues` as data, for tools that read them). Default `console.error`.
   */
  log?: (line: string, error: unknown) => void
}

/** What the default apology says. */
export const APOLOGY_TEXT = 'Sorry, something went wrong on our side. Please call again later. Goodbye.'

/** The default apology for voice documents. */
export const DEFAULT_APOLOGY = `${XML_DECLARATION}<Response><Say>${APOLOGY_TEXT}</Say><Hangup/></Response>`

// A conference's waitUrl document may hold only Say, Play, Pause and Redirect (error 13238); a
// messaging reply with no <Message> sends nothing.
const APOLOGY_BY_CONTEXT: Partial<Record<NonNullable<RenderOptions['context']>, string>> = {
  'conference-wait': `${XML_DECLARATION}<Response><Say>${APOLOGY_TEXT}</Say></Response>`,
  messaging: `${XML_DECLARATION}<Response/>`,
}

const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8'

interface HttpExceptionLike {
  getResponse(): Response
}

function isHttpException(error: unknown): error is HttpExceptionLike {
  return error instanceof Error && typeof (error as Partial<HttpExceptionLike>).getResponse === 'function'
}

function describe(error: unknown): string {
  if (error instanceof TwimlValidationError) return `${error.name}: ${error.message}`
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`
  return String(error)
}

function apologyFor(error: unknown, c: Context, options: BrokenDocumentOptions & RenderOptions): string {
  const fallback = APOLOGY_BY_CONTEXT[options.context ?? 'voice'] ?? DEFAULT_APOLOGY
  const chosen = options.apology
  if (chosen === undefined) return fallback
  try {
    const node = typeof chosen === 'function' ? chosen(error, c) : chosen
    return render(node, { context: options.context, enhancedSip: options.enhancedSip })
  } catch (apologyError) {
    ;(options.log ?? console.error)(
      `twiml: the apology itself cannot be rendered: ${describe(apologyError)}`,
      apologyError,
    )
    return fallback
  }
}

/**
 * Answers for a document that could not be rendered: logs the method, path and error (every issue
 * of a {@link TwimlValidationError}, which also gets `request` set), then answers the apology with 200
 * (production) or the error as text with 500 (development). Hono's `HTTPException` is rethrown, so
 * it answers as Hono intends.
 */
export function answerBrokenDocument(
  error: unknown,
  c: Context,
  options: BrokenDocumentOptions & RenderOptions = {},
): Response {
  if (isHttpException(error)) throw error
  const request = { method: c.req.method, path: c.req.path }
  if (error instanceof TwimlValidationError && error.request === undefined) error.request = request
  const line = `twiml: ${request.method} ${request.path}: ${describe(error)}`
  ;(options.log ?? console.error)(line, error)
  if (appMode(c, options.mode) === 'development') return c.text(line, 500)
  return c.body(apologyFor(error, c, options), 200, { 'Content-Type': TWIML_CONTENT_TYPE })
}

/**
 * A ready `app.onError` handler for TwiML apps: any error a route throws (a document rendered with
 * `render()` by hand, a failing database call) is answered like a broken document in `twiml()` —
 * logged with method and path, then the apology (production) or the error (development). Options
 * set by `twimlDefaults()` for the route apply; `options` here override them.
 *
 * ```ts
 * app.onError(twimlErrorHandler())
 * ```
 */
export function twimlErrorHandler(options: BrokenDocumentOptions = {}): ErrorHandler {
  return function twimlErrorHandlerMiddleware(error, c) {
    if (isHttpException(error)) return error.getResponse()
    return answerBrokenDocument(error, c, { ...c.get('twiml-jsx:options'), ...options })
  }
}
