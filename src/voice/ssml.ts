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

import * as attr from '../attr.js'
import { type Child, defineElement, ELEMENT_SPEC, type TextChild } from '../node.js'
import type { ElementSpec } from '../schema.js'
import { type KnownSsmlLanguage, SSML_LANGUAGES } from './catalog.js'
import type { OpenUnion } from './common.js'

export { type KnownSsmlLanguage, SSML_LANGUAGES } from './catalog.js'

// ---------------------------------------------------------------------------------------------
// Values

/** Strengths of a `<break>`: `none` removes a pause, `x-strong` is as long as a paragraph break. */
export const SSML_BREAK_STRENGTHS = ['none', 'x-weak', 'weak', 'medium', 'strong', 'x-strong'] as const
/** Strength of a `<break>`. */
export type SsmlBreakStrength = (typeof SSML_BREAK_STRENGTHS)[number]
/** Length of a `<break>`: `500ms`, `2s`, ... (Twilio and Polly allow up to 10 seconds). */
export type SsmlBreakTime = `${number}ms` | `${number}s`
/** Degrees of `<emphasis>`. */
export const SSML_EMPHASIS_LEVELS = ['strong', 'moderate', 'reduced'] as const
/** Degree of `<emphasis>`. Default `moderate`. */
export type SsmlEmphasisLevel = (typeof SSML_EMPHASIS_LEVELS)[number]
/** Phonetic alphabets of `<phoneme ph>`. */
export const SSML_PHONEME_ALPHABETS = [
  'ipa',
  'x-sampa',
  'x-amazon-jyutping',
  'x-amazon-pinyin',
  'x-amazon-pron-kana',
  'x-amazon-yomigana',
] as const
/** Phonetic alphabet of `<phoneme ph>`. */
export type SsmlPhonemeAlphabet = (typeof SSML_PHONEME_ALPHABETS)[number]
/** How `<say-as>` can read its text. */
export const SSML_INTERPRET_AS = [
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
] as const
/** How `<say-as>` reads its text. */
export type SsmlInterpretAs = (typeof SSML_INTERPRET_AS)[number]
/** Orders of the date parts when `<say-as interpret-as="date">`. */
export const SSML_SAY_AS_FORMATS = ['mdy', 'dmy', 'ymd', 'md', 'dm', 'ym', 'my', 'd', 'm', 'y', 'yyyymmdd'] as const
/** Order of the date parts when `<say-as interpret-as="date">`. */
export type SsmlSayAsFormat = (typeof SSML_SAY_AS_FORMATS)[number]
/** The named levels of `<prosody pitch>`. */
export const SSML_PITCH_LEVELS = ['default', 'x-low', 'low', 'medium', 'high', 'x-high'] as const
/** `<prosody pitch>`: a level, or a relative change such as `+10%` / `-5%`. */
export type SsmlProsodyPitch = (typeof SSML_PITCH_LEVELS)[number] | `+${number}%` | `-${number}%`
/** The named levels of `<prosody rate>`. */
export const SSML_RATE_LEVELS = ['x-slow', 'slow', 'medium', 'fast', 'x-fast'] as const
/** `<prosody rate>`: a level, or a percentage of the normal rate such as `80%` (at least 20%). */
export type SsmlProsodyRate = (typeof SSML_RATE_LEVELS)[number] | `${number}%`
/** The named levels of `<prosody volume>`. */
export const SSML_VOLUME_LEVELS = ['default', 'silent', 'x-soft', 'soft', 'medium', 'loud', 'x-loud'] as const
/** `<prosody volume>`: a level, or a change in decibels such as `+6dB` / `-3dB`. */
export type SsmlProsodyVolume = (typeof SSML_VOLUME_LEVELS)[number] | `+${number}dB` | `-${number}dB`
/** Amazon Polly's word roles that autocomplete for `<w role>`. */
export const SSML_WORD_ROLES = [
  'amazon:VB',
  'amazon:VBD',
  'amazon:NN',
  'amazon:DT',
  'amazon:IN',
  'amazon:JJ',
  'amazon:SENSE_1',
] as const
/** Part of speech or sense of a `<w>` (Amazon Polly's roles). Known ones autocomplete. */
export type SsmlWordRole = OpenUnion<(typeof SSML_WORD_ROLES)[number]>
/** `<amazon:effect name>` values. */
export const AMAZON_EFFECT_NAMES = ['whispered', 'drc'] as const
/** `<amazon:effect name>`: `whispered` speech, or `drc` (dynamic range compression, for noisy places). */
export type AmazonEffectName = (typeof AMAZON_EFFECT_NAMES)[number]
/** `<amazon:effect phonation>` values. */
export const AMAZON_PHONATIONS = ['soft'] as const
/** `<amazon:effect vocal-tract-length>`: relative (`+15%`, `-10%`) or absolute (`110%`) timbre change. */
export type AmazonVocalTractLength = `${number}%` | `+${number}%`
/** Amazon Polly's speaking styles that autocomplete for `<amazon:domain name>`. */
export const AMAZON_DOMAIN_NAMES = ['news', 'conversational'] as const
/** Speaking style of `<amazon:domain name>` (`news` for Polly's newscaster voices). Known ones autocomplete. */
export type AmazonDomainName = OpenUnion<(typeof AMAZON_DOMAIN_NAMES)[number]>
/** A `<lang xml:lang>` language tag such as `fr-FR`. Known ones autocomplete. */
export type SsmlLanguage = OpenUnion<KnownSsmlLanguage>

const breakTime = attr.pattern(/^\d+(?:\.\d+)?(?:ms|s)$/, 'a duration such as 500ms or 2s')
const percentChange = attr.pattern(/^[+-]\d+(?:\.\d+)?%$/, 'a change such as +10% or -5%')
const percentage = attr.pattern(/^\d+(?:\.\d+)?%$/, 'a percentage such as 80%')
const decibels = attr.pattern(/^[+-]\d+(?:\.\d+)?dB$/, 'a change in decibels such as +6dB or -3dB')
const vocalTractLength = attr.pattern(/^[+-]?\d+(?:\.\d+)?%$/, 'a percentage such as +15%, -10% or 110%')

// ---------------------------------------------------------------------------------------------
// Nesting (twilio's builder for the standard tags; Amazon's tags wrap anything a <Say> holds)

/** Every SSML element `<Say>` may contain (besides text). */
const ALL = () => [Break, Emphasis, Lang, P, Phoneme, Prosody, S, SayAs, Sub, W, AmazonEffect, AmazonDomain]
const IN_EMPHASIS = () => [Break, Emphasis, Lang, Phoneme, Prosody, SayAs, Sub, W]
const IN_P = () => [Break, Emphasis, Lang, Phoneme, Prosody, S, SayAs, Sub, W, AmazonEffect, AmazonDomain]
const IN_S = () => [Break, Emphasis, Lang, Phoneme, Prosody, SayAs, Sub, W, AmazonEffect, AmazonDomain]
const IN_W = () => [Break, Emphasis, Phoneme, Prosody, SayAs, Sub]

/** The SSML elements `<Say>` may contain, for its child rule. */
export const ssmlElements = ALL

// ---------------------------------------------------------------------------------------------
// Elements

export interface BreakProps {
  /** Pause by strength. Default `medium` (as after a comma or sentence, by context). */
  strength?: SsmlBreakStrength
  /** Pause of a set length, `500ms` or `2s`; overrides `strength`. */
  time?: SsmlBreakTime
  children?: never
}

/** `<break>`: a pause. @see https://docs.aws.amazon.com/polly/latest/dg/break-tag.html */
export const Break = defineElement<BreakProps>({
  tag: 'break',
  attributes: { strength: attr.oneOf(SSML_BREAK_STRENGTHS, { default: 'medium' }), time: breakTime },
})

export interface EmphasisProps {
  /** How much stress: `strong`, `moderate` (default) or `reduced`. */
  level?: SsmlEmphasisLevel
  /** Words to emphasize; may hold `break`, `emphasis`, `lang`, `phoneme`, `prosody`, `say-as`, `sub`, `w`. */
  children?: Child
}

/** `<emphasis>`: stressed words (standard Polly voices; neural voices ignore it). */
export const Emphasis = defineElement<EmphasisProps>({
  tag: 'emphasis',
  attributes: { level: attr.oneOf(SSML_EMPHASIS_LEVELS, { default: 'moderate' }) },
  children: { text: true, elements: IN_EMPHASIS },
})

export interface LangProps {
  /** Language of the words inside, e.g. `fr-FR` (wire name `xml:lang`). */
  xmlLang: SsmlLanguage
  /** Words in that language, with any SSML. */
  children?: Child
}

/** `<lang xml:lang>`: words in another language, spoken with its pronunciation. */
export const Lang = defineElement<LangProps>({
  tag: 'lang',
  attributes: { xmlLang: attr.open(SSML_LANGUAGES) },
  attributeNames: { xmlLang: 'xml:lang' },
  children: { text: true, elements: ALL },
})

export interface PProps {
  /** A paragraph: text, `<s>` sentences and inline SSML (no nested `<p>`). */
  children?: Child
}

/** `<p>`: a paragraph, with the longer pause a paragraph takes. */
export const P = defineElement<PProps>({
  tag: 'p',
  attributes: {},
  children: { text: true, elements: IN_P },
})

export interface PhonemeProps {
  /** Alphabet of `ph`: `ipa` (default), `x-sampa`, or one of Amazon's for Chinese and Japanese. */
  alphabet?: SsmlPhonemeAlphabet
  /** The pronunciation, in the `alphabet`'s symbols. */
  ph: string
  /** The word the pronunciation is for (text only). */
  children?: TextChild
}

/** `<phoneme>`: a word spoken by its phonetic spelling. */
export const Phoneme = defineElement<PhonemeProps>({
  tag: 'phoneme',
  attributes: { alphabet: attr.oneOf(SSML_PHONEME_ALPHABETS, { default: 'ipa' }), ph: attr.string() },
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

/** `<prosody>`: pitch, rate and volume of the words inside. */
export const Prosody = defineElement<ProsodyProps>({
  tag: 'prosody',
  attributes: {
    pitch: attr.union([attr.oneOf(SSML_PITCH_LEVELS), percentChange]),
    rate: attr.union([attr.oneOf(SSML_RATE_LEVELS), percentage]),
    volume: attr.union([attr.oneOf(SSML_VOLUME_LEVELS), decibels]),
  },
  children: { text: true, elements: ALL },
})

export interface SProps {
  /** A sentence: text and inline SSML (no `<p>` or `<s>`). */
  children?: Child
}

/** `<s>`: a sentence, with the pause a sentence takes. */
export const S = defineElement<SProps>({
  tag: 's',
  attributes: {},
  children: { text: true, elements: IN_S },
})

export interface SayAsProps {
  /** How to read the text: `date`, `telephone`, `digits`, `spell-out`, ... (wire name `interpret-as`). */
  interpretAs: SsmlInterpretAs
  /** Order of the parts of a date, for `interpretAs="date"`: `mdy`, `dmy`, `ymd`, ... */
  format?: SsmlSayAsFormat
  /** The text to interpret (text only). */
  children?: TextChild
}

/** `<say-as interpret-as>`: dates, numbers, phone numbers, spelled-out words. */
export const SayAs = defineElement<SayAsProps>({
  tag: 'say-as',
  attributes: { interpretAs: attr.oneOf(SSML_INTERPRET_AS), format: attr.oneOf(SSML_SAY_AS_FORMATS) },
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

/** `<w role>`: a word pronounced as the given part of speech. */
export const W = defineElement<WProps>({
  tag: 'w',
  attributes: { role: attr.open(SSML_WORD_ROLES) },
  children: { text: true, elements: IN_W },
})

export interface AmazonEffectProps {
  /** `whispered` speech, or `drc` (dynamic range compression: louder in noisy places). */
  name?: AmazonEffectName
  /** `soft`: a softer-than-normal voice (standard Polly voices). */
  phonation?: (typeof AMAZON_PHONATIONS)[number]
  /** Timbre: vocal tract length, relative (`+15%`, `-10%`, from -50% to +100%) or absolute (`110%`). */
  vocalTractLength?: AmazonVocalTractLength
  /** Words the effect applies to, with any SSML. */
  children?: Child
}

/**
 * `<amazon:effect>`: Amazon Polly's whispering, soft phonation, timbre and compression effects.
 * Not in twilio's builder (whose `addChild('amazon:effect', …)` writes the same bytes).
 * @see https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html
 */
export const AmazonEffect = defineElement<AmazonEffectProps>({
  tag: 'amazon:effect',
  attributes: {
    name: attr.oneOf(AMAZON_EFFECT_NAMES),
    phonation: attr.oneOf(AMAZON_PHONATIONS),
    vocalTractLength,
  },
  attributeNames: { vocalTractLength: 'vocal-tract-length' },
  children: { text: true, elements: ALL },
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
  attributes: { name: attr.open(AMAZON_DOMAIN_NAMES) },
  children: { text: true, elements: ALL },
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
    phonation?: (typeof AMAZON_PHONATIONS)[number]
    'vocal-tract-length'?: AmazonVocalTractLength
    children?: Child
  }
  'amazon:domain': AmazonDomainProps
}

/** Every lowercase intrinsic element's spec, by tag: a static table, built on first use, that `<Say>` carries (its `intrinsics`). */
let intrinsics: Readonly<Record<string, ElementSpec>> | undefined

/**
 * The table: each SSML element under its tag; one whose props are renamed on the wire
 * (`interpretAs` → `interpret-as`) as a variant keyed by the wire names, read from the element.
 */
function intrinsicTable(): Readonly<Record<string, ElementSpec>> {
  const table: Record<string, ElementSpec> = {}
  for (const element of ALL()) {
    const spec = element[ELEMENT_SPEC]
    const names = spec.attributeNames
    table[spec.tag] =
      names === undefined
        ? spec
        : {
            tag: spec.tag,
            attributes: Object.fromEntries(Object.entries(spec.attributes).map(([k, d]) => [names[k] ?? k, d])),
            children: spec.children,
            base: spec,
          }
  }
  return table
}

/** The spec of the lowercase SSML element `tag` (`say-as`, `break`, ...), or `undefined`. */
export function ssmlIntrinsic(tag: string): ElementSpec | undefined {
  const table = (intrinsics ??= intrinsicTable())
  return Object.hasOwn(table, tag) ? table[tag] : undefined
}
