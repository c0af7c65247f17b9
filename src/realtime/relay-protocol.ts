/**
 * ConversationRelay's messages as tables: what each field must be, for the parser of Twilio's
 * messages and the check on yours. Field rules come from the "Validation rules" column of
 * https://www.twilio.com/docs/voice/conversationrelay/websocket-messages
 */
import type { RealtimeIssue } from './errors.js'
import {
  boolean,
  countLike,
  httpUrl,
  integer,
  matching,
  nonEmptyText,
  oneOf,
  optional,
  stringRecord,
  text,
} from './fields.js'
import { checkOutbound, type ParseResult, type ProtocolSpec, parseInbound, parseOutbound } from './protocol.js'
import type { RelayInbound, RelayOutbound } from './relay-messages.js'

/** ConversationRelay, as data. */
export const CONVERSATION_RELAY: ProtocolSpec<RelayInbound, RelayOutbound, 'type'> = {
  name: 'ConversationRelay',
  key: 'type',
  inbound: {
    setup: {
      type: oneOf('setup'),
      sessionId: nonEmptyText,
      accountSid: nonEmptyText,
      parentCallSid: optional(text),
      callSid: nonEmptyText,
      from: text,
      to: text,
      forwardedFrom: optional(text),
      callType: optional(text),
      callerName: optional(text),
      direction: text,
      callStatus: optional(text),
      customParameters: optional(stringRecord),
    },
    prompt: { type: oneOf('prompt'), voicePrompt: text, lang: text, last: boolean },
    dtmf: { type: oneOf('dtmf'), digit: matching(/^[0-9*#A-Da-d]$/, 'one key: 0-9, *, # (or A-D)') },
    interrupt: { type: oneOf('interrupt'), utteranceUntilInterrupt: text, durationUntilInterruptMs: countLike },
    error: { type: oneOf('error'), description: text },
    info: { type: oneOf('info'), name: nonEmptyText, value: optional(text) },
  },
  outbound: {
    // "Required. Cannot be null." An empty token is allowed.
    text: {
      type: oneOf('text'),
      token: text,
      last: optional(boolean),
      lang: optional(nonEmptyText),
      interruptible: optional(boolean),
      preemptible: optional(boolean),
    },
    play: {
      type: oneOf('play'),
      source: httpUrl,
      loop: optional(integer(0)),
      preemptible: optional(boolean),
      interruptible: optional(boolean),
    },
    // "Cannot be null or empty. Must only contain the characters 0-9, w, #, and *."
    sendDigits: { type: oneOf('sendDigits'), digits: matching(/^[0-9w#*]+$/, 'one or more of 0-9, w, #, *') },
    language: {
      type: oneOf('language'),
      ttsLanguage: optional(nonEmptyText),
      transcriptionLanguage: optional(nonEmptyText),
    },
    end: { type: oneOf('end'), handoffData: optional(text) },
  },
  outboundRules: {
    // "Optional, but either this or transcriptionLanguage must be present."
    language: (message): RealtimeIssue[] =>
      message.ttsLanguage === undefined && message.transcriptionLanguage === undefined
        ? [{ path: '', message: 'needs ttsLanguage, transcriptionLanguage or both' }]
        : [],
  },
}

/**
 * Parses one WebSocket message Twilio sent a ConversationRelay server. Never throws: a message
 * that is not JSON, has an unknown `type` or a field of the wrong kind gives `{ ok: false, error }`
 * whose `error.issues` name each field.
 */
export function parseRelayMessage(data: unknown): ParseResult<RelayInbound> {
  return parseInbound(CONVERSATION_RELAY, data)
}

/** Checks a message you are about to send to Twilio (`send` does this for you). Never throws. */
export function checkRelayOutbound(message: unknown): ParseResult<RelayOutbound> {
  return checkOutbound(CONVERSATION_RELAY, message)
}

/** Parses a message a ConversationRelay server sent (what Twilio receives). Never throws. */
export function parseRelayReply(data: unknown): ParseResult<RelayOutbound> {
  return parseOutbound(CONVERSATION_RELAY, data)
}
