/**
 * `<Gather>`: collect DTMF digits or speech.
 *
 * @see https://www.twilio.com/docs/voice/twiml/gather
 */

import * as attr from '../attr.js'
import { type Child, defineElement } from '../node.js'
import { GATHER_LANGUAGES, type KnownGatherLanguage } from './catalog.js'
import { type HttpMethod, methodDomain, type OpenUnion } from './common.js'
import { Pause, Play } from './play-pause.js'
import { Response } from './response.js'
import { Say } from './say.js'

/** Kinds of input `<Gather>` accepts. */
export const GATHER_INPUTS = ['dtmf', 'speech'] as const

/** Speech recognition models Twilio documents for `<Gather speechModel>`; the set grows. */
export const GATHER_SPEECH_MODELS = [
  'default',
  'numbers_and_commands',
  'phone_call',
  'experimental_conversations',
  'experimental_utterances',
] as const

/** Speech recognition language such as `en-US`. Known ones autocomplete. */
export type GatherLanguage = OpenUnion<KnownGatherLanguage>

export interface GatherProps {
  /** Prompts played while gathering: only `Say`, `Play` and `Pause`. */
  children?: Child
  /**
   * URL that receives the input (`Digits`, or `SpeechResult` and `Confidence`). Its TwiML
   * continues the call. Default: the current document's URL.
   */
  action?: string
  /** HTTP method for `action`. Default `POST`. */
  method?: HttpMethod
  /** Request `action` even when the caller gave no input. Default `false`. */
  actionOnEmptyResult?: boolean
  /** Which input to accept: `dtmf` (default), `speech`, or both. Rendered space-separated. */
  input?: readonly (typeof GATHER_INPUTS)[number][]
  /** Seconds of silence after the last digit before the input is sent. Default 5. */
  timeout?: number
  /**
   * Seconds of silence that end speech input, or `auto` to stop when speech pauses.
   * Default: the value of `timeout`.
   */
  speechTimeout?: number | 'auto'
  /** Longest speech input in seconds, 1–60. Default 60. */
  maxSpeechTime?: number
  /** Key that ends input: `0`–`9`, `#`, `*`, or empty for none. Default `#`. */
  finishOnKey?: string
  /** Number of digits to collect; input ends when reached. */
  numDigits?: number
  /** Stop the prompt as soon as the caller speaks or presses a key. Default `true`. */
  bargeIn?: boolean
  /** Words or phrases likely to be spoken, comma-separated, to improve recognition. */
  hints?: string
  /** Speech recognition language. Default `en-US`. */
  language?: GatherLanguage
  /** Filter profanity out of `SpeechResult`. Default `true`. */
  profanityFilter?: boolean
  /** Recognition model, e.g. `default`, `numbers_and_commands`, `phone_call`, `experimental_conversations`. */
  speechModel?: OpenUnion<(typeof GATHER_SPEECH_MODELS)[number]>
  /** Use the premium `phone_call` model. Default `false`. */
  enhanced?: boolean
  /** URL that receives interim speech results (`UnstableSpeechResult`) as the caller speaks. */
  partialResultCallback?: string
  /** HTTP method for `partialResultCallback`. Default `POST`. */
  partialResultCallbackMethod?: HttpMethod
  /** Send debugging information to the Twilio debugger. Default `false`. */
  debug?: boolean
}

/**
 * Collects digits or speech from the caller while prompts play.
 * @see https://www.twilio.com/docs/voice/twiml/gather
 */
export const Gather = defineElement<GatherProps>({
  tag: 'Gather',
  verbOf: [Response],
  attributes: {
    action: attr.url(),
    method: methodDomain,
    actionOnEmptyResult: attr.boolean({ default: false }),
    input: attr.list(GATHER_INPUTS, { default: ['dtmf'] }),
    timeout: attr.integer(1, undefined, { default: 5 }),
    speechTimeout: attr.union([attr.integer(0), attr.oneOf(['auto'])]),
    maxSpeechTime: attr.integer(1, 60, { default: 60 }),
    finishOnKey: attr.string({ maxLength: 1 }, { default: '#' }),
    numDigits: attr.integer(1),
    bargeIn: attr.boolean({ default: true }),
    hints: attr.string(),
    language: attr.open(GATHER_LANGUAGES, { default: 'en-US' }),
    profanityFilter: attr.boolean({ default: true }),
    speechModel: attr.open(GATHER_SPEECH_MODELS, { default: 'default' }),
    enhanced: attr.boolean({ default: false }),
    partialResultCallback: attr.url(),
    partialResultCallbackMethod: methodDomain,
    debug: attr.boolean({ default: false }),
  },
  children: { elements: () => [Say, Play, Pause] },
})
