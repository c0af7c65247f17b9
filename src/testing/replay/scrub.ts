/**
 * Scrubbing recorded webhook traffic: phone numbers, names, SIDs and recording URLs become
 * placeholders. The same value always becomes the same placeholder within one recording, so a call's
 * requests still belong together (`CallSid`, `ParentCallSid`, `DialCallSid` line up) and the TwiML
 * answered still matches the parameters it was built from. Placeholders keep each value's shape
 * (a SID stays a 34-character SID with its prefix, a number stays E.164), so apps that validate
 * their input still accept the replayed requests.
 */

/** Parameters that carry phone numbers or addresses of people. */
const PARTY_PARAMS = new Set(['From', 'To', 'Caller', 'Called', 'ForwardedFrom', 'CallerId'])
/** Parameters that carry names. */
const NAME_PARAMS = new Set(['CallerName', 'FromName', 'ToName'])
/** Parameters that carry what a caller said at length (a voicemail's transcription): replaced whole. */
const SPOKEN_PARAMS = new Set(['TranscriptionText'])
/** Parameters that carry URLs of recordings, transcriptions or media. */
const RECORDING_PARAM = /^(Recording|Transcription|Media)Url\d*$/

const SID = /\b([A-Z]{2})[0-9a-fA-F]{32}\b/g
const PHONE = /\+[1-9]\d{6,14}\b/g
const SCRUBBED_HOST = 'scrubbed.invalid'

/** Options of the scrubbing: which parameters to leave as they are. */
export interface ScrubOptions {
  /** Parameter names never scrubbed (`['CallerName']` keeps names, say). */
  readonly keep?: readonly string[]
}

/** Turns values into placeholders, remembering each one for the rest of the recording. */
export class Scrubber {
  private readonly seen = new Map<string, string>()
  private readonly counters = new Map<string, number>()
  private readonly keep: ReadonlySet<string>

  constructor(options: ScrubOptions = {}) {
    this.keep = new Set(options.keep ?? [])
  }

  private next(kind: string): number {
    const n = (this.counters.get(kind) ?? 0) + 1
    this.counters.set(kind, n)
    return n
  }

  private placeholder(original: string, make: () => string): string {
    const known = this.seen.get(original)
    if (known !== undefined) return known
    const made = make()
    this.seen.set(original, made)
    // A placeholder scrubbed again stays itself.
    this.seen.set(made, made)
    return made
  }

  private sid(original: string, prefix: string): string {
    return this.placeholder(original, () => prefix + this.next(`sid:${prefix}`).toString(16).padStart(32, '0'))
  }

  private phone(original: string): string {
    return this.placeholder(original, () => `+1555${String(this.next('phone')).padStart(7, '0')}`)
  }

  /** A parameter value, by what its name says it holds, then by its shape. */
  param(name: string, value: string): string {
    if (this.keep.has(name) || value === '') return value
    if (NAME_PARAMS.has(name)) {
      const placeholder = this.placeholder(value, () => `Name ${this.next('name')}`)
      // Each part of a name stands for it too: "Call Ada back" loses "Ada" as well.
      for (const part of value.split(/\s+/))
        if (part.length > 1 && !this.seen.has(part)) this.seen.set(part, placeholder)
      return placeholder
    }
    if (SPOKEN_PARAMS.has(name)) return this.placeholder(value, () => `Transcription ${this.next('transcription')}`)
    if (RECORDING_PARAM.test(name)) {
      return this.placeholder(value, () => `https://${SCRUBBED_HOST}/${name.toLowerCase()}/${this.next('url')}`)
    }
    if (PARTY_PARAMS.has(name)) {
      const address = /^(sip|client):/i.exec(value)
      if (address !== null) {
        const scheme = address[1]!.toLowerCase()
        return this.placeholder(value, () =>
          scheme === 'client' ? `client:user-${this.next('user')}` : `sip:user-${this.next('user')}@${SCRUBBED_HOST}`,
        )
      }
    }
    return this.text(value)
  }

  /** Free text (a TwiML body, a URL): values seen so far, then any SID or phone number in it. */
  text(value: string): string {
    let out = value
    // Longest first, so a value containing another is replaced whole.
    const known = [...this.seen.keys()].filter((k) => k !== this.seen.get(k)).sort((a, b) => b.length - a.length)
    for (const original of known) {
      if (!out.includes(original)) continue
      const replacement = this.seen.get(original)!
      out = /^\w[\w ]*\w$/.test(original)
        ? out.replace(new RegExp(`\\b${original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'), replacement)
        : out.split(original).join(replacement)
    }
    out = out.replace(SID, (sid, prefix: string) => this.sid(sid, prefix))
    return out.replace(PHONE, (phone) => this.phone(phone))
  }

  /** A URL with each query value scrubbed as the parameter it names. */
  url(value: string): string {
    const question = value.indexOf('?')
    if (question === -1) return value
    const query = new URLSearchParams(value.slice(question + 1))
    const scrubbed = new URLSearchParams()
    for (const [name, v] of query) scrubbed.append(name, this.param(name, v))
    return `${value.slice(0, question)}?${scrubbed.toString()}`
  }
}

/**
 * What a comparison of scrubbed TwiML looks past: SIDs, phone numbers, SIP and client addresses,
 * names and URLs the scrubbing replaced, each as its kind. A recording scrubs the app's own constants
 * (its numbers, its SIP endpoints) as well as its callers', while a replay of the scrubbed requests
 * answers with the constants as they are; and placeholders are numbered in the order a recording met
 * them.
 */
export function normalizeScrubbed(text: string): string {
  return text
    .replace(SID, (_sid, prefix: string) => `${prefix}{sid}`)
    .replace(PHONE, '{phone}')
    .replace(/\b(sip|client):[^\s<>"&?;]+/gi, (_address, scheme: string) => `${scheme.toLowerCase()}:{address}`)
    .replace(/\bName \d+\b/g, '{name}')
    .replace(new RegExp(`https://${SCRUBBED_HOST.replace('.', '\\.')}/[\\w-]+/\\d+`, 'g'), '{url}')
}
