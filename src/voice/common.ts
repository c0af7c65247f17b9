/**
 * Value sets and attribute domains shared by several TwiML verbs. Each closed set is one `as const`
 * tuple: the TypeScript union is derived from it and the run-time domain reads it.
 */
import * as attr from '../attr.js'

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
export const methodDomain = attr.oneOf(HTTP_METHODS, { default: 'POST' })

/**
 * `recordingStatusCallbackEvent`: recording events, space-separated; Twilio sends `completed` when
 * none are given.
 */
export const recordingEventsDomain = () => attr.list(RECORDING_STATUS_EVENTS, { default: ['completed'] })
