/**
 * Media Streams' messages as tables, for the parser of Twilio's messages and the check on yours.
 * @see https://www.twilio.com/docs/voice/media-streams/websocket-messages
 */
import { arrayOf, base64, digitString, nonEmptyText, object, oneOf, optional, stringRecord, text } from './fields.js'
import { checkOutbound, type ParseResult, type ProtocolSpec, parseInbound, parseOutbound } from './protocol.js'
import type {
  StreamDtmfMessage,
  StreamInbound,
  StreamMarkMessage,
  StreamMediaFormat,
  StreamMediaMessage,
  StreamOutbound,
  StreamSendMarkMessage,
  StreamSendMediaMessage,
  StreamStart,
  StreamStopMessage,
} from './stream-messages.js'

/** Media Streams, as data. */
export const MEDIA_STREAMS: ProtocolSpec<StreamInbound, StreamOutbound, 'event'> = {
  name: 'Media Streams',
  key: 'event',
  inbound: {
    connected: { event: oneOf('connected'), protocol: text, version: text },
    start: {
      event: oneOf('start'),
      sequenceNumber: digitString,
      start: object<StreamStart>({
        streamSid: nonEmptyText,
        accountSid: nonEmptyText,
        callSid: nonEmptyText,
        tracks: arrayOf(oneOf('inbound', 'outbound')),
        customParameters: optional(stringRecord),
        mediaFormat: object<StreamMediaFormat>({
          encoding: oneOf('audio/x-mulaw'),
          sampleRate: oneOf(8000),
          channels: oneOf(1),
        }),
      }),
      streamSid: nonEmptyText,
    },
    media: {
      event: oneOf('media'),
      sequenceNumber: digitString,
      media: object<StreamMediaMessage['media']>({
        track: oneOf('inbound', 'outbound'),
        chunk: digitString,
        timestamp: digitString,
        payload: base64,
      }),
      streamSid: nonEmptyText,
    },
    dtmf: {
      event: oneOf('dtmf'),
      streamSid: nonEmptyText,
      sequenceNumber: digitString,
      dtmf: object<StreamDtmfMessage['dtmf']>({ track: oneOf('inbound_track'), digit: nonEmptyText }),
    },
    mark: {
      event: oneOf('mark'),
      streamSid: nonEmptyText,
      sequenceNumber: digitString,
      mark: object<StreamMarkMessage['mark']>({ name: text }),
    },
    stop: {
      event: oneOf('stop'),
      sequenceNumber: digitString,
      stop: object<StreamStopMessage['stop']>({ accountSid: nonEmptyText, callSid: nonEmptyText }),
      streamSid: nonEmptyText,
    },
  },
  outbound: {
    media: {
      event: oneOf('media'),
      streamSid: nonEmptyText,
      media: object<StreamSendMediaMessage['media']>({ payload: base64 }),
    },
    mark: {
      event: oneOf('mark'),
      streamSid: nonEmptyText,
      mark: object<StreamSendMarkMessage['mark']>({ name: text }),
    },
    clear: { event: oneOf('clear'), streamSid: nonEmptyText },
  },
}

/**
 * Parses one WebSocket message Twilio sent a Media Streams server. Never throws: a message that
 * is not JSON, has an unknown `event` or a field of the wrong kind gives `{ ok: false, error }`.
 */
export function parseStreamMessage(data: unknown): ParseResult<StreamInbound> {
  return parseInbound(MEDIA_STREAMS, data)
}

/** Checks a message you are about to send to Twilio (`send` does this for you). Never throws. */
export function checkStreamOutbound(message: unknown): ParseResult<StreamOutbound> {
  return checkOutbound(MEDIA_STREAMS, message)
}

/** Parses a message a Media Streams server sent (what Twilio receives). Never throws. */
export function parseStreamReply(data: unknown): ParseResult<StreamOutbound> {
  return parseOutbound(MEDIA_STREAMS, data)
}
