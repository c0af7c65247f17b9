/**
 * `<Response>` for Messaging: the root of a TwiML document answering an incoming SMS,
 * MMS or WhatsApp message.
 *
 * @see https://www.twilio.com/docs/messaging/twiml
 */
import { type Child, defineElement } from '../node.js'

export interface MessagingResponseProps {
  /** `<Message>` replies and at most a final `<Redirect>`; an empty response sends no reply. */
  children?: Child
}

/**
 * Root of a messaging TwiML document; renders as `<Response>`, like twilio's
 * `new twilio.twiml.MessagingResponse()`. Holds its verbs `<Message>` and `<Redirect>` (they
 * name it as their root).
 * @see https://www.twilio.com/docs/messaging/twiml
 */
export const MessagingResponse = defineElement<MessagingResponseProps>({
  tag: 'Response',
  name: 'MessagingResponse',
  root: true,
  attributes: {},
  children: {},
})
