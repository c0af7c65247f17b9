/**
 * Every default the simulator relies on, in one place: Twilio's attribute defaults (what a verb does
 * when the attribute is absent), read through {@link twilioDefault}, and the simulator's own
 * assumptions about the world (how long a party rings, talks, records), in {@link SIMULATED}.
 *
 * The element files are meant to become the one source of Twilio's defaults; until they carry them,
 * the values below are the ones the verbs' pages give (cited per element).
 */
import type { HttpMethod } from '../../voice/common.js'
import { attribute, type XmlElement } from '../xml.js'

const POST = 'POST' as HttpMethod

/** The noun attributes every dialed noun shares. https://www.twilio.com/docs/voice/twiml/number */
const dialedNoun = {
  method: POST,
  statusCallbackMethod: POST,
  /** With a `statusCallback` and no events, only `completed` is sent. */
  statusCallbackEvent: 'completed',
  machineDetectionTimeout: 30,
  amdStatusCallbackMethod: POST,
}

const DEFAULTS = {
  /** https://www.twilio.com/docs/voice/twiml/say */
  Say: { loop: 1, language: 'en-US' },
  /** https://www.twilio.com/docs/voice/twiml/play */
  Play: { loop: 1 },
  /** https://www.twilio.com/docs/voice/twiml/pause */
  Pause: { length: 1 },
  /** https://www.twilio.com/docs/voice/twiml/gather */
  Gather: {
    input: 'dtmf',
    timeout: 5,
    finishOnKey: '#',
    method: POST,
    language: 'en-US',
    actionOnEmptyResult: false,
    partialResultCallbackMethod: POST,
  },
  /** https://www.twilio.com/docs/voice/twiml/dial */
  Dial: {
    method: POST,
    timeout: 30,
    timeLimit: 14400,
    hangupOnStar: false,
    record: 'do-not-record',
    recordingStatusCallbackMethod: POST,
    recordingStatusCallbackEvent: 'completed',
    answerOnBridge: false,
  },
  Number: dialedNoun,
  Sip: dialedNoun,
  Client: dialedNoun,
  Application: dialedNoun,
  WhatsApp: dialedNoun,
  Sim: dialedNoun,
  /** https://www.twilio.com/docs/voice/twiml/queue */
  Queue: { method: POST },
  /** https://www.twilio.com/docs/voice/twiml/conference */
  Conference: {
    startConferenceOnEnter: true,
    endConferenceOnExit: false,
    waitMethod: POST,
    statusCallbackMethod: POST,
    recordingStatusCallbackMethod: POST,
    record: 'do-not-record',
    maxParticipants: 250,
  },
  /** https://www.twilio.com/docs/voice/twiml/record */
  Record: {
    method: POST,
    timeout: 5,
    finishOnKey: '1234567890*#',
    maxLength: 3600,
    playBeep: true,
    trim: 'trim-silence',
    transcribe: false,
    recordingStatusCallbackMethod: POST,
    recordingStatusCallbackEvent: 'completed',
  },
  /** https://www.twilio.com/docs/voice/twiml/enqueue */
  Enqueue: { method: POST, waitUrlMethod: POST, maxQueueSize: 100 },
  /** https://www.twilio.com/docs/voice/twiml/redirect */
  Redirect: { method: POST },
  /** https://www.twilio.com/docs/voice/twiml/reject */
  Reject: { reason: 'rejected' },
  /** https://www.twilio.com/docs/voice/twiml/connect */
  Connect: { method: POST },
  /** https://www.twilio.com/docs/voice/twiml/sms */
  Sms: { method: POST },
  /** https://www.twilio.com/docs/voice/twiml/pay */
  Pay: {
    paymentMethod: 'credit-card',
    currency: 'usd',
    timeout: 5,
    maxAttempts: 1,
    validCardTypes: 'visa mastercard amex',
    input: 'dtmf',
    tokenType: 'reusable',
    statusCallbackMethod: POST,
    language: 'en-US',
  },
  /** https://www.twilio.com/docs/voice/twiml/refer */
  Refer: { method: POST },
} as const

type Defaults = typeof DEFAULTS
/** A verb or noun whose defaults the simulator knows. */
export type DefaultedTag = keyof Defaults

/** Twilio's default for an attribute of a verb or noun: `twilioDefault('Gather', 'timeout')` is 5. */
export function twilioDefault<T extends DefaultedTag, P extends keyof Defaults[T]>(tag: T, prop: P): Defaults[T][P] {
  return DEFAULTS[tag][prop]
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
} as const

/** A whole number from an attribute, or the fallback when absent or not a number. */
export function integer(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback
  const n = Number(value)
  return Number.isFinite(n) ? Math.trunc(n) : fallback
}

/** An attribute of the element, or Twilio's default for it. */
export function attributeOr<T extends DefaultedTag, P extends keyof Defaults[T] & string>(
  element: XmlElement,
  tag: T,
  prop: P,
): string {
  return attribute(element, prop) ?? String(twilioDefault(tag, prop))
}

/** A whole-number attribute, or Twilio's default. */
export function integerOr<T extends DefaultedTag, P extends keyof Defaults[T] & string>(
  element: XmlElement,
  tag: T,
  prop: P,
): number {
  return integer(attribute(element, prop), Number(twilioDefault(tag, prop)))
}

/** A `true`/`false` attribute, or Twilio's default. */
export function booleanOr<T extends DefaultedTag, P extends keyof Defaults[T] & string>(
  element: XmlElement,
  tag: T,
  prop: P,
): boolean {
  const value = attribute(element, prop)
  return value === undefined ? twilioDefault(tag, prop) === true : value === 'true'
}

/** An HTTP method attribute (`method`, `statusCallbackMethod`, ...): Twilio's default is POST. */
export function methodOf(value: string | undefined): HttpMethod {
  return value?.toUpperCase() === 'GET' ? 'GET' : 'POST'
}
