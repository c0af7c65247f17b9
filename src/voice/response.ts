/**
 * `<Response>`: the root of every voice TwiML document.
 *
 * @see https://www.twilio.com/docs/voice/twiml
 */
import { type Child, defineElement } from '../node.js'

/**
 * Tags of the verbs a voice `<Response>` may hold. Verb families add theirs here, so the
 * list stays in one place.
 */
export const VOICE_VERBS: string[] = [
  'Say',
  'Play',
  'Pause',
  'Gather',
  'Dial',
  'Hangup',
  'Redirect',
  'Reject',
  'Record',
  'Enqueue',
  'Leave',
  'Connect',
  'Start',
  'Stop',
  'Pay',
  'Prompt',
  'Refer',
  'Sms',
  'Echo',
  'Queue',
]

export interface ResponseProps {
  /** The verbs Twilio runs, in order. */
  children?: Child
}

/**
 * Root of a TwiML document. Also exported as `VoiceResponse`, since `Response` shadows the
 * Fetch API's `Response`.
 */
export const Response = defineElement<ResponseProps>({
  tag: 'Response',
  attributes: {},
  children: { elements: VOICE_VERBS },
})
/** Collision-free alias of {@link Response}. */
export const VoiceResponse = Response
