/**
 * `<Response>`: the root of every voice TwiML document.
 *
 * @see https://www.twilio.com/docs/voice/twiml
 */
import { type Child, defineElement } from '../node.js'

export interface ResponseProps {
  /** The verbs Twilio runs, in order. */
  children?: Child
}

/**
 * Root of a TwiML document. Also exported as `VoiceResponse`, since `Response` shadows the
 * Fetch API's `Response`. It names no children: each verb names the roots it belongs to
 * (`verbOf`), so a bundle holds only the verbs it uses.
 */
export const Response = defineElement<ResponseProps>({
  tag: 'Response',
  name: 'VoiceResponse',
  root: true,
  attributes: {},
  children: {},
})
/** Collision-free alias of {@link Response}. */
export const VoiceResponse = Response
