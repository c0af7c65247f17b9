/**
 * `<Response>` for Messaging: the root of a TwiML document answering an incoming SMS,
 * MMS or WhatsApp message.
 *
 * @see https://www.twilio.com/docs/messaging/twiml
 */
import { type Child, defineElement } from '../node.js'

/**
 * Tags of the verbs a messaging `<Response>` may hold: `Message` and `Redirect`. `Redirect` is
 * the voice `Redirect` element: same tag, same `method` attribute, a URL as its text.
 */
export const MESSAGING_VERBS: readonly string[] = ['Message', 'Redirect']

export interface MessagingResponseProps {
  /** `<Message>` replies and at most a final `<Redirect>`; an empty response sends no reply. */
  children?: Child
}

/**
 * Root of a messaging TwiML document; renders as `<Response>`, like twilio's
 * `new twilio.twiml.MessagingResponse()`. Holds `<Message>` and `<Redirect>`.
 * @see https://www.twilio.com/docs/messaging/twiml
 */
export const MessagingResponse = defineElement<MessagingResponseProps>({
  tag: 'Response',
  attributes: {},
  children: { elements: MESSAGING_VERBS },
})
