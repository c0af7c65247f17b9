/**
 * SSML inside `<Say>`: `break`, `emphasis`, `lang`, `p`, `phoneme`, `prosody`, `s`, `say-as`,
 * `sub`, `w`, and Amazon Polly's `amazon:effect` and `amazon:domain`. Text and SSML mix freely.
 *
 * Two spellings of each element render the same bytes:
 * - components (`<SayAs interpretAs="date">`, `<Break time="1s"/>`, `<AmazonEffect name="whispered">`):
 *   camelCase props, every attribute name and value checked by the compiler. The recommended way.
 * - lowercase intrinsic elements with the wire names (`<say-as interpret-as="date">`), as in
 *   Twilio's and Amazon's documentation. Values are checked, but TypeScript does not report an
 *   unknown attribute name containing `-` (a misspelled `interpret-as` compiles); validation at
 *   render time reports it.
 *
 * SSML works with Amazon Polly and Google voices; the basic `man`/`woman`/`alice` voices ignore it.
 *
 * @see https://www.twilio.com/docs/voice/twiml/say/text-speech
 * @see https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html
 */
import {
  type BuiltinElement,
  type Child,
  defineElement,
  ELEMENT_SPEC,
  intrinsicElements,
  type TextChild,
} from '../node.js'
import { type AttributeDomain, attr } from '../schema.js'
import type { OpenUnion } from './common.js'

// ---------------------------------------------------------------------------------------------
// Values

/** Strength of a `<break>`: `none` removes a pause, `x-strong` is as long as a paragraph break. */
export type SsmlBreakStrength = 'none' | 'x-weak' | 'weak' | 'medium' | 'strong' | 'x-strong'
/** Length of a `<break>`: `500ms`, `2s`, ... (Twilio and Polly allow up to 10 seconds). */
export type SsmlBreakTime = `${number}ms` | `${number}s`
/** Degree of `<emphasis>`. Default `moderate`. */
export type SsmlEmphasisLevel = 'strong' | 'moderate' | 'reduced'
/** Phonetic alphabet of `<phoneme ph>`. */
export type SsmlPhonemeAlphabet =
  | 'ipa'
  | 'x-sampa'
  | 'x-amazon-jyutping'
  | 'x-amazon-pinyin'
  | 'x-amazon-pron-kana'
  | 'x-amazon-yomigana'
/** How `<say-as>` reads its text. */
export type SsmlInterpretAs =
  | 'characters'
  | 'spell-out'
  | 'cardinal'
  | 'number'
  | 'ordinal'
  | 'digits'
  | 'fraction'
  | 'unit'
  | 'date'
  | 'time'
  | 'address'
  | 'expletive'
  | 'telephone'
/** Order of the date parts when `<say-as interpret-as="date">`. */
export type SsmlSayAsFormat = 'mdy' | 'dmy' | 'ymd' | 'md' | 'dm' | 'ym' | 'my' | 'd' | 'm' | 'y' | 'yyyymmdd'
/** `<prosody pitch>`: a level, or a relative change such as `+10%` / `-5%`. */
export type SsmlProsodyPitch =
  | 'default'
  | 'x-low'
  | 'low'
  | 'medium'
  | 'high'
  | 'x-high'
  | `+${number}%`
  | `-${number}%`
/** `<prosody rate>`: a level, or a percentage of the normal rate such as `80%` (at least 20%). */
export type SsmlProsodyRate = 'x-slow' | 'slow' | 'medium' | 'fast' | 'x-fast' | `${number}%`
/** `<prosody volume>`: a level, or a change in decibels such as `+6dB` / `-3dB`. */
export type SsmlProsodyVolume =
  | 'default'
  | 'silent'
  | 'x-soft'
  | 'soft'
  | 'medium'
  | 'loud'
  | 'x-loud'
  | `+${number}dB`
  | `-${number}dB`
/** Part of speech or sense of a `<w>` (Amazon Polly's roles). Known ones autocomplete. */
export type SsmlWordRole = OpenUnion<
  'amazon:VB' | 'amazon:VBD' | 'amazon:NN' | 'amazon:DT' | 'amazon:IN' | 'amazon:JJ' | 'amazon:SENSE_1'
>
/** `<amazon:effect name>`: `whispered` speech, or `drc` (dynamic range compression, for noisy places). */
export type AmazonEffectName = 'whispered' | 'drc'
/** `<amazon:effect vocal-tract-length>`: relative (`+15%`, `-10%`) or absolute (`110%`) timbre change. */
export type AmazonVocalTractLength = `${number}%` | `+${number}%`
/** Speaking style of `<amazon:domain name>` (`news` for Polly's newscaster voices). Known ones autocomplete. */
export type AmazonDomainName = OpenUnion<'news' | 'conversational'>

/** Every `xml:lang` twilio's builder lists for `<lang>` (twilio 6.3); the type is open, so new ones compile. */
const ssmlLanguages: Record<
  | 'arb'
  | 'ar-AE'
  | 'ca-ES'
  | 'cmn-CN'
  | 'cy-GB'
  | 'da-DK'
  | 'de-DE'
  | 'de-AT'
  | 'en-AU'
  | 'en-GB'
  | 'en-GB-WLS'
  | 'en-IN'
  | 'en-NZ'
  | 'en-US'
  | 'en-ZA'
  | 'es-ES'
  | 'es-MX'
  | 'es-US'
  | 'fi-FI'
  | 'fr-CA'
  | 'fr-FR'
  | 'he-IL'
  | 'hi-IN'
  | 'is-IS'
  | 'it-IT'
  | 'ja-JP'
  | 'ko-KR'
  | 'nb-NO'
  | 'nl-NL'
  | 'pl-PL'
  | 'pt-BR'
  | 'pt-PT'
  | 'ro-RO'
  | 'ru-RU'
  | 'sv-SE'
  | 'tr-TR'
  | 'yue-CN',
  0
> = {
  arb: 0,
  'ar-AE': 0,
  'ca-ES': 0,
  'cmn-CN': 0,
  'cy-GB': 0,
  'da-DK': 0,
  'de-DE': 0,
  'de-AT': 0,
  'en-AU': 0,
  'en-GB': 0,
  'en-GB-WLS': 0,
  'en-IN': 0,
  'en-NZ': 0,
  'en-US': 0,
  'en-ZA': 0,
  'es-ES': 0,
  'es-MX': 0,
  'es-US': 0,
  'fi-FI': 0,
  'fr-CA': 0,
  'fr-FR': 0,
  'he-IL': 0,
  'hi-IN': 0,
  'is-IS': 0,
  'it-IT': 0,
  'ja-JP': 0,
  'ko-KR': 0,
  'nb-NO': 0,
  'nl-NL': 0,
  'pl-PL': 0,
  'pt-BR': 0,
  'pt-PT': 0,
  'ro-RO': 0,
  'ru-RU': 0,
  'sv-SE': 0,
  'tr-TR': 0,
  'yue-CN': 0,
}
/** Languages `<lang xml:lang>` knows. */
export type KnownSsmlLanguage = keyof typeof ssmlLanguages
/** A `<lang xml:lang>` language tag such as `fr-FR`. Known ones autocomplete. */
export type SsmlLanguage = OpenUnion<KnownSsmlLanguage>
/** The known `<lang xml:lang>` values at run time (for tools and test generators). */
export const SSML_LANGUAGES: readonly KnownSsmlLanguage[] = Object.keys(ssmlLanguages) as KnownSsmlLanguage[]

// ---------------------------------------------------------------------------------------------
// Nesting (twilio's builder for the standard tags; Amazon's tags wrap anything a <Say> holds)

const AMAZON = ['amazon:effect', 'amazon:domain'] as const
/** Tags of the SSML elements `<Say>` may contain (besides text). */
export const SSML_TAGS: readonly string[] = [
  'break',
  'emphasis',
  'lang',
  'p',
  'phoneme',
  'prosody',
  's',
  'say-as',
  'sub',
  'w',
  ...AMAZON,
]
const IN_EMPHASIS = ['break', 'emphasis', 'lang', 'phoneme', 'prosody', 'say-as', 'sub', 'w']
const IN_P = ['break', 'emphasis', 'lang', 'phoneme', 'prosody', 's', 'say-as', 'sub', 'w', ...AMAZON]
const IN_S = ['break', 'emphasis', 'lang', 'phoneme', 'prosody', 'say-as', 'sub', 'w', ...AMAZON]
const IN_W = ['break', 'emphasis', 'phoneme', 'prosody', 'say-as', 'sub']

// ---------------------------------------------------------------------------------------------
// Elements

export interface BreakProps {
  /** Pause by strength. Default `medium` (as after a comma or sentence, by context). */
  strength?: SsmlBreakStrength
  /** Pause of a set length, `500ms` or `2s`; overrides `strength`. */
  time?: SsmlBreakTime
  children?: never
}

const breakDomains = {
  strength: attr.enum('none', 'x-weak', 'weak', 'medium', 'strong', 'x-strong'),
  time: attr.pattern(/^\d+(\.\d+)?(ms|s)$/, 'a duration such as 500ms or 2s'),
}

/** `<break>`: a pause. @see https://docs.aws.amazon.com/polly/latest/dg/break-tag.html */
export const Break = defineElement<BreakProps>({ tag: 'break', attributes: breakDomains })

export interface EmphasisProps {
  /** How much stress: `strong`, `moderate` (default) or `reduced`. */
  level?: SsmlEmphasisLevel
  /** Words to emphasize; may hold `break`, `emphasis`, `lang`, `phoneme`, `prosody`, `say-as`, `sub`, `w`. */
  children?: Child
}

/** `<emphasis>`: stressed words (standard Polly voices; neural voices ignore it). */
export const Emphasis = defineElement<EmphasisProps>({
  tag: 'emphasis',
  attributes: { level: attr.enum('strong', 'moderate', 'reduced') },
  children: { text: true, elements: IN_EMPHASIS },
})

export interface LangProps {
  /** Language of the words inside, e.g. `fr-FR` (wire name `xml:lang`). */
  xmlLang: SsmlLanguage
  /** Words in that language, with any SSML. */
  children?: Child
}

const langDomains = { 'xml:lang': attr.open(SSML_LANGUAGES) }

/** `<lang xml:lang>`: words in another language, spoken with its pronunciation. */
export const Lang = defineElement<LangProps>({
  tag: 'lang',
  attributes: { xmlLang: langDomains['xml:lang'] },
  attributeNames: { xmlLang: 'xml:lang' },
  children: { text: true, elements: SSML_TAGS },
})

export interface PProps {
  /** A paragraph: text, `<s>` sentences and inline SSML (no nested `<p>`). */
  children?: Child
}

/** `<p>`: a paragraph, with the longer pause a paragraph takes. */
export const P = defineElement<PProps>({ tag: 'p', attributes: {}, children: { text: true, elements: IN_P } })

export interface PhonemeProps {
  /** Alphabet of `ph`: `ipa` (default), `x-sampa`, or one of Amazon's for Chinese and Japanese. */
  alphabet?: SsmlPhonemeAlphabet
  /** The pronunciation, in the `alphabet`'s symbols. */
  ph: string
  /** The word the pronunciation is for (text only). */
  children?: TextChild
}

const phonemeDomains = {
  alphabet: attr.enum(
    'ipa',
    'x-sampa',
    'x-amazon-jyutping',
    'x-amazon-pinyin',
    'x-amazon-pron-kana',
    'x-amazon-yomigana',
  ),
  ph: attr.string(),
}

/** `<phoneme>`: a word spoken by its phonetic spelling. */
export const Phoneme = defineElement<PhonemeProps>({
  tag: 'phoneme',
  attributes: phonemeDomains,
  children: { text: true },
})

export interface ProsodyProps {
  /** Pitch: `x-low`…`x-high`, `default`, or a relative `+n%` / `-n%`. */
  pitch?: SsmlProsodyPitch
  /** Speaking rate: `x-slow`…`x-fast`, or `n%` of the normal rate (20% or more). */
  rate?: SsmlProsodyRate
  /** Volume: `silent`, `x-soft`…`x-loud`, `default`, or `+ndB` / `-ndB`. */
  volume?: SsmlProsodyVolume
  /** Words to change, with any SSML. */
  children?: Child
}

const prosodyDomains = {
  pitch: attr.open(['default', 'x-low', 'low', 'medium', 'high', 'x-high']),
  rate: attr.open(['x-slow', 'slow', 'medium', 'fast', 'x-fast']),
  volume: attr.open(['default', 'silent', 'x-soft', 'soft', 'medium', 'loud', 'x-loud']),
}

/** `<prosody>`: pitch, rate and volume of the words inside. */
export const Prosody = defineElement<ProsodyProps>({
  tag: 'prosody',
  attributes: prosodyDomains,
  children: { text: true, elements: SSML_TAGS },
})

export interface SProps {
  /** A sentence: text and inline SSML (no `<p>` or `<s>`). */
  children?: Child
}

/** `<s>`: a sentence, with the pause a sentence takes. */
export const S = defineElement<SProps>({ tag: 's', attributes: {}, children: { text: true, elements: IN_S } })

export interface SayAsProps {
  /** How to read the text: `date`, `telephone`, `digits`, `spell-out`, ... (wire name `interpret-as`). */
  interpretAs: SsmlInterpretAs
  /** Order of the parts of a date, for `interpretAs="date"`: `mdy`, `dmy`, `ymd`, ... */
  format?: SsmlSayAsFormat
  /** The text to interpret (text only). */
  children?: TextChild
}

const sayAsDomains = {
  'interpret-as': attr.enum(
    'characters',
    'spell-out',
    'cardinal',
    'number',
    'ordinal',
    'digits',
    'fraction',
    'unit',
    'date',
    'time',
    'address',
    'expletive',
    'telephone',
  ),
  format: attr.enum('mdy', 'dmy', 'ymd', 'md', 'dm', 'ym', 'my', 'd', 'm', 'y', 'yyyymmdd'),
}

/** `<say-as interpret-as>`: dates, numbers, phone numbers, spelled-out words. */
export const SayAs = defineElement<SayAsProps>({
  tag: 'say-as',
  attributes: { interpretAs: sayAsDomains['interpret-as'], format: sayAsDomains.format },
  attributeNames: { interpretAs: 'interpret-as' },
  children: { text: true },
})

export interface SubProps {
  /** What to say instead of the text, e.g. `Mercury` for `Hg`. */
  alias: string
  /** The written form (text only). */
  children?: TextChild
}

/** `<sub alias>`: says `alias` in place of an acronym or abbreviation. */
export const Sub = defineElement<SubProps>({
  tag: 'sub',
  attributes: { alias: attr.string() },
  children: { text: true },
})

export interface WProps {
  /** Part of speech or sense, e.g. `amazon:VBD` (past tense verb) to say "read" as "red". */
  role?: SsmlWordRole
  /** The word; may hold `break`, `emphasis`, `phoneme`, `prosody`, `say-as`, `sub`. */
  children?: Child
}

const wDomains = {
  role: attr.open(['amazon:VB', 'amazon:VBD', 'amazon:NN', 'amazon:DT', 'amazon:IN', 'amazon:JJ', 'amazon:SENSE_1']),
}

/** `<w role>`: a word pronounced as the given part of speech. */
export const W = defineElement<WProps>({ tag: 'w', attributes: wDomains, children: { text: true, elements: IN_W } })

export interface AmazonEffectProps {
  /** `whispered` speech, or `drc` (dynamic range compression: louder in noisy places). */
  name?: AmazonEffectName
  /** `soft`: a softer-than-normal voice (standard Polly voices). */
  phonation?: 'soft'
  /** Timbre: vocal tract length, relative (`+15%`, `-10%`, from -50% to +100%) or absolute (`110%`). */
  vocalTractLength?: AmazonVocalTractLength
  /** Words the effect applies to, with any SSML. */
  children?: Child
}

const amazonEffectDomains = {
  name: attr.enum('whispered', 'drc'),
  phonation: attr.enum('soft'),
  'vocal-tract-length': attr.string(),
}

/**
 * `<amazon:effect>`: Amazon Polly's whispering, soft phonation, timbre and compression effects.
 * Not in twilio's builder (whose `addChild('amazon:effect', …)` writes the same bytes).
 * @see https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html
 */
export const AmazonEffect = defineElement<AmazonEffectProps>({
  tag: 'amazon:effect',
  attributes: {
    name: amazonEffectDomains.name,
    phonation: amazonEffectDomains.phonation,
    vocalTractLength: amazonEffectDomains['vocal-tract-length'],
  },
  attributeNames: { vocalTractLength: 'vocal-tract-length' },
  children: { text: true, elements: SSML_TAGS },
})

export interface AmazonDomainProps {
  /** Speaking style: `news` (newscaster style, Polly neural voices such as Matthew and Joanna). */
  name: AmazonDomainName
  /** Words spoken in that style, with any SSML. */
  children?: Child
}

/**
 * `<amazon:domain name>`: Amazon Polly's speaking styles. Not in twilio's builder.
 * @see https://docs.aws.amazon.com/polly/latest/dg/ntts-newscaster.html
 */
export const AmazonDomain = defineElement<AmazonDomainProps>({
  tag: 'amazon:domain',
  attributes: { name: attr.open(['news', 'conversational']) },
  children: { text: true, elements: SSML_TAGS },
})

// ---------------------------------------------------------------------------------------------
// Lowercase intrinsic elements: the same elements under their wire names

/** Props of the lowercase SSML elements, keyed by tag: attribute names as written on the wire. */
export interface SsmlIntrinsicElements {
  break: BreakProps
  emphasis: EmphasisProps
  lang: { 'xml:lang': SsmlLanguage; children?: Child }
  p: PProps
  phoneme: PhonemeProps
  prosody: ProsodyProps
  s: SProps
  'say-as': { 'interpret-as': SsmlInterpretAs; format?: SsmlSayAsFormat; children?: TextChild }
  sub: SubProps
  w: WProps
  'amazon:effect': {
    name?: AmazonEffectName
    phonation?: 'soft'
    'vocal-tract-length'?: AmazonVocalTractLength
    children?: Child
  }
  'amazon:domain': AmazonDomainProps
}

/** Registers the intrinsic form of each element; renamed attributes get a spec keyed by wire name. */
function intrinsic(element: BuiltinElement<any>, wireAttributes?: Readonly<Record<string, AttributeDomain>>): void {
  const spec = element[ELEMENT_SPEC]
  intrinsicElements.set(
    spec.tag,
    wireAttributes === undefined
      ? spec
      : { tag: spec.tag, attributes: wireAttributes, ...(spec.children && { children: spec.children }) },
  )
}

for (const element of [Break, Emphasis, P, Phoneme, Prosody, S, Sub, W, AmazonDomain]) intrinsic(element)
intrinsic(Lang, langDomains)
intrinsic(SayAs, sayAsDomains)
intrinsic(AmazonEffect, amazonEffectDomains)
