/**
 * Returning TwiML from a Hono route: `twiml(c, node)`, and per-route defaults (`twimlDefaults`).
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Child } from '../node.js'
import { type RenderOptions, renderAsync } from '../render.js'
import { answerBrokenDocument, type BrokenDocumentOptions } from './apology.js'

/** Content-Type Twilio expects for TwiML. */
export const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8'

/**
 * Options of {@link twiml} and {@link twimlDefaults}: the HTTP status, the render options, and what a
 * document that cannot be rendered answers.
 */
export interface TwimlResponseOptions extends RenderOptions, BrokenDocumentOptions {
  /** HTTP status. Default 200. */
  status?: ContentfulStatusCode
}

/** Where {@link twimlDefaults} keeps a route's options in the Hono context. */
export const TWIML_OPTIONS_KEY = 'twiml-jsx:options'

declare module 'hono' {
  interface ContextVariableMap {
    /** The TwiML options {@link twimlDefaults} set for the route. */
    'twiml-jsx:options'?: TwimlResponseOptions
  }
}

/**
 * Renders `node` (async components allowed) and returns it as the response body with
 * `Content-Type: text/xml; charset=utf-8`. The third argument is the HTTP status, or options
 * (status, render options such as `context` or `enhancedSip`, error handling); they override what
 * {@link twimlDefaults} set for the route.
 *
 * A document that cannot be rendered (a validation error, an async component that throws) never
 * becomes a bare 500: the error is logged with the request's method and path and every issue, and
 * the caller hears a short apology (in production; see {@link BrokenDocumentOptions}).
 */
export async function twiml(
  c: Context,
  node: Child | Promise<Child>,
  statusOrOptions: ContentfulStatusCode | TwimlResponseOptions = 200,
): Promise<Response> {
  const defaults = c.get(TWIML_OPTIONS_KEY)
  const options: TwimlResponseOptions =
    typeof statusOrOptions === 'number' ? { ...defaults, status: statusOrOptions } : { ...defaults, ...statusOrOptions }
  let xml: string
  try {
    xml = await renderAsync(node, options)
  } catch (error) {
    return answerBrokenDocument(error, c, options)
  }
  return c.body(xml, options.status ?? 200, { 'Content-Type': TWIML_CONTENT_TYPE })
}

/**
 * Middleware that declares how the routes it covers render TwiML, e.g. that they serve call
 * screening documents (`app.use('/screen/*', twimlDefaults({ context: 'screening' }))`), that the
 * account has Enhanced Programmable SIP Features (`app.use(twimlDefaults({ enhancedSip: true }))`), or
 * what a broken document answers.
 */
export function twimlDefaults(options: TwimlResponseOptions): MiddlewareHandler {
  return async function twimlDefaultsMiddleware(c, next) {
    c.set(TWIML_OPTIONS_KEY, { ...c.get(TWIML_OPTIONS_KEY), ...options })
    await next()
  }
}
