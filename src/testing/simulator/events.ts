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

/** The two realtime protocols of `<Connect>`: ConversationRelay and (bidirectional) Media Streams. */
export type RealtimeProtocolName = 'conversation-relay' | 'media-stream'

/** One WebSocket message of a realtime session, as `call.messages` keeps them. */
export interface SocketMessage {
  /** The session: `VX…` (ConversationRelay) or `MZ…` (Media Streams). */
  readonly session: string
  readonly protocol: RealtimeProtocolName
  /** `to-app`: what the simulator sent as Twilio; `from-app`: what the app sent (checked, parsed). */
  readonly direction: 'to-app' | 'from-app'
  /** The virtual second it was sent at. */
  readonly at: number
  /** The message, as JSON data. */
  readonly message: Readonly<Record<string, unknown>>
}

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
  | 'stream-status-callback'

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
    | {
        /** A realtime session opened on the app's socket: `setup` or `connected` + `start` were sent. */
        readonly type: 'session-start'
        readonly protocol: RealtimeProtocolName
        /** `VX…` or `MZ…`. */
        readonly sid: string
        readonly url: string
        /** The `<Parameter>`s sent as `customParameters`. */
        readonly customParameters: Readonly<Record<string, string>>
      }
    | {
        /** The session ended: who ended it, and the `SessionStatus` (ConversationRelay) reported to the action. */
        readonly type: 'session-end'
        readonly protocol: RealtimeProtocolName
        /** `app-end` (an `end` message), `app-close` (the app closed its socket), `caller` (a hang-up). */
        readonly by: 'app-end' | 'app-close' | 'caller'
        readonly seconds: number
        readonly status?: string
        readonly handoffData?: string
      }
    | {
        /** One `text` token from the app (ConversationRelay), as it streams in. */
        readonly type: 'relay-text'
        readonly token: string
        readonly last: boolean
      }
    | {
        /**
         * What the agent said in one turn: its tokens joined, once `last: true` came (`complete`), or
         * cut short (the caller's turn, an interrupt, the session's end). `greeting`: the TwiML's
         * `welcomeGreeting`, spoken by Twilio.
         */
        readonly type: 'relay-turn'
        readonly text: string
        readonly complete: boolean
        readonly greeting?: boolean
      }
    | { readonly type: 'relay-play'; readonly source: string; readonly loop: number }
    | { readonly type: 'relay-digits'; readonly digits: string }
    | { readonly type: 'relay-language'; readonly ttsLanguage?: string; readonly transcriptionLanguage?: string }
    | {
        /** The caller talked over the agent: what had been said, and for how long (virtual ms). */
        readonly type: 'relay-interrupt'
        readonly utterance: string
        readonly durationMs: number
      }
    | {
        /** The caller's audio, sent as 20 ms `media` frames (Media Streams). */
        readonly type: 'stream-audio'
        readonly frames: number
        readonly ms: number
        readonly source: 'silence' | 'wav'
      }
    | {
        /** Audio from the app (a `media` message): its length. */
        readonly type: 'stream-media'
        readonly bytes: number
      }
    | { readonly type: 'stream-mark'; readonly name: string }
    | {
        /** Twilio echoed a mark: its audio has played, or `clear` dropped it. */
        readonly type: 'stream-mark-played'
        readonly name: string
        readonly cleared: boolean
      }
    | { readonly type: 'stream-clear'; readonly droppedMs: number }
    | {
        /** The app sent a message Twilio would reject: dropped, the session goes on. */
        readonly type: 'socket-invalid'
        readonly protocol: RealtimeProtocolName
        readonly message: string
      }
    | { readonly type: 'warning'; readonly message: string }
    | {
        /** The simulation failed (a route answered 500, a redirect loop, ...): `message` says why. */
        readonly type: 'error'
        readonly message: string
      }
    | { readonly type: 'end'; readonly reason: string }
  )
