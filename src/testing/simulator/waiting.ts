/**
 * What a call waits for, and what moves it on: the two halves of steering a call. Both are plain
 * data, so a UI can show a wait and send an input back over a socket, and an explorer can store a
 * path through a call as the list of inputs it chose.
 */
import type { HttpMethod } from '../../voice/common.js'
import type { CallLeg } from './events.js'
import {
  describeRealtimeWait,
  type RealtimeInput,
  type RelayWait,
  realtimeChoices,
  type StreamWait,
} from './waiting-realtime.js'

/** What every wait says about itself. */
export interface WaitBase {
  /** Which wait of the call this is, from 0: the same inputs always meet the same waits in order. */
  readonly index: number
  /** Whose move it is: the caller's, or a dialed party's (a screening `<Gather>`). */
  readonly leg: CallLeg
  /** The virtual second the wait began (see `call.now`). */
  readonly since: number
  /**
   * The virtual second at which the wait ends by itself (a timeout, a time limit, the next scripted
   * event): `call.advance()` past it and it does. Absent when only an input ends it.
   */
  readonly deadline?: number
  /** The document holding the verb, as a path (`/ivr`) or an absolute URL on another host. */
  readonly document: string
}

/** A `<Gather>`: keys, speech, silence (its timeout) or a hang-up. */
export interface GatherWait extends WaitBase {
  readonly kind: 'gather'
  readonly input: readonly ('dtmf' | 'speech')[]
  /** The Gather ends after this many digits. Absent: no limit. */
  readonly numDigits?: number
  /** Keys that end the input (`''`: none do). */
  readonly finishOnKey: string
  /** Seconds of silence before the Gather gives up (and between digits). */
  readonly timeout: number
  /** Seconds of silence after speech that end it, or `auto`. */
  readonly speechTimeout: number | 'auto'
  /** Words and phrases the app expects to hear (`hints`), for a UI's suggestions. */
  readonly hints: readonly string[]
  readonly language: string
  /** With silence, the action is requested with empty `Digits` instead of going on. */
  readonly actionOnEmptyResult: boolean
  /** Where the input goes (path or URL), and how. */
  readonly action: string
  readonly method: HttpMethod
  /** Set when the Gather runs in a queue's wait document. */
  readonly queue?: string
}

/** One noun of a `<Dial>` and how its attempt stands. */
export interface DialParty {
  /** Position in the `<Dial>`, from 0: what `answer({ party })` takes (a target works too). */
  readonly index: number
  /** `Number`, `Client`, `Sip`, `Conference`, `Queue`, `Sim`, `Application`, `WhatsApp`. */
  readonly noun: string
  /** The noun's text as rendered: `sip:alice@example.com;transport=tls?x-ticket=42`, `+15551230000`, `alice`. */
  readonly target: string
  /** The target without SIP URI parameters and headers. */
  readonly address: string
  /**
   * `queued`: not dialed yet (sequential dialing); `ringing`: can be answered or declined now;
   * `answered`: picked up (screening may still decline); `connected`: talking to the caller; then
   * how the attempt ended: `completed`, `busy`, `no-answer`, `failed`, `canceled` (another answered,
   * or the caller gave up) or `declined` (during screening).
   */
  readonly state:
    | 'queued'
    | 'ringing'
    | 'answered'
    | 'connected'
    | 'completed'
    | 'busy'
    | 'no-answer'
    | 'failed'
    | 'canceled'
    | 'declined'
  /** `machineDetection` of a `<Number>` or `<Sip>`: an answer may say who answered (`answeredBy`). */
  readonly machineDetection?: string
}

/** A `<Dial>` whose parties ring: answer or decline one, let the timeout pass, or hang up. */
export interface DialWait extends WaitBase {
  readonly kind: 'dial'
  readonly sequential: boolean
  /** Seconds each attempt rings before it counts as no answer. */
  readonly timeout: number
  readonly parties: readonly DialParty[]
}

/** Two parties connected by a `<Dial>` (or a queue's agent): either may hang up, or time passes. */
export interface BridgedWait extends WaitBase {
  readonly kind: 'bridged'
  /** Who the caller talks to. */
  readonly party: DialParty
  /** Seconds after which Twilio ends the conversation (`timeLimit`). */
  readonly timeLimit: number
  /** The caller may press `*` to hang up on the party and go on (`hangupOnStar`). */
  readonly hangupOnStar: boolean
}

/** A `<Record>` in progress: its length, the key that ends it, or silence. */
export interface RecordWait extends WaitBase {
  readonly kind: 'record'
  readonly maxLength: number
  readonly finishOnKey: string
  /** Seconds of silence that end the recording. */
  readonly timeout: number
  readonly playBeep: boolean
  readonly transcribe: boolean
}

/** A caller in an `<Enqueue>` queue, between runs of the wait document: an agent, or more waiting. */
export interface QueueWait extends WaitBase {
  readonly kind: 'queue'
  readonly queue: string
  /** `QueuePosition` the wait document got. */
  readonly position: number
  /** Seconds in the queue so far (`QueueTime`). */
  readonly queueTime: number
  /** The wait document, if the Enqueue has one; it runs again at the deadline. */
  readonly waitUrl?: string
}

/** Someone in a `<Conference>` besides the caller. */
export interface ConferenceParticipant {
  readonly label: string
  readonly startConferenceOnEnter: boolean
  readonly endConferenceOnExit: boolean
}

/** The caller in a `<Dial><Conference>`: participants join and leave, or the caller hangs up. */
export interface ConferenceWait extends WaitBase {
  readonly kind: 'conference'
  readonly name: string
  /** The conference has started (someone with `startConferenceOnEnter` is in the room). */
  readonly started: boolean
  readonly participants: readonly ConferenceParticipant[]
  readonly startConferenceOnEnter: boolean
  readonly endConferenceOnExit: boolean
}

/** A `<Pay>` collecting payment details: how the payment ends. */
export interface PayWait extends WaitBase {
  readonly kind: 'pay'
  readonly paymentMethod: 'credit-card' | 'ach-debit'
  /** Absent or `0`: a tokenization, no charge. */
  readonly chargeAmount?: string
  readonly currency: string
  readonly validCardTypes: readonly string[]
  readonly timeout: number
  readonly maxAttempts: number
}

/** A `<Refer>`: how the transfer ends. */
export interface ReferWait extends WaitBase {
  readonly kind: 'refer'
  readonly target: string
}

/** What the call is waiting for, as data: `kind` tells which, the rest which inputs make sense. */
export type WaitingFor =
  | GatherWait
  | DialWait
  | BridgedWait
  | RecordWait
  | QueueWait
  | ConferenceWait
  | PayWait
  | ReferWait
  | RelayWait
  | StreamWait

/** `AnsweredBy` values of answering machine detection. */
export type AnsweredBy =
  | 'human'
  | 'machine_start'
  | 'machine_end_beep'
  | 'machine_end_silence'
  | 'machine_end_other'
  | 'fax'
  | 'unknown'

/** `Result` of a `<Pay>`. */
export type PayResult =
  | 'success'
  | 'payment-connector-error'
  | 'too-many-failed-attempts'
  | 'caller-interrupted-with-star'
  | 'caller-hung-up'
  | 'validation-error'
  | 'internal-error'

/** `ReferCallStatus` of a `<Refer>`: `in-progress` when the transfer target took the call. */
export type ReferStatus = 'in-progress' | 'busy' | 'no-answer' | 'canceled' | 'failed'

/**
 * An input that moves a waiting call on. Each wait accepts some of them (see {@link inputChoices});
 * `hangup` and `advance` every one.
 */
export type CallInput =
  /**
   * Keys at a Gather (the last may be a `finishOnKey`), the key that ends a Record, `*` to leave a
   * Dial; in a realtime session, one `dtmf` message per key.
   */
  | { readonly kind: 'press'; readonly digits: string }
  /** Speech at a Gather (`confidence` default 0.9); in a ConversationRelay session, a `prompt`. */
  | { readonly kind: 'speak'; readonly text: string; readonly confidence?: number }
  /** Nothing: a Gather's or a Record's timeout passes. */
  | { readonly kind: 'silence' }
  /** A party hangs up: the caller (default), or the dialed party (screening, conversation). */
  | { readonly kind: 'hangup'; readonly leg?: CallLeg }
  /** Time passes on the virtual clock; whatever is due in that time happens. */
  | { readonly kind: 'advance'; readonly seconds: number }
  /** A ringing party answers (default: the first ringing one); `answeredBy` with machine detection. */
  | { readonly kind: 'answer'; readonly party?: number | string; readonly answeredBy?: AnsweredBy }
  /** A ringing party does not take the call (default `busy`; a SIP code for `<Sip>`). */
  | {
      readonly kind: 'decline'
      readonly party?: number | string
      readonly status?: 'busy' | 'no-answer' | 'failed'
      readonly sipResponseCode?: number
    }
  /** A recording ends: how long it is, and how it ended (a key, a hang-up, the time limit). */
  | {
      readonly kind: 'record'
      readonly seconds: number
      readonly key?: string
      readonly hangup?: boolean
      readonly transcription?: string
    }
  /** A caller in a queue leaves it: an agent answers (`bridged`), or Twilio gives up. */
  | { readonly kind: 'queue-result'; readonly result: 'bridged' | 'queue-full' | 'error' | 'system-error' }
  /** A conference participant joins or leaves. */
  | {
      readonly kind: 'participant'
      readonly action: 'join' | 'leave'
      readonly label?: string
      readonly startConferenceOnEnter?: boolean
      readonly endConferenceOnExit?: boolean
    }
  /** A `<Pay>` ends. */
  | { readonly kind: 'pay'; readonly result: PayResult; readonly cardNumber?: string; readonly cardType?: string }
  /** A `<Refer>` ends: `ReferCallStatus`, and the SIP codes of the REFER and of the NOTIFY. */
  | {
      readonly kind: 'refer'
      readonly status: ReferStatus
      readonly sipResponseCode?: number
      readonly notifySipResponseCode?: number
    }
  | RealtimeInput

/** The keys a caller can press. */
export const DTMF_KEYS = '1234567890*#'

/**
 * A small set of inputs that covers what a wait can do, in a fixed order: for a UI's buttons and
 * for an explorer's branches. Free-form inputs (digit strings, speech) get one representative each:
 * the Gather's `hints` for speech, a full-length digit string for `numDigits`.
 */
export function inputChoices(waiting: WaitingFor): CallInput[] {
  const choices: CallInput[] = []
  const untilDeadline = (): CallInput[] =>
    waiting.deadline === undefined ? [] : [{ kind: 'advance', seconds: Math.max(0, waiting.deadline - waiting.since) }]
  switch (waiting.kind) {
    case 'gather': {
      if (waiting.input.includes('dtmf')) {
        const keys = [...DTMF_KEYS].filter((key) => !waiting.finishOnKey.includes(key))
        if (waiting.numDigits === 1) for (const key of keys) choices.push({ kind: 'press', digits: key })
        else {
          const length = waiting.numDigits ?? 4
          const end = waiting.numDigits === undefined && waiting.finishOnKey !== '' ? waiting.finishOnKey[0] : ''
          choices.push({ kind: 'press', digits: '1'.repeat(length) + end })
        }
      }
      if (waiting.input.includes('speech')) {
        const phrases = waiting.hints.length > 0 ? waiting.hints : ['yes']
        for (const text of phrases) choices.push({ kind: 'speak', text })
      }
      choices.push({ kind: 'silence' })
      break
    }
    case 'dial':
      for (const party of waiting.parties) {
        if (party.state !== 'ringing') continue
        choices.push({ kind: 'answer', party: party.index })
        if (party.machineDetection !== undefined) {
          choices.push({ kind: 'answer', party: party.index, answeredBy: 'machine_end_beep' })
        }
        choices.push({ kind: 'decline', party: party.index, status: 'busy' })
        choices.push({ kind: 'decline', party: party.index, status: 'failed' })
      }
      choices.push(...untilDeadline())
      break
    case 'bridged':
      choices.push({ kind: 'hangup', leg: 'callee' })
      if (waiting.hangupOnStar) choices.push({ kind: 'press', digits: '*' })
      choices.push(...untilDeadline())
      break
    case 'record': {
      const key = waiting.finishOnKey[0]
      choices.push(key === undefined ? { kind: 'record', seconds: 10 } : { kind: 'record', seconds: 10, key })
      choices.push({ kind: 'silence' })
      choices.push(...untilDeadline())
      break
    }
    case 'queue':
      choices.push({ kind: 'queue-result', result: 'bridged' })
      choices.push(...untilDeadline())
      break
    case 'conference':
      choices.push({ kind: 'participant', action: 'join', startConferenceOnEnter: true })
      if (waiting.participants.length > 0) choices.push({ kind: 'participant', action: 'leave' })
      choices.push(...untilDeadline())
      break
    case 'pay':
      choices.push({ kind: 'pay', result: 'success' })
      choices.push({ kind: 'pay', result: 'too-many-failed-attempts' })
      choices.push({ kind: 'pay', result: 'caller-interrupted-with-star' })
      break
    case 'refer':
      choices.push({ kind: 'refer', status: 'in-progress' })
      choices.push({ kind: 'refer', status: 'busy' })
      choices.push({ kind: 'refer', status: 'failed' })
      break
    case 'relay':
    case 'stream':
      choices.push(...realtimeChoices(waiting))
      break
  }
  choices.push({ kind: 'hangup' })
  return choices
}

/** One line that says what a wait is for: the transcript's "… waiting" line and error messages. */
export function describeWait(waiting: WaitingFor): string {
  switch (waiting.kind) {
    case 'gather':
      return 'waiting for input'
    case 'dial': {
      const ringing = waiting.parties.filter((p) => p.state === 'ringing').map((p) => p.target.replace(/\?.*$/, ''))
      return `waiting: ${ringing.join(', ')} ringing`
    }
    case 'bridged':
      return `waiting: connected to ${waiting.party.target.replace(/\?.*$/, '')}`
    case 'record':
      return 'waiting: recording'
    case 'queue':
      return `waiting in queue ${waiting.queue}`
    case 'conference':
      return `waiting in conference ${waiting.name}${waiting.started ? '' : ' (not started)'}`
    case 'pay':
      return 'waiting: collecting payment'
    case 'refer':
      return `waiting: transferring to ${waiting.target}`
    case 'relay':
    case 'stream':
      return describeRealtimeWait(waiting)
  }
}
