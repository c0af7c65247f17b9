/**
 * `<Say>`: text to speech, with SSML (see ssml.ts).
 *
 * @see https://www.twilio.com/docs/voice/twiml/say
 */

import * as attr from '../attr.js'
import { type Child, defineElement } from '../node.js'
import { type KnownSayLanguage, type KnownSayVoice, SAY_LANGUAGES } from './catalog.js'
import type { OpenUnion } from './common.js'
import { Response } from './response.js'
import { ssmlElements, ssmlIntrinsic } from './ssml.js'

/**
 * A text-to-speech voice: `man`, `woman`, `alice`, `Polly.*` (`-Neural`, `-Generative`), `Google.*`,
 * `ElevenLabs.*`. Known ones autocomplete; a voice Twilio adds later still compiles.
 */
export type SayVoice = OpenUnion<KnownSayVoice>
/** A `<Say>` language tag such as `en-US`. Known ones autocomplete. */
export type SayLanguage = OpenUnion<KnownSayLanguage>

/**
 * The known voices at run time: the basic ones only. The full catalogue (over a thousand Polly,
 * Google and ElevenLabs voices) is the type {@link KnownSayVoice}, which costs nothing at run time.
 */
export const BASIC_SAY_VOICES = ['man', 'woman', 'alice'] as const satisfies readonly KnownSayVoice[]

/** The known `<Say language>` values at run time (for tools and test generators). */
export { SAY_LANGUAGES } from './catalog.js'

export interface SayProps {
  /**
   * The words to speak: text, mixed freely with SSML elements (`<Break/>`, `<Emphasis>`,
   * `<SayAs>`, `<Prosody>`, ...) for Polly and Google voices.
   */
  children?: Child
  /** Voice to speak with. Default `man` (or the account's default); Polly and Google voices support SSML. */
  voice?: SayVoice
  /** Language and accent, e.g. `en-GB`. Default `en-US`; must suit the voice. */
  language?: SayLanguage
  /** How many times to repeat the text; `0` repeats until the call ends (up to 1000 times). Default 1. */
  loop?: number
}

/**
 * Speaks text to the caller. Basic voices take up to 4096 characters, Polly 3000, Google 5000.
 * @see https://www.twilio.com/docs/voice/twiml/say
 */
export const Say = defineElement<SayProps>({
  tag: 'Say',
  verbOf: [Response],
  intrinsics: ssmlIntrinsic,
  attributes: {
    voice: attr.open(BASIC_SAY_VOICES, { default: 'man' }),
    language: attr.open(SAY_LANGUAGES, { default: 'en-US' }),
    loop: attr.integer(0, undefined, { default: 1 }),
  },
  children: { text: true, elements: ssmlElements },
  check: ({ props, textLength }, report) => {
    const voice = typeof props.voice === 'string' ? props.voice : ''
    const [engine, limit] = voice.startsWith('Polly.')
      ? ['Amazon Polly voices take', 3000]
      : voice.startsWith('Google.')
        ? ['Google voices take', 5000]
        : ['this voice takes', 4096]
    if (textLength > limit) {
      report(
        'say.length',
        `<Say> text is ${textLength} characters (its SSML elements' text included); ${engine} at most ${limit} (Twilio error 13521)`,
        13521,
      )
    }
  },
})
