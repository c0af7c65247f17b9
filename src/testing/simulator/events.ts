/**
 * What a simulated call records: the events the caller (and a dialed party) experiences and the HTTP
 * requests Twilio would have made. Every event and request is plain data (JSON round-trips it), so
 * a UI can send them over a socket and an explorer can compare runs.
 */
import type { HttpMethod } from '../../voice/common.js'
import type { DialCallStatus } from '../../webhook/params.js'
import type { WaitingFor } from './waiting.js'

/** Which call leg an event happened on: the caller's, or a dialed party's during call screening. */
export type CallLeg = 'caller' | 'callee'

/** Why the simulator made a request. */
export type RequestKind =
  | 'call'
  | 'redirect'
  | 'gather-action'
  | 'record-action'
  | 'dial-action'
  | 'screening'
  | 'enqueue-wait'
  | 'enqueue-action'
  | 'connect-action'
  | 'sms-action'
  | 'pay-action'
  | 'refer-action'
  | 'conference-wait'
  | 'queue-url'
  | 'status-callback'
  | 'recording-status-callback'
  | 'transcribe-callback'
  | 'amd-status-callback'
  | 'conference-status-callback'
  | 'pay-status-callback'

/** One HTTP request of the call, as Twilio would have sent it. */
export interface SimulatedRequest {
  readonly kind: RequestKind
  readonly leg: CallLeg
  readonly method: HttpMethod
  /** The absolute URL as the TwiML (or the call) names it, before GET parameters are appended. */
  readonly url: string
  /** `url` relative to the app's base URL (`/ivr/choice`), or absolute when on another host. */
  readonly path: string
  /** Every parameter sent, standard call parameters included. */
  readonly params: Readonly<Record<string, string>>
  /** `false` for a callback on another host: recorded, never sent. */
  readonly sent: boolean
  /** The app's HTTP status, when sent. */
  readonly status?: number
  /** The app's response body, when sent. */
  readonly body?: string
}

/** Where an event stands: on which leg, and how deep in the transcript (requests nest their verbs). */
export interface EventPosition {
  readonly leg: CallLeg
  readonly depth: number
}

/** Something the call did or the caller experienced. `call.events` lists them in order. */
export type CallEvent = EventPosition &
  (
    | {
        /**
         * The call waits: for the caller's (or a dialed party's) input, a dialed party's answer, the
         * end of a conversation, a recording, an agent. `waiting` says what would move it on.
         */
        readonly type: 'waiting'
        readonly waiting: WaitingFor
      }
    | {
        /** A request that needs no TwiML back: a status, recording, transcription or AMD callback. */
        readonly type: 'callback'
        readonly request: SimulatedRequest
      }
    | {
        /** Twilio fetched TwiML: the call, a redirect, an action, a screening or wait document. */
        readonly type: 'request'
        readonly request: SimulatedRequest
      }
    | {
        /** `<Say>`: the text with SSML flattened (`<sub alias>` read as its alias, breaks as spaces). */
        readonly type: 'say'
        readonly text: string
        readonly voice?: string
        readonly language?: string
        /** How many times it is said; 0 means until something else happens (forever outside a Gather). */
        readonly loop: number
      }
    | { readonly type: 'play'; readonly url?: string; readonly digits?: string; readonly loop: number }
    | { readonly type: 'pause'; readonly seconds: number }
    | {
        /** `<Gather>`: its prompts follow, one level deeper; then the input (or silence). */
        readonly type: 'gather'
        readonly input: readonly string[]
        readonly numDigits?: number
        readonly finishOnKey: string
        readonly timeout: number
        readonly method: HttpMethod
        readonly action: string
      }
    | {
        /** What the party did at a Gather or Record: keys, speech, silence or hanging up. */
        readonly type: 'input'
        readonly digits?: string
        readonly speech?: string
        readonly confidence?: string
        readonly silence?: boolean
        readonly hangup?: boolean
      }
    | {
        readonly type: 'dial'
        readonly targets: readonly string[]
        readonly sequential: boolean
        readonly timeout: number
      }
    | {
        /** One dialed noun's outcome. `answered` legs then run their screening document, if any. */
        readonly type: 'dial-leg'
        readonly noun: string
        /** The noun's text without SIP headers (`?…`), as the transcript shows it. */
        readonly target: string
        readonly outcome: 'answered' | 'busy' | 'no-answer' | 'failed' | 'canceled'
        readonly sipResponseCode?: number
        /** Seconds it rang before the outcome. */
        readonly rang: number
      }
    | { readonly type: 'screening-result'; readonly target: string; readonly accepted: boolean }
    | { readonly type: 'connected'; readonly target: string; readonly seconds: number }
    | { readonly type: 'dial-end'; readonly status: DialCallStatus; readonly seconds?: number }
    | {
        readonly type: 'record'
        readonly maxLength: number
        readonly finishOnKey: string
        readonly beep: boolean
        readonly transcribe: boolean
      }
    | {
        /** The recording made: its length, and the key that ended it, if one did. */
        readonly type: 'recorded'
        readonly seconds: number
        readonly key?: string
        readonly hangup?: boolean
      }
    | { readonly type: 'redirect'; readonly method: HttpMethod; readonly url: string }
    | { readonly type: 'hangup' }
    | { readonly type: 'reject'; readonly reason: string }
    | { readonly type: 'enqueue'; readonly queue: string; readonly waitUrl?: string }
    | { readonly type: 'queue-result'; readonly result: string; readonly seconds?: number }
    | { readonly type: 'leave' }
    | { readonly type: 'connect'; readonly targets: readonly string[] }
    | {
        /** A verb the simulator records and steps over (`<Start>`, `<Stop>`, `<Sms>`, `<Echo>`, ...). */
        readonly type: 'verb'
        readonly tag: string
        readonly detail: string
      }
    | {
        /** `<Dial><Conference>`: the caller joins the room. */
        readonly type: 'conference'
        readonly name: string
        readonly waitUrl?: string
      }
    | {
        /** Someone joins or leaves the conference (a scripted participant, or the caller). */
        readonly type: 'participant'
        readonly label: string
        readonly action: 'join' | 'leave'
      }
    | { readonly type: 'conference-start' }
    | { readonly type: 'conference-end'; readonly reason: string; readonly seconds: number }
    | {
        /** `<Pay>`: what it collects, and how it ended (`Result`). */
        readonly type: 'pay'
        readonly paymentMethod: string
        readonly chargeAmount?: string
      }
    | { readonly type: 'paid'; readonly result: string }
    | { readonly type: 'refer'; readonly target: string }
    | { readonly type: 'referred'; readonly status: string; readonly sipResponseCode?: number }
    | { readonly type: 'warning'; readonly message: string }
    | {
        /** The simulation failed (a route answered 500, a redirect loop, ...): `message` says why. */
        readonly type: 'error'
        readonly message: string
      }
    | { readonly type: 'end'; readonly reason: string }
  )
