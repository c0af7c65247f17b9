/**
 * `<Record>`: record the caller's voice (voicemail, messages) and hand the recording's URL to
 * your application.
 *
 * `Record` shares its name with TypeScript's `Record<K, V>` utility type, so it is also exported
 * as `RecordVerb`. Importing `Record` from twiml-jsx does not hide the utility type: our `Record`
 * is a value only, and TypeScript looks types up by meaning, so `Record<string, number>` in the
 * importing module still means the built-in type (test/types/voice-verbs.types.tsx checks this).
 * Use `RecordVerb` where a reader could be confused.
 *
 * @see https://www.twilio.com/docs/voice/twiml/record
 */

import * as attr from '../attr.js'
import { defineElement } from '../node.js'
import {
  type HttpMethod,
  methodDomain,
  RECORDING_TRIMS,
  type RecordingStatusEvent,
  type RecordingTrim,
  recordingEventsDomain,
} from './common.js'
import { Response } from './response.js'

export interface RecordProps {
  children?: never
  /**
   * URL Twilio requests when the recording ends, with `RecordingUrl`, `RecordingDuration` and
   * `Digits` (the key that ended it, if any). Its TwiML continues the call. Default: the current
   * document's URL, so leave it out only if that document handles a finished recording (or the
   * call loops back into `<Record>`). When nothing was recorded, Twilio skips this request and goes
   * on with the verb after `<Record>`.
   */
  action?: string
  /** HTTP method for `action`. Default `POST`. */
  method?: HttpMethod
  /** Seconds of silence that end the recording, a positive whole number. Default 5. */
  timeout?: number
  /**
   * Keys that end the recording, any of `0`–`9`, `#`, `*` written together (e.g. `#*`).
   * Default `1234567890*#` (any key). The key pressed is not part of the audio.
   */
  finishOnKey?: string
  /**
   * Longest recording in seconds. Default 3600 (one hour). The ceiling is 14400 (4 hours) or
   * 86400 (24 hours), depending on the account's maximum call duration.
   */
  maxLength?: number
  /** Play a beep before recording starts. Default `true`. */
  playBeep?: boolean
  /** Remove silence at the start and end: `trim-silence` (default) or `do-not-trim`. */
  trim?: RecordingTrim
  /** URL Twilio requests when the recording changes state (see `recordingStatusCallbackEvent`). */
  recordingStatusCallback?: string
  /** HTTP method for `recordingStatusCallback`. Default `POST`. */
  recordingStatusCallbackMethod?: HttpMethod
  /**
   * Recording events sent to `recordingStatusCallback`: any of `in-progress`, `completed`,
   * `absent`, rendered space-separated. Default `completed`.
   */
  recordingStatusCallbackEvent?: readonly RecordingStatusEvent[]
  /** Recording configuration to apply (a Twilio resource id). */
  recordingConfigurationId?: string
  /**
   * Transcribe the recording (a paid feature, for short recordings only). Default `false`.
   * Not available when the account is in PCI mode.
   */
  transcribe?: boolean
  /** URL Twilio requests (POST) when the transcription is ready; used together with `transcribe`. */
  transcribeCallback?: string
}

/**
 * Records the caller and sends the recording's URL to `action`. Also exported as `RecordVerb`,
 * since `Record` is also the name of TypeScript's utility type.
 * @see https://www.twilio.com/docs/voice/twiml/record
 */
export const Record = defineElement<RecordProps>({
  tag: 'Record',
  verbOf: [Response],
  attributes: {
    action: attr.url(),
    method: methodDomain,
    timeout: attr.integer(1, undefined, { default: 5 }),
    finishOnKey: attr.string({ maxLength: 12 }, { default: '1234567890*#' }),
    maxLength: attr.integer(1, 86400, { default: 3600 }),
    playBeep: attr.boolean({ default: true }),
    trim: attr.oneOf(RECORDING_TRIMS, { default: 'trim-silence' }),
    recordingStatusCallback: attr.url(),
    recordingStatusCallbackMethod: methodDomain,
    recordingStatusCallbackEvent: recordingEventsDomain(),
    recordingConfigurationId: attr.string(),
    transcribe: attr.boolean({ default: false }),
    transcribeCallback: attr.url(),
  },
})
/** Collision-free alias of {@link Record} (no confusion with TypeScript's `Record<K, V>`). */
export const RecordVerb = Record
