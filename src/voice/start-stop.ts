/**
 * `<Start>` and `<Stop>`: begin or end work that runs beside the call while the document goes on
 * with the next verb. Their nouns: `<Stream>` (also used by `<Connect>`), `<Siprec>`,
 * `<Transcription>`, `<Recording>` (Start only) and `<MediaFilter>`.
 *
 * A call may fork at most four media streams; `<Siprec>` uses two by default.
 *
 * @see https://www.twilio.com/docs/voice/twiml/stream
 */

import * as attr from '../attr.js'
import { type Child, defineElement } from '../node.js'
import {
  type HttpMethod,
  methodDomain,
  type OpenUnion,
  RECORDING_TRIMS,
  type RecordingStatusEvent,
  type RecordingTrim,
  recordingEventsDomain,
} from './common.js'
import { Config } from './connect.js'
import { Parameter } from './parameter.js'
import { Response } from './response.js'

/**
 * Which audio a fork carries: `inbound_track` (what Twilio receives from the caller),
 * `outbound_track` (what Twilio sends to them) or `both_tracks`.
 */
export type MediaTrack = (typeof MEDIA_TRACKS)[number]

/** The audio tracks a stream, SIPREC session, transcription or media filter can carry. */
export const MEDIA_TRACKS = ['inbound_track', 'outbound_track', 'both_tracks'] as const

export interface StartProps {
  /** The work to start: `<Stream>`, `<Siprec>`, `<Transcription>`, `<Recording>`, `<MediaFilter>`. */
  children?: Child
  /**
   * Action URL. The twilio helper library models it; Twilio's reference pages do not describe
   * what `<Start>` sends to it.
   */
  action?: string
  /** HTTP method for `action`. Default `POST`. */
  method?: HttpMethod
}

/**
 * Starts streams, SIPREC sessions, real-time transcriptions, recordings or media filters on the
 * call, then goes straight on with the next verb (with none, the call ends).
 * @see https://www.twilio.com/docs/voice/twiml/stream
 */
export const Start = defineElement<StartProps>({
  tag: 'Start',
  verbOf: [Response],
  attributes: { action: attr.url(), method: methodDomain },
  children: { elements: () => [Stream, Siprec, Transcription, Recording, MediaFilter] },
})

export interface StopProps {
  /** What to stop, named as it was started: `<Stream name>`, `<Siprec name>`, `<Transcription name>`, `<MediaFilter name>`. */
  children?: Child
}

/**
 * Stops a stream, SIPREC session, transcription or media filter started earlier with `<Start>`,
 * found by its `name`.
 * @see https://www.twilio.com/docs/voice/twiml/stream
 */
export const Stop = defineElement<StopProps>({
  tag: 'Stop',
  verbOf: [Response],
  attributes: {},
  children: { elements: () => [Stream, Siprec, Transcription, MediaFilter] },
})

export interface StreamProps {
  /** Custom `<Parameter>`s, delivered to the WebSocket server in the `start` message. */
  children?: Child
  /**
   * WebSocket URL that receives the audio (`wss://` only). It may not carry a query string: pass
   * values with `<Parameter>` instead.
   */
  url?: string
  /** A name for the stream, unique within the call; `<Stop><Stream name>` uses it. */
  name?: string
  /**
   * Audio to stream: `inbound_track` (default), `outbound_track` or `both_tracks`. A
   * bidirectional `<Connect><Stream>` supports `inbound_track` only.
   */
  track?: MediaTrack
  /** URL Twilio requests when the stream starts, stops or fails. */
  statusCallback?: string
  /** HTTP method for `statusCallback`. Default `POST`. */
  statusCallbackMethod?: HttpMethod
  /**
   * Unique name of a Stream Connector installed from the Marketplace, used instead of `url`
   * to send the audio to a partner (`<Start>` only).
   */
  connectorName?: string
  /** Audio format (codec) of the streamed media, for the high-definition options. */
  audioFormat?: string
  /** Sample rate, in hertz, of the streamed media, for the high-definition options. */
  sampleRate?: number | `${number}`
}

/**
 * Forks the call's audio to a WebSocket server in near real time. Under `<Start>` the stream is
 * one-way and the document goes on; under `<Connect>` it is two-way (your server may send audio
 * back) and the call stays on it until the server closes the socket.
 *
 * One element serves both parents: the twilio library types them alike. `connectorName` applies
 * to `<Start>` only; `<Connect>` takes `inbound_track` only.
 * @see https://www.twilio.com/docs/voice/twiml/stream
 */
export const Stream = defineElement<StreamProps>({
  tag: 'Stream',
  attributes: {
    // A WebSocket URL: `attr.url` checks for the http(s) URLs Twilio requests.
    url: attr.string(),
    name: attr.string(),
    track: attr.oneOf(MEDIA_TRACKS, { default: 'inbound_track' }),
    statusCallback: attr.url(),
    statusCallbackMethod: methodDomain,
    connectorName: attr.string(),
    audioFormat: attr.string(),
    sampleRate: attr.union([attr.integer(1), attr.string()]),
  },
  children: { elements: () => [Parameter] },
})

export interface SiprecProps {
  /** Custom `<Parameter>`s passed on to the recording server (as metadata or SIP headers). */
  children?: Child
  /** A name for the session, unique within the call; `<Stop><Siprec name>` uses it. */
  name?: string
  /** Unique name of the SIPREC connector configured in the Console (Marketplace). Default `Default`. */
  connectorName?: string
  /** Audio to send: `inbound_track`, `outbound_track` or `both_tracks` (default). */
  track?: MediaTrack
  /** URL Twilio requests when the session starts, stops or fails. */
  statusCallback?: string
  /** HTTP method for `statusCallback`. Default `POST`. */
  statusCallbackMethod?: HttpMethod
}

/**
 * Forks the call's audio over SIPREC to a session recording server configured as a connector.
 * DTMF is not sent.
 * @see https://www.twilio.com/docs/voice/twiml/siprec
 */
export const Siprec = defineElement<SiprecProps>({
  tag: 'Siprec',
  attributes: {
    name: attr.string(),
    connectorName: attr.string(undefined, { default: 'Default' }),
    track: attr.oneOf(MEDIA_TRACKS, { default: 'both_tracks' }),
    statusCallback: attr.url(),
    statusCallbackMethod: methodDomain,
  },
  children: { elements: () => [Parameter] },
})

/** Speech-to-text engines of real-time transcription that autocomplete. */
export const TRANSCRIPTION_ENGINES = ['google', 'deepgram'] as const
/** Speech-to-text engine of a real-time `<Transcription>`. Known ones autocomplete. */
export type TranscriptionEngine = OpenUnion<(typeof TRANSCRIPTION_ENGINES)[number]>
/** Engine models of real-time transcription that autocomplete. */
export const TRANSCRIPTION_SPEECH_MODELS = ['telephony', 'long', 'nova-2', 'nova-3'] as const

export interface TranscriptionProps {
  /** `<Config>` entries for the engine and custom `<Parameter>`s. */
  children?: Child
  /** A name for the transcription, unique within the call; `<Stop><Transcription name>` uses it. */
  name?: string
  /** Audio to transcribe: `inbound_track`, `outbound_track` or `both_tracks`. */
  track?: MediaTrack
  /**
   * Absolute URL that receives the transcription events (started, content, stopped, error):
   * the way to consume utterances live.
   */
  statusCallbackUrl?: string
  /** HTTP method for `statusCallbackUrl`. Default `POST`. */
  statusCallbackMethod?: HttpMethod
  /** Label given to the inbound track in the results (e.g. `customer`). */
  inboundTrackLabel?: string
  /** Label given to the outbound track in the results (e.g. `agent`). */
  outboundTrackLabel?: string
  /** Also send interim (partial) results while the speaker talks. Default `false`. */
  partialResults?: boolean
  /** Spoken language, as a BCP-47 code such as `en-US`. Default `en-US`. */
  languageCode?: string
  /** Speech-to-text engine, e.g. `google` or `deepgram`. */
  transcriptionEngine?: TranscriptionEngine
  /** Engine model, e.g. `telephony` or `long` (Google), `nova-2` or `nova-3` (Deepgram). */
  speechModel?: OpenUnion<(typeof TRANSCRIPTION_SPEECH_MODELS)[number]>
  /** Mask profanities in the results. */
  profanityFilter?: boolean
  /** Words or phrases likely to be spoken, comma-separated, to improve recognition. */
  hints?: string
  /** Let the engine add punctuation to the results. */
  enableAutomaticPunctuation?: boolean
  /**
   * SID or unique name of a Conversational Intelligence service: stores the transcript and runs
   * its language operators after the call.
   */
  intelligenceService?: string
  /** ID or unique name of the Conversation configuration to use. */
  conversationConfiguration?: string
  /** ID of the Conversation the transcript belongs to. */
  conversationId?: string
}

/**
 * Transcribes the call in near real time (Real-Time Transcriptions; not the transcription of a
 * finished recording).
 * @see https://www.twilio.com/docs/voice/twiml/transcription
 */
export const Transcription = defineElement<TranscriptionProps>({
  tag: 'Transcription',
  attributes: {
    name: attr.string(),
    track: attr.oneOf(MEDIA_TRACKS),
    statusCallbackUrl: attr.url(),
    statusCallbackMethod: methodDomain,
    inboundTrackLabel: attr.string(),
    outboundTrackLabel: attr.string(),
    partialResults: attr.boolean({ default: false }),
    languageCode: attr.open([], { default: 'en-US' }),
    transcriptionEngine: attr.open(TRANSCRIPTION_ENGINES),
    speechModel: attr.open(TRANSCRIPTION_SPEECH_MODELS),
    profanityFilter: attr.boolean(),
    hints: attr.string(),
    enableAutomaticPunctuation: attr.boolean(),
    intelligenceService: attr.string(),
    conversationConfiguration: attr.string(),
    conversationId: attr.string(),
  },
  children: { elements: () => [Config, Parameter] },
})

/** Audio `<Recording>` can record (no `_track` suffix, unlike the media tracks). */
export const RECORDING_TRACKS = ['inbound', 'outbound', 'both'] as const
/** Channel layouts of a `<Recording>`. */
export const RECORDING_CHANNELS = ['mono', 'dual'] as const

export interface RecordingProps {
  children?: never
  /** URL Twilio requests when the recording changes state (see `recordingStatusCallbackEvent`). */
  recordingStatusCallback?: string
  /** HTTP method for `recordingStatusCallback`. Default `POST`. */
  recordingStatusCallbackMethod?: HttpMethod
  /**
   * Recording events sent to `recordingStatusCallback`: any of `in-progress`, `completed`,
   * `absent`, rendered space-separated. Default `completed`.
   */
  recordingStatusCallbackEvent?: readonly RecordingStatusEvent[]
  /** Remove silence at the start and end: `trim-silence` (default) or `do-not-trim`. */
  trim?: RecordingTrim
  /** Audio to record: `inbound`, `outbound` or `both` (default). Note: no `_track` suffix here. */
  track?: (typeof RECORDING_TRACKS)[number]
  /** `dual` (default) keeps each party on its own channel; `mono` mixes them into one. */
  channels?: (typeof RECORDING_CHANNELS)[number]
  /** Recording configuration to apply (a Twilio resource id). */
  recordingConfigurationId?: string
}

/**
 * Starts recording the call at once and goes on with the next verb. Pause, resume or stop it
 * through the REST API's Recordings resource.
 * @see https://www.twilio.com/docs/voice/twiml/recording
 */
export const Recording = defineElement<RecordingProps>({
  tag: 'Recording',
  attributes: {
    recordingStatusCallback: attr.url(),
    recordingStatusCallbackMethod: methodDomain,
    recordingStatusCallbackEvent: recordingEventsDomain(),
    trim: attr.oneOf(RECORDING_TRIMS, { default: 'trim-silence' }),
    track: attr.oneOf(RECORDING_TRACKS, { default: 'both' }),
    channels: attr.oneOf(RECORDING_CHANNELS, { default: 'dual' }),
    recordingConfigurationId: attr.string(),
  },
})

/** Kinds of media filter. */
export const MEDIA_FILTER_TYPES = ['noise'] as const

export interface MediaFilterProps {
  /** Custom `<Parameter>`s for the filter. */
  children?: Child
  /** A name for the filter, unique within the call; `<Stop><MediaFilter name>` uses it. */
  name?: string
  /** Kind of filter; `noise` (noise reduction) is the only one the twilio library knows. */
  filterType?: (typeof MEDIA_FILTER_TYPES)[number]
  /** Model the filter uses. */
  model?: string
  /** Audio to filter: `inbound_track`, `outbound_track` or `both_tracks`. */
  track?: MediaTrack
}

/**
 * Applies a media filter (noise reduction) to the call's audio. Modelled on the twilio helper
 * library; Twilio's reference has no page for it yet.
 * @see https://www.twilio.com/docs/voice/twiml
 */
export const MediaFilter = defineElement<MediaFilterProps>({
  tag: 'MediaFilter',
  attributes: {
    name: attr.string(),
    filterType: attr.oneOf(MEDIA_FILTER_TYPES),
    model: attr.string(),
    track: attr.oneOf(MEDIA_TRACKS),
  },
  children: { elements: () => [Parameter] },
})
