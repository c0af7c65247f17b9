/**
 * Hono integration: return TwiML from a route.
 *
 * ```tsx
 * app.post('/voice', (c) => twiml(c, <Response><Say>Hello</Say></Response>))
 * ```
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Child } from '../node.js'
import { type RenderOptions, renderAsync } from '../render.js'

/** Content-Type Twilio expects for TwiML. */
export const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8'

/** Options of {@link twiml}: the HTTP status and the render options for this response. */
export interface TwimlResponseOptions extends RenderOptions {
  /** HTTP status. Default 200. */
  status?: ContentfulStatusCode
}

/** Where {@link twimlDefaults} keeps a route's render options in the Hono context. */
export const TWIML_OPTIONS_KEY = 'twiml-jsx:options'

/**
 * Renders `node` (async components allowed) and returns it as the response body with
 * `Content-Type: text/xml; charset=utf-8`. The third argument is the HTTP status, or options
 * (status and render options such as `context` or `enhancedSip`); they override what
 * {@link twimlDefaults} set for the route.
 */
export async function twiml(
  c: Context,
  node: Child | Promise<Child>,
  statusOrOptions: ContentfulStatusCode | TwimlResponseOptions = 200,
): Promise<Response> {
  const defaults = c.get(TWIML_OPTIONS_KEY as never) as TwimlResponseOptions | undefined
  const options: TwimlResponseOptions =
    typeof statusOrOptions === 'number' ? { ...defaults, status: statusOrOptions } : { ...defaults, ...statusOrOptions }
  const xml = await renderAsync(node, options)
  return c.body(xml, options.status ?? 200, { 'Content-Type': TWIML_CONTENT_TYPE })
}

/**
 * Middleware that declares how the routes it covers render TwiML, e.g. that they serve call
 * screening documents: `app.use('/screen/*', twimlDefaults({ context: 'screening' }))`.
 */
export function twimlDefaults(options: TwimlResponseOptions): MiddlewareHandler {
  return async (c, next) => {
    const inherited = c.get(TWIML_OPTIONS_KEY as never) as TwimlResponseOptions | undefined
    c.set(TWIML_OPTIONS_KEY as never, { ...inherited, ...options } as never)
    await next()
  }
}
export * from './webhook.js'
