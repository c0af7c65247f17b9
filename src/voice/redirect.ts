/**
 * `<Redirect>`: hands the call, or the message, to the TwiML at another URL. Verbs after it never run.
 *
 * @see https://www.twilio.com/docs/voice/twiml/redirect
 */
import { MessagingResponse } from '../messaging/response.js'
import { defineElement, type TextChild } from '../node.js'
import { type HttpMethod, methodDomain } from './common.js'
import { Response } from './response.js'

export interface RedirectProps {
  /** URL of the TwiML that takes over the call (absolute or relative to the current document). */
  children: TextChild
  /** HTTP method for the URL. Default `POST`. */
  method?: HttpMethod
}

/**
 * Hands the call (or, in a messaging response, the message) to the TwiML at another URL. One
 * element serves both roots: Twilio documents the same `method` attribute and URL text for each.
 * @see https://www.twilio.com/docs/voice/twiml/redirect
 * @see https://www.twilio.com/docs/messaging/twiml/redirect
 */
export const Redirect = defineElement<RedirectProps>({
  tag: 'Redirect',
  verbOf: [Response, MessagingResponse],
  terminal: true,
  attributes: { method: methodDomain },
  children: { text: true },
})
