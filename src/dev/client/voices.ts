/**
 * Which language a `<Say>` is spoken in, so the browser can pick a voice for it: the `language`
 * attribute; else the language in a Google voice's name (`Google.en-GB-Neural2-A`); else the
 * language of an Amazon Polly voice; else `en-US`, Twilio's default.
 * https://www.twilio.com/docs/voice/twiml/say#language, https://docs.aws.amazon.com/polly/latest/dg/available-voices.html
 */
const POLLY: Record<string, string> = {
  'en-US': 'Joanna Matthew Ivy Justin Kendra Kimberly Salli Joey Kevin Ruth Stephen Danielle Gregory Patrick',
  'en-GB': 'Amy Emma Brian Arthur',
  'en-AU': 'Nicole Russell Olivia',
  'en-IN': 'Aditi Raveena Kajal',
  'en-NZ': 'Aria',
  'en-ZA': 'Ayanda',
  'en-IE': 'Niamh',
  'en-GB-WLS': 'Geraint',
  'cy-GB': 'Gwyneth',
  'fr-FR': 'Celine Céline Mathieu Lea Léa Remi Rémi',
  'fr-CA': 'Chantal Gabrielle Liam',
  'de-DE': 'Hans Marlene Vicki Daniel',
  'de-AT': 'Hannah',
  'es-ES': 'Conchita Enrique Lucia Sergio',
  'es-MX': 'Mia Andres',
  'es-US': 'Penelope Miguel Lupe Pedro',
  'it-IT': 'Carla Giorgio Bianca Adriano',
  'ja-JP': 'Mizuki Takumi Kazuha Tomoko',
  'ko-KR': 'Seoyeon',
  'cmn-CN': 'Zhiyu',
  'pt-BR': 'Camila Vitoria Vitória Ricardo Thiago',
  'pt-PT': 'Ines Inês Cristiano',
  'nl-NL': 'Lotte Ruben Laura',
  'da-DK': 'Naja Mads Sofie',
  'nb-NO': 'Liv Ida',
  'sv-SE': 'Astrid Elin',
  'pl-PL': 'Ewa Jacek Jan Maja Ola',
  'ru-RU': 'Tatyana Maxim',
  'tr-TR': 'Filiz',
  'ro-RO': 'Carmen',
  'is-IS': 'Dora Dóra Karl',
  'fi-FI': 'Suvi',
  arb: 'Zeina',
  'ar-AE': 'Hala',
}

const POLLY_LANGUAGE = new Map<string, string>()
for (const [language, names] of Object.entries(POLLY)) {
  for (const name of names.split(' ')) POLLY_LANGUAGE.set(name, language)
}

export function sayLanguage(voice: string | undefined, language: string | undefined): string {
  if (language !== undefined && language !== '') return language
  const google = /^Google\.([a-z]{2,3}-[A-Z]{2})-/.exec(voice ?? '')
  if (google !== null) return google[1]!
  const polly = /^Polly\.([^-]+)/.exec(voice ?? '')
  if (polly !== null) return POLLY_LANGUAGE.get(polly[1]!) ?? 'en-US'
  return 'en-US'
}

/** The browser's best voice for a language: the exact tag, else the same language, else none. */
export function voiceFor(language: string, voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | undefined {
  const wanted = language.toLowerCase()
  const base = wanted.split('-')[0]
  return (
    voices.find((v) => v.lang.toLowerCase() === wanted) ??
    voices.find((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === base)
  )
}
