/**
 * `<Hangup>`: ends the call. Verbs after it never run.
 *
 * @see https://www.twilio.com/docs/voice/twiml/hangup
 */
import { defineElement, type ElementChild } from '../node.js'
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
