/**
 * `<Hangup>`, `<Redirect>`, `<Reject>`: verbs that end or move the call. Verbs after them never run.
 *
 * @see https://www.twilio.com/docs/voice/twiml/hangup
 */
import { defineElement, type ElementChild, type TextChild } from '../node.js'
import { attr } from '../schema.js'
import type { HttpMethod } from './common.js'

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
  attributes: {},
  children: { elements: ['Parameter'] },
})

export interface RedirectProps {
  /** URL of the TwiML that takes over the call (absolute or relative to the current document). */
  children: TextChild
  /** HTTP method for the URL. Default `POST`. */
  method?: HttpMethod
}

/**
 * Hands the call to the TwiML at another URL.
 * @see https://www.twilio.com/docs/voice/twiml/redirect
 */
export const Redirect = defineElement<RedirectProps>({
  tag: 'Redirect',
  attributes: { method: attr.method },
  children: { text: true },
})

export interface RejectProps {
  /** What the caller hears: `rejected` (default, a "not in service" tone) or `busy`. */
  reason?: 'rejected' | 'busy'
  /** `<Parameter>` elements passed on with the rejection. No text. */
  children?: ElementChild
}

/**
 * Declines an incoming call without answering it (no charge). Must be the first verb.
 * @see https://www.twilio.com/docs/voice/twiml/reject
 */
export const Reject = defineElement<RejectProps>({
  tag: 'Reject',
  attributes: { reason: attr.enum('rejected', 'busy') },
  children: { elements: ['Parameter'] },
})
