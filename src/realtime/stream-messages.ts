/**
 * Media Streams' WebSocket messages, as Twilio documents them: the call's audio as base64 μ-law
 * frames, with metadata, DTMF and marks. With `<Connect><Stream>` the stream is bidirectional and
 * your server can send audio, marks and `clear` back. Counters (`sequenceNumber`, `chunk`,
 * `timestamp`) are strings of digits, as Twilio writes them.
 *
 * @see https://www.twilio.com/docs/voice/media-streams/websocket-messages
 * @see https://www.twilio.com/docs/voice/twiml/stream
 */

// ---------------------------------------------------------------------------------------------
// From Twilio
// ---------------------------------------------------------------------------------------------

/** The first message on the socket: which protocol follows. */
export interface StreamConnectedMessage {
  readonly event: 'connected'
  /** The protocol for the socket's lifetime, e.g. `Call`. */
  readonly protocol: string
  /** Semantic version of the protocol, e.g. `1.0.0`. */
  readonly version: string
}

/** Which audio flows a stream carries: the caller's (`inbound`) and/or what the call plays (`outbound`). */
export type StreamTrack = 'inbound' | 'outbound'

/** The format of every `media` payload; Twilio documents one value for each field. */
export interface StreamMediaFormat {
  /** Always `audio/x-mulaw`. */
  readonly encoding: 'audio/x-mulaw'
  /** Always 8000 (Hz). */
  readonly sampleRate: 8000
  /** Always 1. */
  readonly channels: 1
}

/** The stream's metadata, in {@link StreamStartMessage.start}. */
export interface StreamStart {
  /** The stream, `MZ…`. */
  readonly streamSid: string
  /** The account that created the stream, `AC…`. */
  readonly accountSid: string
  /** The call that started the stream, `CA…`. */
  readonly callSid: string
  /** The tracks that `media` messages will carry. */
  readonly tracks: readonly StreamTrack[]
  /** The `<Parameter name value>` children of `<Stream>`, by name. */
  readonly customParameters?: Readonly<Record<string, string>>
  /** The format of the payloads. */
  readonly mediaFormat: StreamMediaFormat
}

/** Sent once, right after `connected`: the stream's metadata. */
export interface StreamStartMessage {
  readonly event: 'start'
  /** Order of this message on the socket, from `"1"`. */
  readonly sequenceNumber: string
  /** The metadata. */
  readonly start: StreamStart
  /** The stream, `MZ…`. */
  readonly streamSid: string
}

/** One frame of audio. */
export interface StreamMediaMessage {
  readonly event: 'media'
  /** Order of this message on the socket. */
  readonly sequenceNumber: string
  readonly media: {
    /** Whose audio this is. */
    readonly track: StreamTrack
    /** Number of this chunk, from `"1"`. */
    readonly chunk: string
    /** Presentation time in milliseconds from the start of the stream. */
    readonly timestamp: string
    /** The raw audio (μ-law, 8 kHz, mono, no file header), base64-encoded. */
    readonly payload: string
  }
  /** The stream, `MZ…`. */
  readonly streamSid: string
}

/** A key pressed on the inbound track (bidirectional streams only). */
export interface StreamDtmfMessage {
  readonly event: 'dtmf'
  /** The stream, `MZ…`. */
  readonly streamSid: string
  /** Order of this message on the socket. */
  readonly sequenceNumber: string
  readonly dtmf: {
    /** Always `inbound_track`. */
    readonly track: 'inbound_track'
    /** The key detected. */
    readonly digit: string
  }
}

/**
 * Audio you sent up to a mark of yours has finished playing (or was cleared): Twilio echoes the
 * mark's name. Bidirectional streams only.
 */
export interface StreamMarkMessage {
  readonly event: 'mark'
  /** The stream, `MZ…`. */
  readonly streamSid: string
  /** Order of this message on the socket. */
  readonly sequenceNumber: string
  readonly mark: {
    /** The name your `mark` message gave. */
    readonly name: string
  }
}

/** The stream stopped or the call ended. */
export interface StreamStopMessage {
  readonly event: 'stop'
  /** Order of this message on the socket. */
  readonly sequenceNumber: string
  readonly stop: {
    /** The account that created the stream. */
    readonly accountSid: string
    /** The call that started the stream. */
    readonly callSid: string
  }
  /** The stream, `MZ…`. */
  readonly streamSid: string
}

/** Every message Twilio sends to a Media Streams server. */
export type StreamInbound =
  | StreamConnectedMessage
  | StreamStartMessage
  | StreamMediaMessage
  | StreamDtmfMessage
  | StreamMarkMessage
  | StreamStopMessage

// ---------------------------------------------------------------------------------------------
// To Twilio (bidirectional streams, i.e. <Connect><Stream>)
// ---------------------------------------------------------------------------------------------

/**
 * Audio to play on the call: μ-law, 8 kHz, base64, without file header bytes, any length.
 * Twilio buffers media messages and plays them in order.
 */
export interface StreamSendMediaMessage {
  readonly event: 'media'
  /** The stream that should play it. */
  readonly streamSid: string
  readonly media: {
    /** The audio, base64. */
    readonly payload: string
  }
}

/** Ask to be told when the audio sent so far has played: Twilio echoes a `mark` with this name. */
export interface StreamSendMarkMessage {
  readonly event: 'mark'
  /** The stream. */
  readonly streamSid: string
  readonly mark: {
    /** A name of your choosing. */
    readonly name: string
  }
}

/** Drop all buffered audio; Twilio then echoes every pending mark. */
export interface StreamClearMessage {
  readonly event: 'clear'
  /** The stream. */
  readonly streamSid: string
}

/** Every message a Media Streams server can send to Twilio. */
export type StreamOutbound = StreamSendMediaMessage | StreamSendMarkMessage | StreamClearMessage

/** The message types Twilio sends. */
export type StreamInboundEvent = StreamInbound['event']
/** The message types you can send. */
export type StreamOutboundEvent = StreamOutbound['event']
