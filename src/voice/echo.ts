/**
 * `<Echo>`: play the caller's own audio back to them, to test a line's audio path and latency.
 * The twilio helper library models it (`response.echo()`); Twilio's reference has no page for it.
 *
 * @see https://www.twilio.com/docs/voice/twiml
 */
import { defineElement } from '../node.js'
import { Response } from './response.js'

export interface EchoProps {
  children?: never
}

/**
 * Echoes the caller's audio back to them (a diagnostic verb with no attributes).
 * @see https://www.twilio.com/docs/voice/twiml
 */
export const Echo = defineElement<EchoProps>({ tag: 'Echo', verbOf: [Response], attributes: {} })
