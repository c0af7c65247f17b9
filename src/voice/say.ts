/**
 * `<Say>`: text to speech, with SSML (see ssml.ts).
 *
 * @see https://www.twilio.com/docs/voice/twiml/say
 */
import { type Child, defineElement } from '../node.js'
import { attr } from '../schema.js'
import type { KnownSayLanguage, KnownSayVoice } from './catalog.js'
import type { OpenUnion } from './common.js'
import { SSML_TAGS } from './ssml.js'

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
export const BASIC_SAY_VOICES: readonly KnownSayVoice[] = ['man', 'woman', 'alice']

/** Every language twilio's builder lists for `<Say>` (the type makes this list match `KnownSayLanguage`). */
const sayLanguages: Record<KnownSayLanguage, 0> = {
  'af-ZA': 0,
  'am-ET': 0,
  'ar-AE': 0,
  'ar-XA': 0,
  arb: 0,
  'bg-BG': 0,
  'bn-IN': 0,
  'ca-ES': 0,
  'cmn-CN': 0,
  'cmn-TW': 0,
  'cs-CZ': 0,
  'cy-GB': 0,
  'da-DK': 0,
  'de-AT': 0,
  'de-DE': 0,
  'el-GR': 0,
  'en-AU': 0,
  'en-CA': 0,
  'en-GB': 0,
  'en-GB-WLS': 0,
  'en-IE': 0,
  'en-IN': 0,
  'en-NZ': 0,
  'en-US': 0,
  'en-ZA': 0,
  'es-ES': 0,
  'es-MX': 0,
  'es-US': 0,
  'fi-FI': 0,
  'fil-PH': 0,
  'fr-CA': 0,
  'fr-FR': 0,
  'fr-BE': 0,
  'gu-IN': 0,
  'he-IL': 0,
  'hi-IN': 0,
  'hu-HU': 0,
  'id-ID': 0,
  'is-IS': 0,
  'it-IT': 0,
  'ja-JP': 0,
  'kn-IN': 0,
  'ko-KR': 0,
  'lv-LV': 0,
  'ml-IN': 0,
  'mr-IN': 0,
  'ms-MY': 0,
  'nb-NO': 0,
  'nl-BE': 0,
  'nl-NL': 0,
  'pa-IN': 0,
  'pl-PL': 0,
  'pt-BR': 0,
  'pt-PT': 0,
  'ro-RO': 0,
  'ru-RU': 0,
  'sk-SK': 0,
  'sr-RS': 0,
  'sv-SE': 0,
  'ta-IN': 0,
  'te-IN': 0,
  'th-TH': 0,
  'tr-TR': 0,
  'uk-UA': 0,
  'vi-VN': 0,
  'yue-HK': 0,
  'zh-CN': 0,
  'zh-HK': 0,
  'zh-TW': 0,
}
/** The known `<Say language>` values at run time (for tools and test generators). */
export const SAY_LANGUAGES: readonly KnownSayLanguage[] = Object.keys(sayLanguages) as KnownSayLanguage[]

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
  attributes: { voice: attr.open(BASIC_SAY_VOICES), language: attr.open(SAY_LANGUAGES), loop: attr.integer(0) },
  children: { text: true, elements: SSML_TAGS },
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
        `<Say> text is ${textLength} characters; ${engine} at most ${limit} (Twilio error 13521)`,
        13521,
      )
    }
  },
})
