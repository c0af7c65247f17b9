/**
 * Every default the simulator relies on, read in one place: Twilio's attribute defaults (what a verb
 * does when the attribute is absent) come from the element data (`defaultOf` in src/schema.ts, where
 * each attribute's domain carries the default its page documents), read through
 * {@link twilioDefault}; the simulator's own assumptions about the world (how long a party rings,
 * talks, records) are {@link SIMULATED}.
 */
import type { BuiltinElement } from '../../node.js'
import { type AttributeKeys, defaultOf } from '../../schema.js'
import type { HttpMethod } from '../../voice/common.js'
import { ConversationRelay } from '../../voice/connect.js'
import { Conference, Dial, Number as NumberNoun } from '../../voice/dial.js'
import { Enqueue } from '../../voice/enqueue-leave.js'
import { Gather } from '../../voice/gather.js'
import { Pay } from '../../voice/pay.js'
import { Pause, Play } from '../../voice/play-pause.js'
import { Record } from '../../voice/record.js'
import { Reject } from '../../voice/reject.js'
import { Say } from '../../voice/say.js'
import { attribute, type XmlElement } from '../xml.js'

/** The elements whose defaults the simulator reads, by tag. */
const ELEMENTS = {
  Say,
  Play,
  Pause,
  Gather,
  Dial,
  Number: NumberNoun,
  Conference,
  Record,
  Enqueue,
  Reject,
  Pay,
  ConversationRelay,
}

type Elements = typeof ELEMENTS
/** A verb or noun whose defaults the simulator reads. */
export type DefaultedTag = keyof Elements
type PropsOf<T extends DefaultedTag> = Elements[T] extends BuiltinElement<infer P> ? P : never
type Prop<T extends DefaultedTag> = AttributeKeys<PropsOf<T>>

/**
 * Twilio's default for an attribute of a verb or noun, as a prop value: `twilioDefault('Gather',
 * 'timeout')` is 5. An attribute the simulator reads must have one in the element data.
 */
export function twilioDefault<T extends DefaultedTag, P extends Prop<T>>(
  tag: T,
  prop: P,
): Exclude<PropsOf<T>[P], undefined> {
  const value = defaultOf(ELEMENTS[tag] as unknown as BuiltinElement<PropsOf<T>>, prop)
  if (value === undefined) throw new Error(`the element data has no default for <${tag} ${prop}>`)
  return value
}

/** A default as TwiML writes it: lists space-separated, booleans and numbers as text. */
function wire(value: unknown): string {
  return Array.isArray(value) ? value.join(' ') : String(value)
}

/**
 * The simulator's assumptions where neither the TwiML nor a script says: they are not Twilio's
 * (Twilio cannot know how long your callers talk), only what an unscripted party does.
 */
export const SIMULATED = {
  /** Seconds an unscripted party rings before answering. */
  ringSeconds: 5,
  /** Seconds an unscripted conversation lasts. */
  talkSeconds: 30,
  /** Seconds an unscripted recording lasts. */
  recordingSeconds: 10,
  /** `Confidence` of speech without one. */
  confidence: 0.9,
  /** How many times an unscripted queue runs its wait document before an agent answers. */
  queueWaits: 1,
  /** `QueuePosition` of an unscripted queue. */
  queuePosition: 1,
  /** Seconds each run of a wait document adds to `QueueTime`. */
  queueSecondsPerWait: 30,
  /** Seconds an unscripted `<Pay>` takes. */
  paySeconds: 30,
  /** The card an unscripted `<Pay>` collects (Visa's public test number). */
  cardNumber: '4111111111111111',
  expirationDate: '1230',
  /** `MachineDetectionDuration` reported with `AnsweredBy`. */
  machineDetectionMilliseconds: 2400,
  /** `From` of the caller a `<Dial><Queue>` dequeues, unless the queue script names one. */
  dequeuedCaller: '+15558675311',
} as const

/** A whole number from an attribute, or the fallback when absent or not a number. */
export function integer(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback
  const n = Number(value)
  return Number.isFinite(n) ? Math.trunc(n) : fallback
}

/** An attribute of the element, or Twilio's default for it. */
export function attributeOr<T extends DefaultedTag, P extends Prop<T>>(element: XmlElement, tag: T, prop: P): string {
  return attribute(element, prop) ?? wire(twilioDefault(tag, prop))
}

/** A whole-number attribute, or Twilio's default. */
export function integerOr<T extends DefaultedTag, P extends Prop<T>>(element: XmlElement, tag: T, prop: P): number {
  return integer(attribute(element, prop), Number(twilioDefault(tag, prop)))
}

/** A `true`/`false` attribute, or Twilio's default. */
export function booleanOr<T extends DefaultedTag, P extends Prop<T>>(element: XmlElement, tag: T, prop: P): boolean {
  const value = attribute(element, prop)
  return value === undefined ? twilioDefault(tag, prop) === true : value === 'true'
}

/**
 * An HTTP method attribute (`method`, `statusCallbackMethod`, `waitMethod`, ...): every one of them
 * defaults to POST on Twilio's pages.
 */
export function methodOf(value: string | undefined): HttpMethod {
  return value?.toUpperCase() === 'GET' ? 'GET' : 'POST'
}
