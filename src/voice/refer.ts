/**
 * `<Refer>` and its `<Sip>` noun: transfer a SIP call away from Twilio with a SIP REFER.
 *
 * The noun's tag is `Sip`, like the noun `<Dial>` dials, but it is a different element: it takes
 * no attributes and no URI composition (no `region`, `transport` or `headers` props), just the
 * target URI. It is exported as `ReferSip` so both can be imported side by side.
 *
 * @see https://www.twilio.com/docs/voice/twiml/refer
 */

import * as attr from '../attr.js'
import { type Child, defineElement, type TextChild } from '../node.js'
import { type HttpMethod, methodDomain } from './common.js'
import { Response } from './response.js'

export interface ReferProps {
  /** One `<ReferSip>` (rendered `<Sip>`) holding the transfer target. */
  children?: Child
  /**
   * URL Twilio requests when the transfer ends, with `ReferCallStatus` (`in-progress`, `busy`,
   * `no-answer`, `canceled`, `failed`), `ReferSipResponseCode` and `NotifySipResponseCode`. Its
   * TwiML continues the call.
   */
  action?: string
  /** HTTP method for `action`. Default `POST`. */
  method?: HttpMethod
}

/**
 * Asks the SIP endpoint on the other side of this call to call the target itself and replace the
 * Twilio leg (SIP REFER), then follows the outcome through SIP NOTIFY. Works on SIP call legs
 * only; PSTN and Voice SDK legs fail.
 * @see https://www.twilio.com/docs/voice/twiml/refer
 */
export const Refer = defineElement<ReferProps>({
  tag: 'Refer',
  verbOf: [Response],
  attributes: { action: attr.url(), method: methodDomain },
  children: { elements: () => [ReferSip] },
})

export interface ReferSipProps {
  /** The transfer target as a SIP URI, e.g. `sip:alice@example.com`, written as given. */
  children: TextChild
}

/**
 * The transfer target of `<Refer>`, rendered as `<Sip>`. Unlike `<Dial>`'s `Sip` it has no
 * attributes and does not compose the URI.
 * @see https://www.twilio.com/docs/voice/twiml/refer
 */
export const ReferSip = defineElement<ReferSipProps>({
  tag: 'Sip',
  name: 'ReferSip',
  attributes: {},
  children: { text: true },
})
