/**
 * What every dialed noun (`Number`, `Client`, `Sip`, `Application`, `WhatsApp`) shares: the
 * screening URL and per-leg status callbacks, and the answering machine detection of `<Number>`
 * and `<Sip>`.
 *
 * @see https://www.twilio.com/docs/voice/twiml/number
 */
import * as attr from '../attr.js'
import {
  CALL_PROGRESS_EVENTS,
  type CallProgressEvent,
  type HttpMethod,
  methodDomain,
  type OpenUnion,
} from './common.js'

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
