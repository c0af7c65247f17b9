/**
 * Hono integration: return TwiML from a route.
 *
 * ```tsx
 * app.post('/voice', (c) => twiml(c, <Response><Say>Hello</Say></Response>))
 * ```
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Child } from '../node.js'
import { type RenderOptions, renderAsync } from '../render.js'

/** Content-Type Twilio expects for TwiML. */
export const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8'

/**
 * Renders `node` (async components allowed) and returns it as the response body with
 * `Content-Type: text/xml; charset=utf-8`.
 */
export async function twiml(
  c: Context,
  node: Child | Promise<Child>,
  status: ContentfulStatusCode = 200,
  options?: RenderOptions,
): Promise<Response> {
  const xml = await renderAsync(node, options)
  return c.body(xml, status, { 'Content-Type': TWIML_CONTENT_TYPE })
}
