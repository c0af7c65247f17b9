/**
 * `<Dial>` and the nouns it dials: `Number`, `Client` (+ `Identity`), `Conference`, `Queue`,
 * `Sim`, `Application` (+ `ApplicationSid`), `WhatsApp`. `Sip` lives in sip.ts.
 *
 * @see https://www.twilio.com/docs/voice/twiml/dial
 */

import * as attr from '../attr.js'
import { type Child, defineElement, type TextChild } from '../node.js'
import {
  type HttpMethod,
  methodDomain,
  type OpenUnion,
  RECORDING_TRIMS,
  type RecordingStatusEvent,
  type RecordingTrim,
  recordingEventsDomain,
  TWILIO_REGIONS,
  type TwilioRegion,
} from './common.js'
import {
  type DialedNounAttributes,
  dialedNounDomains,
  type MachineDetectionAttributes,
  machineDetectionDomains,
} from './dialed-noun.js'
import { Parameter } from './parameter.js'
import { Response } from './response.js'
import { Sip } from './sip.js'

/** How `<Dial>` records the call. */
export const DIAL_RECORD_MODES = [
  'do-not-record',
  'record-from-answer',
  'record-from-ringing',
  'record-from-answer-dual',
  'record-from-ringing-dual',
] as const
/** How `<Dial>` records the call. */
export type DialRecord = (typeof DIAL_RECORD_MODES)[number]

/** Which audio `<Dial>` records. */
export const DIAL_RECORDING_TRACKS = ['both', 'inbound', 'outbound'] as const

/** Events `<Dial events>` subscribes to. */
export const DIAL_EVENTS = ['call-progress-event'] as const

/** Country codes for the ringback tone `<Dial ringTone>` plays to the caller. */
export const DIAL_RING_TONES = [
  'at',
  'au',
  'bg',
  'br',
  'be',
  'ch',
  'cl',
  'cn',
  'cz',
  'de',
  'dk',
  'ee',
  'es',
  'fi',
  'fr',
  'gr',
  'hu',
  'il',
  'in',
  'it',
  'lt',
  'jp',
  'mx',
  'my',
  'nl',
  'no',
  'nz',
  'ph',
  'pl',
  'pt',
  'ru',
  'se',
  'sg',
  'th',
  'uk',
  'us',
  'us-old',
  'tw',
  've',
  'za',
] as const
/** A country code for the ringback tone `<Dial ringTone>` plays to the caller. */
export type DialRingTone = (typeof DIAL_RING_TONES)[number]

/** Most nouns one `<Dial>` may ring, in parallel or in sequence. */
export const MAX_DIAL_NOUNS = 10
// For SIP calls the caller ID is free text, limited to these characters.
const SIP_CALLER_ID = /^[A-Za-z0-9+\-_.]+$/

export interface DialProps {
  /**
   * Whom to dial: a phone number as text, or up to ten nouns (`Number`, `Client`, `Sip`, ...),
   * or one `Conference`, `Queue` or `Application`.
   */
  children?: Child
  /**
   * URL Twilio requests when the dialed call ends, with `DialCallStatus`, `DialCallSid`,
   * `DialCallDuration` (and for SIP `DialSipCallId`, `DialSipResponseCode`, `DialSipHeader_*`).
   * Its TwiML continues the call. Without it, the call goes on with the next verb.
   */
  action?: string
  /** HTTP method for `action`. Default `POST`. */
  method?: HttpMethod
  /**
   * Keep the caller hearing ringback until the dialed party answers, and only then answer the
   * inbound call (so billing starts at the bridge). Default `false`.
   */
  answerOnBridge?: boolean
  /**
   * Caller ID shown to the called party. Defaults to the caller's number. For SIP calls it need
   * not be a phone number: letters, digits and `+ - _ .`, no spaces.
   */
  callerId?: string
  /** Events to subscribe to; `call-progress-event` is the only value Twilio defines. */
  events?: (typeof DIAL_EVENTS)[number]
  /** Let the caller hang up on the dialed party by pressing `*`. Default `false`. */
  hangupOnStar?: boolean
  /** Base64 identity passports (SHAKEN, DIV), comma-separated, passed on to the dialed party. */
  passports?: string
  /**
   * Record the call: `do-not-record` (default), `record-from-answer`, `record-from-ringing`,
   * or the `-dual` variants that keep each party on its own channel.
   */
  record?: DialRecord
  /** Recording configuration to apply (a Twilio resource id). */
  recordingConfigurationId?: string
  /** URL Twilio requests when the recording changes state. */
  recordingStatusCallback?: string
  /** Recording events sent to `recordingStatusCallback`: `in-progress`, `completed`, `absent`. Default `completed`. */
  recordingStatusCallbackEvent?: readonly RecordingStatusEvent[]
  /** HTTP method for `recordingStatusCallback`. Default `POST`. */
  recordingStatusCallbackMethod?: HttpMethod
  /** Which audio to record: `both` (default), `inbound` or `outbound`. */
  recordingTrack?: (typeof DIAL_RECORDING_TRACKS)[number]
  /** URL that receives SIP REFER requests from the dialed party (call transfer). */
  referUrl?: string
  /** HTTP method for `referUrl`. Default `POST`. */
  referMethod?: HttpMethod
  /** Ringback tone played to the caller, by country code. Default: the country of the dialed number. */
  ringTone?: OpenUnion<DialRingTone>
  /**
   * Dial the nouns one after another, in order, instead of all at once; the first to answer
   * cancels the rest. Needs "Enhanced Programmable SIP Features" when SIP nouns are mixed.
   * Default `false` (parallel). `<Dial sequential>` is the shorthand for `true`.
   */
  sequential?: boolean
  /** Longest the call may last, in seconds. Default 14400 (4 hours). */
  timeLimit?: number
  /** Seconds to wait for an answer, 5–600. Default 30. */
  timeout?: number
  /** Remove leading and trailing silence from the recording: `trim-silence` or `do-not-trim` (default). */
  trim?: RecordingTrim
}

/**
 * Connects the caller to another party. The caller is the parent call; the dialed party is the
 * child call.
 * @see https://www.twilio.com/docs/voice/twiml/dial
 */
export const Dial = defineElement<DialProps>({
  tag: 'Dial',
  verbOf: [Response],
  attributes: {
    action: attr.url(),
    method: methodDomain,
    answerOnBridge: attr.boolean({ default: false }),
    callerId: attr.string(),
    events: attr.oneOf(DIAL_EVENTS),
    hangupOnStar: attr.boolean({ default: false }),
    passports: attr.string(),
    record: attr.oneOf(DIAL_RECORD_MODES, { default: 'do-not-record' }),
    recordingConfigurationId: attr.string(),
    recordingStatusCallback: attr.url(),
    recordingStatusCallbackEvent: recordingEventsDomain(),
    recordingStatusCallbackMethod: methodDomain,
    recordingTrack: attr.oneOf(DIAL_RECORDING_TRACKS, { default: 'both' }),
    referUrl: attr.url(),
    referMethod: methodDomain,
    ringTone: attr.open(DIAL_RING_TONES),
    sequential: attr.boolean({ default: false }),
    timeLimit: attr.integer(1, 86400, { default: 14400 }),
    timeout: attr.integer(5, 600, { default: 30 }),
    trim: attr.oneOf(RECORDING_TRIMS, { default: 'do-not-trim' }),
  },
  children: { text: true, elements: () => dialNouns },
  check: (dial, report, options) => {
    const { props, ownTextLength } = dial
    const nouns = dial.count(...dialNouns)
    if (nouns > MAX_DIAL_NOUNS) {
      report('dial.max-nouns', `<Dial> holds ${nouns} nouns, the limit is ${MAX_DIAL_NOUNS}`)
    }
    if (ownTextLength > 0 && nouns > 0) {
      report('dial.text-and-nouns', '<Dial> holds both text and nouns; put the phone number in a <Number>')
    }
    const sips = dial.count(Sip)
    if (sips > 0 && nouns > 1 && !options.enhancedSip) {
      report(
        'dial.enhanced-sip',
        sips > 1
          ? `<Dial> holds ${sips} <Sip> nouns; more than one needs Enhanced Programmable SIP Features (render option enhancedSip: true)`
          : '<Dial> holds <Sip> beside other nouns; that needs Enhanced Programmable SIP Features (render option enhancedSip: true)',
        'https://www.twilio.com/docs/voice/twiml/sip',
      )
    }
    if (dial.count(Conference) > 0 && nouns > 1) {
      report('dial.conference-alone', '<Conference> must be the only noun in its <Dial> (Twilio error 13000)', 13000)
    }
    if (dial.count(Application) > 0 && nouns > 1) {
      report(
        'dial.application-alone',
        '<Application> cannot be dialed together with other nouns',
        'https://www.twilio.com/docs/voice/twiml/dial/application',
      )
    }
    if (sips > 0 && props.callerId != null && !SIP_CALLER_ID.test(String(props.callerId))) {
      report(
        'dial.sip-caller-id',
        `callerId "${props.callerId}" is not valid for SIP: use letters, digits and + - _ . (no spaces)`,
        'https://www.twilio.com/docs/voice/twiml/sip',
      )
    }
  },
})

export interface NumberProps extends DialedNounAttributes, MachineDetectionAttributes {
  /** The phone number to dial, in E.164 format (`+14155550100`). */
  children: TextChild
  /** DTMF digits to play once the call is answered; `w` waits half a second. E.g. `wwww1928`. */
  sendDigits?: string
  /** BYOC trunk SID (`BY…`) to route this call through. */
  byoc?: string
}

/**
 * Dials a phone number. Also exported as `DialNumber`, since `Number` shadows the global.
 * @see https://www.twilio.com/docs/voice/twiml/number
 */
export const Number = defineElement<NumberProps>({
  tag: 'Number',
  attributes: { ...dialedNounDomains, ...machineDetectionDomains, sendDigits: attr.string(), byoc: attr.string() },
  children: { text: true },
})
/** Collision-free alias of {@link Number}. */
export const DialNumber = Number

export interface ClientProps extends DialedNounAttributes {
  /** The client identity as text, or `<Identity>` plus `<Parameter>` elements. */
  children?: Child
}

/**
 * Dials a Voice SDK client by identity.
 * @see https://www.twilio.com/docs/voice/twiml/client
 */
export const Client = defineElement<ClientProps>({
  tag: 'Client',
  attributes: dialedNounDomains,
  children: { text: true, elements: () => [Identity, Parameter] },
})

export interface IdentityProps {
  /** The client identity to dial. */
  children: TextChild
}

/** The identity inside `<Client>`, used when the client also receives `<Parameter>`s. */
export const Identity = defineElement<IdentityProps>({ tag: 'Identity', attributes: {}, children: { text: true } })

/** Conference events that trigger `statusCallback`. */
export const CONFERENCE_EVENTS = [
  'start',
  'end',
  'join',
  'leave',
  'mute',
  'hold',
  'modify',
  'speaker',
  'announcement',
] as const
/** A conference event that triggers `statusCallback`. */
export type ConferenceEvent = (typeof CONFERENCE_EVENTS)[number]

/** `<Conference beep>` values besides the booleans. */
export const CONFERENCE_BEEPS = ['true', 'false', 'onEnter', 'onExit'] as const
/** How `<Conference>` records. */
export const CONFERENCE_RECORD_MODES = ['do-not-record', 'record-from-start'] as const
/** Jitter buffer sizes of a conference participant. */
export const CONFERENCE_JITTER_BUFFER_SIZES = ['large', 'medium', 'small', 'off'] as const

export interface ConferenceProps {
  /** The conference room name; callers with the same name join the same room. */
  children: TextChild
  /** Join muted. Default `false`. */
  muted?: boolean
  /** Beep when participants join or leave: `true` (default), `false`, `onEnter`, `onExit`. */
  beep?: boolean | (typeof CONFERENCE_BEEPS)[number]
  /** Start the conference when this participant joins. Default `true`. */
  startConferenceOnEnter?: boolean
  /** End the conference when this participant leaves. Default `false`. */
  endConferenceOnExit?: boolean
  /**
   * URL of TwiML (only `Say`, `Play`, `Pause`, `Redirect`) or an audio file played while
   * waiting for the conference to start. Default: Twilio's hold music.
   */
  waitUrl?: string
  /** HTTP method for `waitUrl`. Default `POST`. */
  waitMethod?: HttpMethod
  /** Most participants allowed, 2–250. Default 250. */
  maxParticipants?: number
  /** Record the conference: `do-not-record` (default) or `record-from-start`. */
  record?: (typeof CONFERENCE_RECORD_MODES)[number]
  /** Region where the conference is mixed. Default: nearest to the first participant. */
  region?: TwilioRegion
  /** CallSid of a participant this one coaches (heard by that participant only). */
  coach?: string
  /** Remove silence from the recording: `trim-silence` (default) or `do-not-trim`. */
  trim?: RecordingTrim
  /** URL for conference events listed in `statusCallbackEvent`. */
  statusCallback?: string
  /** Conference events sent to `statusCallback`. */
  statusCallbackEvent?: readonly ConferenceEvent[]
  /** HTTP method for `statusCallback`. Default `POST`. */
  statusCallbackMethod?: HttpMethod
  /** URL Twilio requests when the recording changes state. */
  recordingStatusCallback?: string
  /** HTTP method for `recordingStatusCallback`. Default `POST`. */
  recordingStatusCallbackMethod?: HttpMethod
  /** Recording events sent to `recordingStatusCallback`. Default `completed`. */
  recordingStatusCallbackEvent?: readonly RecordingStatusEvent[]
  /** Recording configuration to apply (a Twilio resource id). */
  recordingConfigurationId?: string
  /** Older name for conference events callback; prefer `statusCallback`. */
  eventCallbackUrl?: string
  /** Jitter buffer for this participant: `large` (default), `medium`, `small`, `off`. */
  jitterBufferSize?: (typeof CONFERENCE_JITTER_BUFFER_SIZES)[number]
  /** A label for this participant, unique within the conference. */
  participantLabel?: string
}

/**
 * Joins the caller to a conference room. A `<Dial>` holds one `<Conference>` and nothing else.
 * @see https://www.twilio.com/docs/voice/twiml/conference
 */
export const Conference = defineElement<ConferenceProps>({
  tag: 'Conference',
  attributes: {
    muted: attr.boolean({ default: false }),
    beep: attr.union([attr.boolean(), attr.oneOf(CONFERENCE_BEEPS)], { default: true }),
    startConferenceOnEnter: attr.boolean({ default: true }),
    endConferenceOnExit: attr.boolean({ default: false }),
    waitUrl: attr.url(),
    waitMethod: methodDomain,
    maxParticipants: attr.integer(2, 250, { default: 250 }),
    record: attr.oneOf(CONFERENCE_RECORD_MODES, { default: 'do-not-record' }),
    region: attr.oneOf(TWILIO_REGIONS),
    coach: attr.string(),
    trim: attr.oneOf(RECORDING_TRIMS, { default: 'trim-silence' }),
    statusCallback: attr.url(),
    statusCallbackEvent: attr.list(CONFERENCE_EVENTS),
    statusCallbackMethod: methodDomain,
    recordingStatusCallback: attr.url(),
    recordingStatusCallbackMethod: methodDomain,
    recordingStatusCallbackEvent: recordingEventsDomain(),
    recordingConfigurationId: attr.string(),
    eventCallbackUrl: attr.url(),
    jitterBufferSize: attr.oneOf(CONFERENCE_JITTER_BUFFER_SIZES, { default: 'large' }),
    participantLabel: attr.string(),
  },
  children: { text: true },
})

export interface QueueProps {
  /** Name of the queue to take a caller from. */
  children: TextChild
  /** URL of TwiML played to the dequeued caller before they are connected. */
  url?: string
  /** HTTP method for `url`. Default `POST`. */
  method?: HttpMethod
  /** TaskRouter reservation SID to accept (TaskRouter queues). */
  reservationSid?: string
  /** TaskRouter activity SID the worker moves to after the call. */
  postWorkActivitySid?: string
}

/**
 * Connects the caller to the first caller waiting in a queue.
 * @see https://www.twilio.com/docs/voice/twiml/queue
 */
export const Queue = defineElement<QueueProps>({
  tag: 'Queue',
  // A verb of <Response> too: twilio's builder offers response.queue().
  verbOf: [Response],
  attributes: {
    url: attr.url(),
    method: methodDomain,
    reservationSid: attr.string(),
    postWorkActivitySid: attr.string(),
  },
  children: { text: true },
})

export interface SimProps {
  /** SID (`DE…`) of the Programmable Wireless SIM to call. */
  children: TextChild
}

/**
 * Dials a Programmable Wireless SIM.
 * @see https://www.twilio.com/docs/voice/twiml/sim
 */
export const Sim = defineElement<SimProps>({ tag: 'Sim', attributes: {}, children: { text: true } })

export interface ApplicationProps extends DialedNounAttributes {
  /** The application SID as text, or `<ApplicationSid>` plus `<Parameter>` elements. */
  children?: Child
  /** Identity of the customer calling the application; at most 256 characters. */
  customerId?: string
  /** Give the called application the parent call's `To` instead of the application SID. Default `false`. */
  copyParentTo?: boolean
}

/**
 * Dials another TwiML application in the same account. Cannot be dialed in parallel.
 * @see https://www.twilio.com/docs/voice/twiml/dial/application
 */
export const Application = defineElement<ApplicationProps>({
  tag: 'Application',
  attributes: {
    ...dialedNounDomains,
    customerId: attr.string({ maxLength: 256 }),
    copyParentTo: attr.boolean({ default: false }),
  },
  children: { text: true, elements: () => [ApplicationSid, Parameter] },
})

export interface ApplicationSidProps {
  /** SID (`AP…`) of the application to dial. */
  children: TextChild
}

/** The application SID inside `<Application>`, used beside `<Parameter>`s. */
export const ApplicationSid = defineElement<ApplicationSidProps>({
  tag: 'ApplicationSid',
  attributes: {},
  children: { text: true },
})

export interface WhatsAppProps extends DialedNounAttributes {
  /** The WhatsApp user's phone number, E.164 (`+14155550100`). */
  children: TextChild
}

/**
 * Places a WhatsApp voice call.
 * @see https://www.twilio.com/docs/voice/twiml/whatsapp
 */
export const WhatsApp = defineElement<WhatsAppProps>({
  tag: 'WhatsApp',
  attributes: dialedNounDomains,
  children: { text: true },
})

// The nouns <Dial> dials, in Twilio's order (written after their definitions).
const dialNouns = [Number, Client, Sip, Conference, Queue, Sim, Application, WhatsApp]

/** Tags of the nouns `<Dial>` can dial. */
export const DIAL_NOUNS: readonly string[] = dialNouns.map((noun) => noun.tag)
