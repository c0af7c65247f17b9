/**
 * Value sets and attribute domains shared by several TwiML verbs. Each closed set is one `as const`
 * tuple: the TypeScript union is derived from it and the run-time domain reads it.
 */
import { attr } from '../schema.js'

/** HTTP methods Twilio uses for a callback or TwiML URL. */
export const HTTP_METHODS = ['GET', 'POST'] as const
/** HTTP method Twilio uses for a callback or TwiML URL. */
export type HttpMethod = (typeof HTTP_METHODS)[number]

/** Call progress events a dialed noun can report to its `statusCallback`. */
export const CALL_PROGRESS_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const
/** A call progress event a dialed noun can report to its `statusCallback`. */
export type CallProgressEvent = (typeof CALL_PROGRESS_EVENTS)[number]

/** Events a recording can report to its `recordingStatusCallback`. */
export const RECORDING_STATUS_EVENTS = ['in-progress', 'completed', 'absent'] as const
/** An event a recording can report to its `recordingStatusCallback`. */
export type RecordingStatusEvent = (typeof RECORDING_STATUS_EVENTS)[number]

/** Whether silence at the start and end of a recording is removed. */
export const RECORDING_TRIMS = ['trim-silence', 'do-not-trim'] as const
/** Whether silence at the start and end of a recording is removed. */
export type RecordingTrim = (typeof RECORDING_TRIMS)[number]

/** Twilio regions (`us1` Virginia, `us2` Oregon, `ie1` Ireland, `de1` Frankfurt, `sg1` Singapore, `jp1` Tokyo, `br1` São Paulo, `au1` Sydney). */
export const TWILIO_REGIONS = ['us1', 'us2', 'ie1', 'de1', 'sg1', 'jp1', 'br1', 'au1'] as const
/** A Twilio region. */
export type TwilioRegion = (typeof TWILIO_REGIONS)[number]

/** A closed catalogue that Twilio grows: known values autocomplete, new ones still type-check. */
export type OpenUnion<T extends string> = T | (string & {})

/** Text children: strings and numbers, possibly split by JSX into an array. */
export type { TextChild } from '../node.js'

/** `method` and the other `…Method` attributes: `GET` or `POST`, default `POST` everywhere in TwiML. */
export const methodDomain = attr.enum(HTTP_METHODS, { default: 'POST' })

/**
 * `recordingStatusCallbackEvent`: recording events, space-separated; Twilio sends `completed` when
 * none are given.
 */
export const recordingEventsDomain = attr.list(RECORDING_STATUS_EVENTS, { default: ['completed'] })

/**
 * Attributes every dialed noun (`Number`, `Client`, `Sip`, `Application`, `WhatsApp`) shares:
 * a screening URL that runs on the called party, and per-leg status callbacks.
 */
export interface DialedNounAttributes {
  /**
   * URL of a TwiML document run on the called party after they answer and before the
   * two parties are connected (call screening, whispers). That document must not `<Dial>`.
   */
  url?: string
  /** HTTP method for `url`. Default `POST`. */
  method?: HttpMethod
  /**
   * Call progress events that trigger a request to `statusCallback`, any of `initiated`,
   * `ringing`, `answered`, `completed`. With a `statusCallback` and no events, only
   * `completed` is sent. Rendered space-separated.
   */
  statusCallbackEvent?: readonly CallProgressEvent[]
  /**
   * URL Twilio requests for each event in `statusCallbackEvent`. A relative URL, or an
   * absolute one whose host name is valid (no underscores).
   */
  statusCallback?: string
  /** HTTP method for `statusCallback`. Default `POST`. */
  statusCallbackMethod?: HttpMethod
}

/** Machine detection modes of `<Number>` and `<Sip>`. */
export const MACHINE_DETECTION_MODES = ['Enable', 'DetectMessageEnd'] as const

/** Answering machine detection attributes of `<Number>` and `<Sip>`. */
export interface MachineDetectionAttributes {
  /**
   * Answering machine detection on the dialed leg: `Enable` (returns as soon as a human or
   * machine is identified) or `DetectMessageEnd` (waits for the greeting to end). Off when absent.
   */
  machineDetection?: OpenUnion<(typeof MACHINE_DETECTION_MODES)[number]>
  /** Seconds to wait for a detection result, 3–59. Default 30. */
  machineDetectionTimeout?: number
  /** Milliseconds of speech after which a greeting is taken to be a machine, 1000–6000. Default 2400. */
  machineDetectionSpeechThreshold?: number
  /** Milliseconds of silence after speech that end the detection, 500–5000. Default 1200. */
  machineDetectionSpeechEndThreshold?: number
  /** Milliseconds of initial silence after which the result is `unknown`, 2000–10000. Default 5000. */
  machineDetectionSilenceTimeout?: number
  /** URL that receives the detection result asynchronously. */
  amdStatusCallback?: string
  /** HTTP method for `amdStatusCallback`. Default `POST`. */
  amdStatusCallbackMethod?: HttpMethod
}

/** Domains of {@link DialedNounAttributes}, shared by the nouns' specs. */
export const dialedNounDomains = {
    url: attr.url(),
    method: methodDomain,
    statusCallbackEvent: attr.list(CALL_PROGRESS_EVENTS, { default: ['completed'] }),
    statusCallback: attr.url(),
    statusCallbackMethod: methodDomain,
} as const

/** Domains of {@link MachineDetectionAttributes}. */
export const machineDetectionDomains = {
    machineDetection: attr.open(MACHINE_DETECTION_MODES),
    machineDetectionTimeout: attr.integer(3, 59, { default: 30 }),
    machineDetectionSpeechThreshold: attr.integer(1000, 6000, { default: 2400 }),
    machineDetectionSpeechEndThreshold: attr.integer(500, 5000, { default: 1200 }),
    machineDetectionSilenceTimeout: attr.integer(2000, 10000, { default: 5000 }),
    amdStatusCallback: attr.url(),
    amdStatusCallbackMethod: methodDomain,
} as const
