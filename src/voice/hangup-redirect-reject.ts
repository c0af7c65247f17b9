/**
 * `<Hangup>`, `<Redirect>`, `<Reject>`: verbs that end or move the call. Verbs after them never run.
 *
 * @see https://www.twilio.com/docs/voice/twiml/hangup
 */
import { MessagingResponse } from '../messaging/response.js'
import { defineElement, type ElementChild, type TextChild } from '../node.js'
import { attr } from '../schema.js'
import { type HttpMethod, methodDomain } from './common.js'
import { Parameter } from './parameter.js'
import { Response } from './response.js'

export interface HangupProps {
  /** `<Parameter>` elements passed on with the hang-up (to a Voice SDK client, for instance). No text. */
  children?: ElementChild
}

/**
 * Ends the call.
 * @see https://www.twilio.com/docs/voice/twiml/hangup
 */
export const Hangup = defineElement<HangupProps>({
  tag: 'Hangup',
  verbOf: [Response],
  terminal: true,
  attributes: {},
  children: { elements: () => [Parameter] },
})

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

/** What a caller hears when `<Reject>` declines the call. */
export const REJECT_REASONS = ['rejected', 'busy'] as const

export interface RejectProps {
  /** What the caller hears: `rejected` (default, a "not in service" tone) or `busy`. */
  reason?: (typeof REJECT_REASONS)[number]
  /** `<Parameter>` elements passed on with the rejection. No text. */
  children?: ElementChild
}

/**
 * Declines an incoming call without answering it (no charge). Must be the first verb.
 * @see https://www.twilio.com/docs/voice/twiml/reject
 */
export const Reject = defineElement<RejectProps>({
  tag: 'Reject',
  verbOf: [Response],
  terminal: true,
  attributes: { reason: attr.enum(REJECT_REASONS, { default: 'rejected' }) },
  children: { elements: () => [Parameter] },
})
