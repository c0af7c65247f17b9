/** Types and attribute domains shared by several TwiML verbs. */
import { type AttributeDomain, attr } from '../schema.js'

/** HTTP method Twilio uses for a callback or TwiML URL. */
export type HttpMethod = 'GET' | 'POST'

/** Call progress events a dialed noun can report to its `statusCallback`. */
export type CallProgressEvent = 'initiated' | 'ringing' | 'answered' | 'completed'

/** Events a recording can report to its `recordingStatusCallback`. */
export type RecordingStatusEvent = 'in-progress' | 'completed' | 'absent'

/** Whether silence at the start and end of a recording is removed. */
export type RecordingTrim = 'trim-silence' | 'do-not-trim'

/** Twilio regions (`us1` Virginia, `us2` Oregon, `ie1` Ireland, `de1` Frankfurt, `sg1` Singapore, `jp1` Tokyo, `br1` São Paulo, `au1` Sydney). */
export type TwilioRegion = 'us1' | 'us2' | 'ie1' | 'de1' | 'sg1' | 'jp1' | 'br1' | 'au1'

/** A closed catalogue that Twilio grows: known values autocomplete, new ones still type-check. */
export type OpenUnion<T extends string> = T | (string & {})

/** Text children: strings and numbers, possibly split by JSX into an array. */
export type { TextChild } from '../node.js'

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

/** Answering machine detection attributes of `<Number>` and `<Sip>`. */
export interface MachineDetectionAttributes {
  /**
   * Answering machine detection on the dialed leg: `Enable` (returns as soon as a human or
   * machine is identified) or `DetectMessageEnd` (waits for the greeting to end). Off when absent.
   */
  machineDetection?: OpenUnion<'Enable' | 'DetectMessageEnd'>
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
  url: attr.url,
  method: attr.method,
  statusCallbackEvent: attr.callProgressEvents,
  statusCallback: attr.url,
  statusCallbackMethod: attr.method,
} as const satisfies Record<keyof DialedNounAttributes, AttributeDomain>

/** Domains of {@link MachineDetectionAttributes}. */
export const machineDetectionDomains = {
  machineDetection: attr.open(['Enable', 'DetectMessageEnd']),
  machineDetectionTimeout: attr.integer(3, 59),
  machineDetectionSpeechThreshold: attr.integer(1000, 6000),
  machineDetectionSpeechEndThreshold: attr.integer(500, 5000),
  machineDetectionSilenceTimeout: attr.integer(2000, 10000),
  amdStatusCallback: attr.url,
  amdStatusCallbackMethod: attr.method,
} as const satisfies Record<keyof MachineDetectionAttributes, AttributeDomain>
