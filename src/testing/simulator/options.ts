/**
 * The script model: what a test (or a UI) says about the world outside the app — who answers a
 * dial, how long a recording is, what happens in a queue, a conference, a payment — and the options
 * of a simulated call. Every script may be a value or a function; a function may return a Promise,
 * and the call waits for it (another task decides while the call waits).
 */
import type { CallDirection } from '../../webhook/params.js'
import type { CallEvent } from './events.js'
import type { AnsweredBy, CallInput, PayResult, ReferStatus, WaitingFor } from './waiting.js'

/** What the simulator can drive: a Hono app (`app.request`), an object with `fetch`, or a fetch function. */
export type SimulatorApp =
  | { request(input: Request, init?: RequestInit): Response | Promise<Response> }
  | { fetch(request: Request): Response | Promise<Response> }
  | ((request: Request) => Response | Promise<Response>)

/** A value now, or later. */
export type Eventually<T> = T | Promise<T>

/** How a dialed party responds. */
export type DialOutcome = 'answer' | 'busy' | 'no-answer' | 'failed' | number | DialOutcomeScript

/**
 * A dialed party's behaviour in detail. Without `answer` or `status`, the party answers (unless
 * `sipResponseCode` says otherwise).
 */
export interface DialOutcomeScript {
  /** Picks up. Default `true`, unless `status` or a non-2xx `sipResponseCode` is given. */
  answer?: boolean
  /** When not answering: how the attempt ends. Default from `sipResponseCode`, else `no-answer`. */
  status?: 'busy' | 'no-answer' | 'failed'
  /**
   * `<Sip>` only: the final SIP response (`DialSipResponseCode`). Default 200 when answering, 486 busy,
   * 487 no answer, 503 failed. A number alone (`486`) is shorthand: 2xx answers; 486, 600 and 603
   * are busy; 408, 480 and 487 no answer; anything else failed.
   */
  sipResponseCode?: number
  /** Seconds of ringing before answering. Default 5; beyond the Dial's `timeout` it is no answer. */
  ringFor?: number
  /** Seconds the parties talk once connected (`DialCallDuration`). Default 30, capped at `timeLimit`. */
  duration?: number
  /**
   * Who ends the conversation after `duration`: the dialed party (`callee`, default; the caller goes
   * on with the action), the caller hanging up (`caller`; the action is still requested, its TwiML
   * not run), or the caller pressing `*` (`star`; needs `hangupOnStar`).
   */
  hangup?: 'callee' | 'caller' | 'star'
  /** With `machineDetection` on the noun: who answered (`AnsweredBy`). Default `human`. */
  answeredBy?: AnsweredBy
  /** What the called party presses at a `<Gather>` of the noun's screening (`url`) document. */
  press?: string
  /** What the called party says at a `<Gather>` of the screening document. */
  speak?: string
  /** `Confidence` sent with `speak`. Default 0.9. */
  confidence?: number
}

/** The noun being dialed, as a {@link DialScript} function receives it. */
export interface DialTarget {
  /** The noun's tag: `Sip`, `Number`, `Client`, `Conference`, `Queue`, ... */
  readonly noun: string
  /** The noun's text as rendered, e.g. `sip:alice@example.com;transport=tls?x-ticket=42`. */
  readonly target: string
  /** The target without SIP headers (`?…`) and URI parameters (`;…`): `sip:alice@example.com`. */
  readonly address: string
  /** Position in the `<Dial>`, from 0. */
  readonly index: number
}

/**
 * Scripted dial outcomes: by target (`'sip:bob@example.com': 486`, matched against the full text,
 * then without headers, then without URI parameters; `'*'` for any other), or a function (which may
 * return a Promise: the party rings until it settles). Unscripted targets answer (in a steered call,
 * see `startCall`, they ring until told). In a parallel `<Dial>`, parties that answer after the same
 * ringing time answer in the order of the script's keys.
 */
export type DialScript =
  | { readonly [target: string]: DialOutcome }
  | ((target: DialTarget) => Eventually<DialOutcome | undefined>)

/** How the caller behaves at a `<Record>`. */
export interface RecordScript {
  /** Seconds recorded (`RecordingDuration`). Default 10, capped at `maxLength`. 0: nothing recorded. */
  duration?: number
  /** The key that ends the recording (`Digits`); must be one of the verb's `finishOnKey`. */
  key?: string
  /** The caller hangs up to end the recording: `Digits=hangup`, and the call ends. */
  hangup?: boolean
  /** `TranscriptionText` for a `transcribeCallback`. Default empty. */
  transcription?: string
}

/** What happens to a caller in an `<Enqueue>` queue (or, for `<Dial><Queue>`, who waits in it). */
export interface QueueScript {
  /**
   * How the wait ends unless the wait document says `<Leave/>` or `<Hangup/>`. Default `bridged`
   * (an agent dequeues the caller). `queue-full`, `error` and `system-error` end it before any wait.
   */
  result?: 'bridged' | 'hangup' | 'queue-full' | 'error' | 'system-error'
  /** How many times the `waitUrl` document runs. Default 1. */
  waits?: number
  /** `QueuePosition` sent to the wait document. Default 1. */
  position?: number
  /** Seconds each wait adds to `QueueTime` (0 for the first). Default 30. */
  secondsPerWait?: number
  /** Seconds connected to the agent when bridged. Default 30. */
  duration?: number
  /** `<Dial><Queue>`: seconds the dequeued caller had waited (`QueueTime` of the noun's `url`). Default 0. */
  queueTime?: number
  /** `<Dial><Queue>`: the dequeued caller's number (`From` of the noun's `url` request). */
  from?: string
}

/** Queue behaviour by queue name (`'*'` for any other), or a function of the name. */
export type QueueScripts =
  | { readonly [queue: string]: QueueScript }
  | ((queue: string) => Eventually<QueueScript | undefined>)

/** Someone else in a `<Conference>`: when they join and leave, and their participant flags. */
export interface ConferenceParticipantScript {
  /** How the transcript names them. Default `participant 1`, `participant 2`, ... */
  label?: string
  /** Seconds after the caller joined. Default 0. */
  joinAt?: number
  /** Seconds after the caller joined; absent: stays until the conference ends. */
  leaveAt?: number
  /** Default `true`, as Twilio's. */
  startConferenceOnEnter?: boolean
  /** Default `false`, as Twilio's. */
  endConferenceOnExit?: boolean
}

/** What happens in a conference room. */
export interface ConferenceScript {
  /**
   * The other participants. Default: one moderator who is there already and ends the conference
   * after 30 s (`{ joinAt: 0, leaveAt: 30, endConferenceOnExit: true }`).
   */
  participants?: readonly ConferenceParticipantScript[]
  /** Seconds after joining at which the caller hangs up, if the conference has not ended by then. */
  callerLeavesAt?: number
}

/** Conference behaviour by room name (`'*'` for any other), or a function of the name. */
export type ConferenceScripts =
  | { readonly [name: string]: ConferenceScript }
  | ((name: string) => Eventually<ConferenceScript | undefined>)

/** How a `<Pay>` ends. */
export interface PayScript {
  /** `Result`. Default `success`. */
  result?: PayResult
  /** The card the caller enters (sent masked). Default a Visa test number. */
  cardNumber?: string
  /** `PaymentCardType`. Default from the number (`visa`, `mastercard`, `amex`, ...). */
  cardType?: string
  /** `ExpirationDate` (MMYY). Default `1230`. */
  expirationDate?: string
  /** Seconds the caller takes. Default 30. */
  duration?: number
}

/** How a `<Refer>` ends. */
export interface ReferScript {
  /** `ReferCallStatus`. Default `in-progress`: the transfer target took the call. */
  status?: ReferStatus
  /** `ReferSipResponseCode`: the answer to the REFER. Default 202; another code rejects it (no NOTIFY follows). */
  sipResponseCode?: number
  /** `NotifySipResponseCode`: the target's answer, from the NOTIFY. Default 200, or by status 486 (busy), 487 (no-answer, canceled), 503 (failed). */
  notifySipResponseCode?: number
  /** Seconds the transfer takes. Default 5. */
  duration?: number
}

/**
 * The caller's side of a `<Connect><ConversationRelay>` session, turn by turn. Each turn waits for
 * the app's answer (its `text` tokens up to `last: true`) before the next.
 */
export interface RelayScript {
  /**
   * The caller's turns, in order: a string is an utterance (sent as a `prompt`, with partial
   * prompts first when `partialPrompts` is on), or an input the session takes — `{ kind: 'press',
   * digits }` (`dtmf`), `{ kind: 'interrupt', text? }`, `{ kind: 'advance', seconds }` (time
   * passes before the next turn), `{ kind: 'hangup' }`.
   */
  turns?: readonly (string | CallInput)[]
  /**
   * Once the turns are used up and the session still runs, the caller hangs up. Default `false`:
   * the call waits for the controller (`simulateCall` resolves there).
   */
  hangup?: boolean
}

/** The caller's side of a `<Connect><Stream>` (bidirectional Media Stream). */
export interface StreamScript {
  /**
   * In order: audio (`{ kind: 'audio', silenceMs }` or `{ kind: 'audio', wav }`, a WAV file in
   * base64), keys (`press`), time passing (`advance`: the app's audio plays and its marks come
   * back), `hangup`.
   */
  turns?: readonly CallInput[]
  /** Once the turns are used up, the caller hangs up (Twilio sends `stop`). Default `false`: wait for the controller. */
  hangup?: boolean
}

/** Options of {@link simulateCall} and `startCall`. */
export interface SimulateCallOptions {
  /** The voice URL of the called number: a path (`/voice`) on `baseUrl`, or an absolute URL. */
  url: string
  /** HTTP method of the first request. Default `POST`. */
  method?: 'GET' | 'POST'
  /** The caller (`From`). Default `+15017122661`. */
  from?: string
  /** The number called (`To`). Default `+15558675310`. */
  to?: string
  /**
   * More call parameters, sent with every request of the call as Twilio does (`CallerName`,
   * `FromCity`, `SipHeader_X-…`). They are left out of the transcript's request lines.
   */
  params?: Readonly<Record<string, string>>
  /**
   * Signs every request with this auth token (`X-Twilio-Signature`), so apps behind signature
   * validation are tested as deployed. Without it requests are unsigned.
   */
  authToken?: string
  /**
   * Where the app is reached, the origin Twilio would call (must match what the app validates
   * signatures against). Default `http://localhost`, or the origin of an absolute `url`.
   */
  baseUrl?: string
  /** `Direction` of the call. Default `inbound`. */
  direction?: CallDirection
  /** `AccountSid`. Default `AC` and 32 zeros. */
  accountSid?: string
  /** `CallSid` of the call. Default a deterministic `CA…`. */
  callSid?: string
  /** Dial outcomes. Unscripted parties answer after 5 s and talk for 30 s. */
  dial?: DialScript
  /**
   * The caller's recordings: one script for every `<Record>`, or a function of the count (from 0),
   * which may return a Promise.
   */
  record?: RecordScript | ((index: number) => Eventually<RecordScript | undefined>)
  /** Queue behaviour. Unscripted queues run the wait document once, then an agent answers. */
  queue?: QueueScripts
  /** Conference rooms. Unscripted rooms have a moderator who is there already and ends it after 30 s. */
  conference?: ConferenceScripts
  /** `<Pay>` outcomes: one for every Pay, or a function of the count (from 0). Default success. */
  pay?: PayScript | ((index: number) => Eventually<PayScript | undefined>)
  /** `<Refer>` outcomes: one for every Refer, or a function of its target. Default: the target takes the call. */
  refer?: ReferScript | ((target: string) => Eventually<ReferScript | undefined>)
  /**
   * The caller in each `<Connect><ConversationRelay>` session: one script for every session, or a
   * function of the count (from 0). Unscripted, the session waits for the controller's turns.
   */
  relay?: RelayScript | ((index: number) => Eventually<RelayScript | undefined>)
  /** The caller in each `<Connect><Stream>`: one script for every stream, or a function of the count. */
  stream?: StreamScript | ((index: number) => Eventually<StreamScript | undefined>)
  /**
   * Apps that serve `<ConversationRelay url>` / `<Stream url>` sockets on other hosts, by origin
   * (`wss://media.example.com`). The app under test serves those on its own origin; any other is
   * not opened (a warning), and the session is taken to end at once.
   */
  socketApps?: { readonly [origin: string]: SimulatorApp }
  /**
   * Real milliseconds the simulator waits for an app's socket to answer a prompt, or to finish a
   * turn it began (`last: true`), before it goes on with a warning — never a hang. Default 2000.
   */
  socketTimeoutMs?: number
  /**
   * Decides any wait the scripts above leave open — the one place an explorer or a UI can answer
   * every wait (a Promise may settle later). Return `undefined` to leave it to the script defaults
   * (`simulateCall`) or to the controller (`startCall`).
   */
  decide?: (waiting: WaitingFor) => Eventually<CallInput | undefined>
  /** Called synchronously with every event as it happens (`call.now` is its virtual time). */
  onEvent?: (event: CallEvent) => void
  /**
   * Most TwiML requests to the app between two inputs of the caller (a redirect loop never waits
   * for input); callbacks do not count. Default 50.
   */
  maxRequests?: number
  /** The time of the first request, for `Timestamp` parameters. Default 2025-01-01T00:00:00Z. */
  startTime?: Date
}
