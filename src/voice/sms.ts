/**
 * `<Sms>`: send a text message during a voice call. Deprecated by Twilio; kept so documents
 * that use it still render.
 *
 * @see https://www.twilio.com/docs/voice/twiml/sms
 */

import * as attr from '../attr.js'
import { defineElement, type TextChild } from '../node.js'
import { type HttpMethod, methodDomain } from './common.js'
import { Response } from './response.js'

export interface SmsProps {
  /** The message text. */
  children: TextChild
  /**
   * Recipient, in E.164 format (`+14155550100`). Default: the caller on an inbound call, the
   * called party on an outbound one. Short codes are not supported.
   */
  to?: string
  /**
   * Sender: an SMS-capable number of your account. Default: the called party on an inbound
   * call, the caller on an outbound one.
   */
  from?: string
  /**
   * URL Twilio requests once the message is queued, with `SmsSid` and `SmsStatus`; its TwiML
   * continues the call. Without it, the call goes on with the next verb.
   */
  action?: string
  /** HTTP method for `action`. Default `POST`. */
  method?: HttpMethod
  /** URL Twilio requests when the message's delivery status changes. */
  statusCallback?: string
}

/**
 * Sends an SMS during a call. Deprecated: Twilio recommends sending messages with the REST API
 * from your webhook instead (and `<Message>` to reply to a message).
 * @see https://www.twilio.com/docs/voice/twiml/sms
 */
export const Sms = defineElement<SmsProps>({
  tag: 'Sms',
  verbOf: [Response],
  attributes: {
    to: attr.string(),
    from: attr.string(),
    action: attr.url(),
    method: methodDomain,
    statusCallback: attr.url(),
  },
  children: { text: true },
})
