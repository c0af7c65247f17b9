/**
 * `<Say>`: text to speech.
 *
 * @see https://www.twilio.com/docs/voice/twiml/say
 */
import { type Child, defineElement } from '../node.js'
import { attr } from '../schema.js'
import type { KnownSayLanguage, KnownSayVoice } from './catalog.js'
import type { OpenUnion } from './common.js'

/** A text-to-speech voice: `man`, `woman`, `alice`, `Polly.*`, `Google.*`, ... Known ones autocomplete. */
export type SayVoice = OpenUnion<KnownSayVoice>
/** A `<Say>` language tag such as `en-US`. Known ones autocomplete. */
export type SayLanguage = OpenUnion<KnownSayLanguage>

export interface SayProps {
  /** The words to speak. Text, mixed with SSML elements for Polly and Google voices. */
  children?: Child
  /** Voice to speak with. Default `man`; Polly and Google voices support SSML. */
  voice?: SayVoice
  /** Language and accent, e.g. `en-GB`. Default `en-US`; must suit the voice. */
  language?: SayLanguage
  /** How many times to repeat the text; `0` repeats until the call ends. Default 1. */
  loop?: number
}

/**
 * Speaks text to the caller. Basic voices take up to 4096 characters, Polly 3000, Google 5000.
 * @see https://www.twilio.com/docs/voice/twiml/say
 */
export const Say = defineElement<SayProps>({
  tag: 'Say',
  attributes: { voice: attr.open(), language: attr.open(), loop: attr.integer(0) },
  children: { text: true, elements: [] },
})
