/**
 * `<Message>` and its nouns `<Body>` and `<Media>`: replies to an incoming message. The messaging
 * `<Redirect>` is the voice one (voice/redirect.ts), a verb of both roots: the same
 * tag and attributes.
 *
 * @see https://www.twilio.com/docs/messaging/twiml/message
 */

import * as attr from '../attr.js'
import { type Child, defineElement, type TextChild } from '../node.js'
import { type HttpMethod, methodDomain } from '../voice/common.js'
import { MessagingResponse } from './response.js'

export interface MessageProps {
  /** The message text, or one `<Body>` and up to 10 `<Media>` (MMS). */
  children?: Child
  /**
   * Recipient: a phone number in E.164 form, or a channel address (`whatsapp:+1…`).
   * Default: the sender of the incoming message.
   */
  to?: string
  /**
   * Sender: a Twilio phone number, short code or channel address, or an alphanumeric sender ID.
   * Default: the number that received the incoming message.
   */
  from?: string
  /** URL Twilio requests with the outbound message's status (`MessageStatus`, `MessageSid`, ...). */
  action?: string
  /** HTTP method for `action`. Default `POST`. */
  method?: HttpMethod
  /**
   * URL Twilio requests with the message's status.
   * @deprecated Twilio prefers `action`.
   */
  statusCallback?: string
}

/**
 * Sends a message (SMS, MMS, WhatsApp, ...) in reply. Its text is the body; `<Body>` and `<Media>`
 * give text and attachments.
 * @see https://www.twilio.com/docs/messaging/twiml/message
 */
export const Message = defineElement<MessageProps>({
  tag: 'Message',
  verbOf: [MessagingResponse],
  attributes: {
    to: attr.string(),
    from: attr.string(),
    action: attr.url(),
    method: methodDomain,
    statusCallback: attr.url(),
  },
  children: { text: true, elements: () => [Body, Media] },
})

export interface BodyProps {
  /** The message text (up to 1600 characters). */
  children: TextChild
}

/** The text of a `<Message>` that also has `<Media>`. */
export const Body = defineElement<BodyProps>({ tag: 'Body', attributes: {}, children: { text: true } })

export interface MediaProps {
  /** URL of an image, audio or video file to attach (MMS; at most 10 per message). */
  children: TextChild
}

/** An attachment of a `<Message>`. */
export const Media = defineElement<MediaProps>({ tag: 'Media', attributes: {}, children: { text: true } })
