/**
 * An offline call-flow simulator: drives a Hono app (or anything with `request()` or `fetch()`)
 * the way Twilio drives a call, without a network, and records what the caller experiences.
 *
 * ```ts
 * const call = await simulateCall(app, { url: '/ivr', authToken: DEV_AUTH_TOKEN })
 * await call.press('2')
 * expect(call.transcript()).toMatchInlineSnapshot()
 * ```
 *
 * Simulated: Say, Play, Pause, Gather (press, speak, silence, actionOnEmptyResult), Dial with every
 * noun (scripted outcomes, sequential and parallel, timeout, screening documents, action, status
 * callbacks), Record (action, recording status and transcription callbacks), Redirect, Hangup,
 * Reject, Enqueue (wait documents, Leave, scripted result, action), Leave. Recorded and stepped
 * over: Start, Stop, Sms (its action is requested). Connect is recorded and taken to end at once
 * (then its action or the next verb); Echo ends the call. Pay and Refer throw "not simulated".
 */
import type { CallDirection, CallStatus, DialCallStatus } from '../webhook/params.js'
import { signTwilioRequest } from '../webhook/sign.js'
import {
  type CallEvent,
  type CallLeg,
  type EventPosition,
  formatTranscript,
  type RequestKind,
  type SimulatedRequest,
  spokenText,
} from './events.js'
import { attribute, childElements, parseXml, textContent, type XmlElement, XmlParseError } from './xml.js'

/** What the simulator can drive: a Hono app (`app.request`), an object with `fetch`, or a fetch function. */
export type SimulatorApp =
  | { request(input: Request, init?: RequestInit): Response | Promise<Response> }
  | { fetch(request: Request): Response | Promise<Response> }
  | ((request: Request) => Response | Promise<Response>)

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
 * then without headers, then without URI parameters; `'*'` for any other), or a function.
 * Unscripted targets answer. In a parallel `<Dial>`, parties that answer after the same ringing
 * time answer in the order of the script's keys.
 */
export type DialScript = { readonly [target: string]: DialOutcome } | ((target: DialTarget) => DialOutcome | undefined)

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

/** What happens to a caller in an `<Enqueue>` queue. */
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
}

/** Queue behaviour by queue name (`'*'` for any other), or a function of the name. */
export type QueueScripts = { readonly [queue: string]: QueueScript } | ((queue: string) => QueueScript | undefined)

/** Options of {@link simulateCall}. */
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
  /** The caller's recordings: one script for every `<Record>`, or a function of the count (from 0). */
  record?: RecordScript | ((index: number) => RecordScript)
  /** Queue behaviour. Unscripted queues run the wait document once, then an agent answers. */
  queue?: QueueScripts
  /**
   * Most TwiML requests to the app between two inputs of the caller (a redirect loop never waits
   * for input); callbacks do not count. Default 50.
   */
  maxRequests?: number
  /** The time of the first request, for `Timestamp` parameters. Default 2025-01-01T00:00:00Z. */
  startTime?: Date
}

/** A simulated call went somewhere Twilio would fail, or the test asked for something impossible. */
export class CallSimulationError extends Error {
  override name = 'CallSimulationError'
  constructor(
    message: string,
    /** The request that failed, when a request did. */
    readonly request?: SimulatedRequest,
  ) {
    super(message)
  }
}

/** The `<Gather>` a call is waiting at. */
export interface PendingGather {
  readonly input: readonly string[]
  readonly numDigits?: number
  readonly finishOnKey: string
  readonly actionOnEmptyResult: boolean
  readonly method: 'GET' | 'POST'
  /** The absolute action URL (the document's own URL when the Gather has no `action`). */
  readonly action: string
}

// --- internal state ---------------------------------------------------------------------------

interface Leg {
  readonly name: CallLeg
  /** Depth of this leg's request lines in the transcript; its verbs are one deeper. */
  readonly depth: number
  /** Standard parameters, in Twilio's order, without CallStatus. */
  readonly base: Readonly<Record<string, string>>
  status: CallStatus
  /** The callee's scripted input, used at the first Gather of a screening document. */
  input?: { press?: string; speak?: string; confidence?: number } | undefined
}

interface Doc {
  readonly url: string
  readonly verbs: readonly XmlElement[]
  index: number
}

type Step =
  | { readonly kind: 'next' }
  | {
      readonly kind: 'goto'
      readonly request: RequestKind
      readonly method: 'GET' | 'POST'
      readonly url: string
      readonly params: Readonly<Record<string, string>>
    }
  | { readonly kind: 'ended'; readonly reason: string }
  | { readonly kind: 'waiting' }

type RunOutcome = { readonly kind: 'ended'; readonly reason: string } | { readonly kind: 'waiting' }

interface Waiting {
  readonly leg: Leg
  readonly doc: Doc
  readonly gather: PendingGather
  readonly depth: number
}

interface Noun {
  readonly tag: string
  readonly element: XmlElement | undefined
  readonly target: string
  readonly address: string
  readonly index: number
}

interface Plan {
  readonly answers: boolean
  readonly status: 'busy' | 'no-answer' | 'failed'
  readonly sipCode: number | undefined
  readonly ringFor: number
  readonly duration: number
  readonly press?: string | undefined
  readonly speak?: string | undefined
  readonly confidence?: number | undefined
}

interface Attempt {
  readonly noun: Noun
  readonly plan: Plan
  readonly rank: number
  readonly sid: string
  readonly sipCallId: string | undefined
  readonly base: Readonly<Record<string, string>>
  readonly callbacks: { url: string; method: 'GET' | 'POST'; events: ReadonlySet<string> } | undefined
  sequence: number
  /** How it ended for the caller. */
  result?: 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled'
}

const DEFAULT_RING = 5
const DEFAULT_TALK = 30
const DEFAULT_RECORDING = 10
const API_VERSION = '2010-04-01'
const DIAL_NOUNS = new Set(['Number', 'Client', 'Sip', 'Conference', 'Queue', 'Sim', 'Application', 'WhatsApp'])
const PROMPTS = new Set(['Say', 'Play', 'Pause'])
const SIP_DEFAULT_CODES = { answer: 200, busy: 486, 'no-answer': 487, failed: 503 } as const

function sipStatus(code: number): 'answer' | 'busy' | 'no-answer' | 'failed' {
  if (code >= 200 && code < 300) return 'answer'
  if (code === 486 || code === 600 || code === 603) return 'busy'
  if (code === 408 || code === 480 || code === 487) return 'no-answer'
  return 'failed'
}

function integer(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback
  const n = Number(value)
  return Number.isFinite(n) ? Math.trunc(n) : fallback
}

function methodOf(value: string | undefined): 'GET' | 'POST' {
  return value?.toUpperCase() === 'GET' ? 'GET' : 'POST'
}

function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat
}

/** The simulated call: what happened so far, and the caller's next move. */
export class SimulatedCall {
  /** Everything that happened, in order. */
  readonly events: CallEvent[] = []
  /** Every request Twilio would have made, in order: TwiML fetches and callbacks. */
  readonly requests: SimulatedRequest[] = []
  /** The call's `CallSid`. */
  readonly sid: string

  private readonly app: SimulatorApp
  private readonly options: SimulateCallOptions
  private readonly origin: string
  private readonly caller: Leg
  private readonly hidden: ReadonlySet<string>
  private readonly start: number
  private waiting: Waiting | undefined
  private reason: string | undefined
  private counter = 0
  private clock = 0
  private stepRequests = 0
  private records = 0

  /** Use {@link simulateCall}. */
  constructor(app: SimulatorApp, options: SimulateCallOptions) {
    this.app = app
    this.options = options
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(options.url)
    this.origin = new URL(options.baseUrl ?? (absolute ? options.url : 'http://localhost')).origin
    this.start = (options.startTime ?? new Date('2025-01-01T00:00:00Z')).getTime()
    this.sid = options.callSid ?? this.newSid('CA')
    this.hidden = new Set(Object.keys(options.params ?? {}))
    this.caller = {
      name: 'caller',
      depth: 0,
      base: {
        CallSid: this.sid,
        AccountSid: this.accountSid,
        From: options.from ?? '+15017122661',
        To: options.to ?? '+15558675310',
        Direction: options.direction ?? 'inbound',
        ApiVersion: API_VERSION,
        ...options.params,
      },
      status: 'ringing',
    }
  }

  /** True once the call has ended. */
  get ended(): boolean {
    return this.reason !== undefined
  }

  /** Why the call ended (`hangup`, `end of document`, `caller hung up`, ...); `undefined` while it runs. */
  get endReason(): string | undefined {
    return this.reason
  }

  /** The `<Gather>` the call is waiting at, if it is. */
  get gather(): PendingGather | undefined {
    return this.waiting?.gather
  }

  /** The readable transcript: requests with the parameters that matter, and what the caller hears and does. */
  transcript(): string {
    const text = formatTranscript(this.events, this.hidden)
    return this.waiting === undefined ? text : `${text}\n${'  '.repeat(this.waiting.depth)}… waiting for input`
  }

  /** The requests to a path (`/sip/after-dial`) or absolute URL, in order. */
  requestsTo(pathOrUrl: string): SimulatedRequest[] {
    return this.requests.filter((r) => r.path === pathOrUrl || r.url === pathOrUrl)
  }

  /** The caller presses keys at the waiting `<Gather>`: `Digits` (and `FinishedOnKey`) go to its action. */
  async press(digits: string): Promise<this> {
    const waiting = this.waitingFor(`press('${digits}')`)
    const { gather } = waiting
    if (!gather.input.includes('dtmf')) {
      throw new CallSimulationError(`press('${digits}'): the <Gather> takes ${gather.input.join(', ')}, not dtmf`)
    }
    if (!/^[0-9*#]+$/.test(digits)) {
      throw new CallSimulationError(`press('${digits}'): keys are 0-9, * and #`)
    }
    let keys = digits
    let finishedOnKey: string | undefined
    const last = digits[digits.length - 1]!
    if (gather.finishOnKey !== '' && gather.finishOnKey.includes(last)) {
      keys = digits.slice(0, -1)
      finishedOnKey = last
    }
    for (const key of keys) {
      if (gather.finishOnKey.includes(key)) {
        throw new CallSimulationError(`press('${digits}'): ${key} ends the input (finishOnKey); it can only come last`)
      }
    }
    if (gather.numDigits !== undefined && keys.length > gather.numDigits) {
      throw new CallSimulationError(
        `press('${digits}'): the <Gather> ends after numDigits=${gather.numDigits}; press at most ${gather.numDigits}`,
      )
    }
    this.waiting = undefined
    this.push(waiting, { type: 'input', digits })
    const params: Record<string, string> = { Digits: keys }
    if (finishedOnKey !== undefined) params.FinishedOnKey = finishedOnKey
    await this.resume(waiting.leg, {
      kind: 'goto',
      request: 'gather-action',
      method: gather.method,
      url: gather.action,
      params,
    })
    return this
  }

  /** The caller speaks at the waiting `<Gather>`: `SpeechResult` and `Confidence` go to its action. */
  async speak(text: string, confidence = 0.9): Promise<this> {
    const waiting = this.waitingFor(`speak(${JSON.stringify(text)})`)
    if (!waiting.gather.input.includes('speech')) {
      throw new CallSimulationError(
        `speak(${JSON.stringify(text)}): the <Gather> takes ${waiting.gather.input.join(', ')}, not speech`,
      )
    }
    this.waiting = undefined
    this.push(waiting, { type: 'input', speech: text, confidence: String(confidence) })
    await this.resume(waiting.leg, {
      kind: 'goto',
      request: 'gather-action',
      method: waiting.gather.method,
      url: waiting.gather.action,
      params: { SpeechResult: text, Confidence: String(confidence) },
    })
    return this
  }

  /**
   * The caller gives no input: the call goes on with the verb after the `<Gather>`, or, with
   * `actionOnEmptyResult`, requests the action with empty `Digits`.
   */
  async silence(): Promise<this> {
    const waiting = this.waitingFor('silence()')
    this.waiting = undefined
    this.push(waiting, { type: 'input', silence: true })
    const { gather } = waiting
    if (gather.actionOnEmptyResult) {
      await this.resume(waiting.leg, {
        kind: 'goto',
        request: 'gather-action',
        method: gather.method,
        url: gather.action,
        params: { Digits: '' },
      })
    } else {
      this.stepRequests = 0
      this.finish(waiting.leg, await this.run(waiting.leg, waiting.doc))
    }
    return this
  }

  /** The caller hangs up at the waiting `<Gather>`; the call ends, no action is requested. */
  async hangup(): Promise<this> {
    const waiting = this.waitingFor('hangup()')
    this.waiting = undefined
    this.push(waiting, { type: 'input', hangup: true })
    this.finish(waiting.leg, { kind: 'ended', reason: 'caller hung up' })
    return this
  }

  /** @internal Makes the first request and runs until the call waits or ends. */
  async begin(): Promise<this> {
    const url = this.absolute(this.options.url, `${this.origin}/`)
    await this.resume(this.caller, {
      kind: 'goto',
      request: 'call',
      method: this.options.method ?? 'POST',
      url,
      params: {},
    })
    return this
  }

  // --- running documents ----------------------------------------------------------------------

  /** The Gather the call waits at; the input methods clear it once they have checked their input. */
  private waitingFor(what: string): Waiting {
    const waiting = this.waiting
    if (waiting === undefined) {
      throw new CallSimulationError(
        this.ended
          ? `${what}: the call has ended (${this.endReason}); it is not waiting for input`
          : `${what}: the call is not waiting at a <Gather>`,
      )
    }
    return waiting
  }

  private async resume(leg: Leg, step: Step & { kind: 'goto' }): Promise<void> {
    this.stepRequests = 0
    const doc = await this.fetchDocument(leg, step)
    this.finish(leg, await this.run(leg, doc))
  }

  private finish(leg: Leg, outcome: RunOutcome): void {
    if (outcome.kind === 'waiting') return
    leg.status = 'completed'
    this.reason = outcome.reason
    this.events.push({ leg: leg.name, depth: 0, type: 'end', reason: outcome.reason })
  }

  private async run(leg: Leg, doc: Doc): Promise<RunOutcome> {
    let current = doc
    for (;;) {
      const verb = current.verbs[current.index]
      if (verb === undefined) return { kind: 'ended', reason: 'end of document' }
      current.index++
      const step = await this.verb(leg, current, verb)
      if (step.kind === 'next') continue
      if (step.kind === 'goto') {
        current = await this.fetchDocument(leg, step)
        continue
      }
      return step
    }
  }

  private push(at: EventPosition | Waiting, event: DistributiveOmit<CallEvent, 'leg' | 'depth'>): void {
    const position = 'gather' in at ? { leg: at.leg.name, depth: at.depth } : at
    this.events.push({ ...position, ...event } as CallEvent)
  }

  private async verb(leg: Leg, doc: Doc, verb: XmlElement): Promise<Step> {
    const at: EventPosition = { leg: leg.name, depth: leg.depth + 1 }
    switch (verb.name) {
      case 'Say':
      case 'Play':
      case 'Pause': {
        const loop = this.prompt(at, verb)
        return loop === 0
          ? { kind: 'ended', reason: `<${verb.name} loop="0"> repeats until the caller hangs up` }
          : { kind: 'next' }
      }
      case 'Gather':
        return this.runGather(leg, doc, verb, at)
      case 'Dial':
        return this.dial(leg, doc, verb, at)
      case 'Record':
        return this.record(leg, doc, verb, at)
      case 'Redirect': {
        const method = methodOf(attribute(verb, 'method'))
        const url = this.absolute(textContent(verb).trim(), doc.url, '<Redirect>')
        this.push(at, { type: 'redirect', method, url: this.display(url) })
        return { kind: 'goto', request: 'redirect', method, url, params: {} }
      }
      case 'Hangup':
        this.push(at, { type: 'hangup' })
        return { kind: 'ended', reason: 'hangup' }
      case 'Reject': {
        const reason = attribute(verb, 'reason') ?? 'rejected'
        this.push(at, { type: 'reject', reason })
        return { kind: 'ended', reason: `rejected (${reason})` }
      }
      case 'Enqueue':
        return this.enqueue(leg, doc, verb, at)
      case 'Leave':
        // Outside a queue's wait document there is nothing to leave; Twilio goes on.
        this.push(at, { type: 'leave' })
        return { kind: 'next' }
      case 'Connect': {
        this.notOnCallee(leg, verb)
        this.push(at, { type: 'connect', targets: childElements(verb).map(describeElement) })
        const action = attribute(verb, 'action')
        if (action === undefined) return { kind: 'next' }
        const url = this.absolute(action, doc.url, '<Connect action>')
        return { kind: 'goto', request: 'connect-action', method: methodOf(attribute(verb, 'method')), url, params: {} }
      }
      case 'Start':
      case 'Stop':
        this.push(at, { type: 'verb', tag: verb.name, detail: childElements(verb).map(describeElement).join(', ') })
        return { kind: 'next' }
      case 'Echo':
        this.push(at, { type: 'verb', tag: 'Echo', detail: '' })
        return { kind: 'ended', reason: '<Echo> runs until the caller hangs up' }
      case 'Sms': {
        const to = attribute(verb, 'to') ?? this.caller.base.From ?? ''
        this.push(at, { type: 'verb', tag: 'Sms', detail: `to ${to}: ${JSON.stringify(textContent(verb).trim())}` })
        const action = attribute(verb, 'action')
        if (action === undefined) return { kind: 'next' }
        const url = this.absolute(action, doc.url, '<Sms action>')
        const params = { SmsSid: this.newSid('SM'), SmsStatus: 'sent' }
        return { kind: 'goto', request: 'sms-action', method: methodOf(attribute(verb, 'method')), url, params }
      }
      case 'Pay':
      case 'Refer':
        throw new CallSimulationError(`<${verb.name}> is not simulated (at ${this.display(doc.url)})`)
      default:
        throw new CallSimulationError(`<${verb.name}> in ${this.display(doc.url)} is not a TwiML voice verb`)
    }
  }

  /** Say, Play or Pause: records what is heard; returns the loop count. */
  private prompt(at: EventPosition, verb: XmlElement): number {
    const loop = integer(attribute(verb, 'loop'), 1)
    if (verb.name === 'Say') {
      const voice = attribute(verb, 'voice')
      const language = attribute(verb, 'language')
      this.push(at, {
        type: 'say',
        text: spokenText(verb),
        loop,
        ...(voice === undefined ? {} : { voice }),
        ...(language === undefined ? {} : { language }),
      })
    } else if (verb.name === 'Play') {
      const digits = attribute(verb, 'digits')
      if (digits !== undefined) this.push(at, { type: 'play', digits, loop })
      else this.push(at, { type: 'play', url: textContent(verb).trim(), loop })
    } else {
      const seconds = integer(attribute(verb, 'length'), 1)
      this.clock += seconds
      this.push(at, { type: 'pause', seconds })
      return 1
    }
    return loop
  }

  private async runGather(leg: Leg, doc: Doc, verb: XmlElement, at: EventPosition): Promise<Step> {
    const numDigits = attribute(verb, 'numDigits')
    const gather: PendingGather = {
      input: (attribute(verb, 'input') ?? 'dtmf').split(/\s+/).filter(Boolean),
      ...(numDigits === undefined ? {} : { numDigits: integer(numDigits, 1) }),
      finishOnKey: attribute(verb, 'finishOnKey') ?? '#',
      actionOnEmptyResult: attribute(verb, 'actionOnEmptyResult') === 'true',
      method: methodOf(attribute(verb, 'method')),
      action: this.absolute(attribute(verb, 'action') ?? doc.url, doc.url, '<Gather action>'),
    }
    this.push(at, {
      type: 'gather',
      input: gather.input,
      ...(gather.numDigits === undefined ? {} : { numDigits: gather.numDigits }),
      finishOnKey: gather.finishOnKey,
      timeout: integer(attribute(verb, 'timeout'), 5),
      method: gather.method,
      action: this.display(gather.action),
    })
    const inner: EventPosition = { leg: leg.name, depth: at.depth + 1 }
    for (const prompt of childElements(verb)) {
      if (!PROMPTS.has(prompt.name)) {
        throw new CallSimulationError(`<Gather> in ${this.display(doc.url)} holds <${prompt.name}>`)
      }
      this.prompt(inner, prompt)
    }
    if (leg.name === 'caller') {
      this.waiting = { leg, doc, gather, depth: inner.depth }
      return { kind: 'waiting' }
    }
    // The called party's input is scripted; it answers the first Gather it meets.
    const input = leg.input
    leg.input = undefined
    const goto = (params: Record<string, string>): Step => ({
      kind: 'goto',
      request: 'gather-action',
      method: gather.method,
      url: gather.action,
      params,
    })
    if (input?.press !== undefined) {
      this.push(inner, { type: 'input', digits: input.press })
      return goto({ Digits: input.press })
    }
    if (input?.speak !== undefined) {
      const confidence = String(input.confidence ?? 0.9)
      this.push(inner, { type: 'input', speech: input.speak, confidence })
      return goto({ SpeechResult: input.speak, Confidence: confidence })
    }
    this.push(inner, { type: 'input', silence: true })
    return gather.actionOnEmptyResult ? goto({ Digits: '' }) : { kind: 'next' }
  }

  private recordScript(): RecordScript {
    const script = this.options.record
    const index = this.records++
    if (typeof script === 'function') return (script as (index: number) => RecordScript)(index) ?? {}
    return script ?? {}
  }

  private async record(leg: Leg, doc: Doc, verb: XmlElement, at: EventPosition): Promise<Step> {
    const finishOnKey = attribute(verb, 'finishOnKey') ?? '1234567890*#'
    const maxLength = integer(attribute(verb, 'maxLength'), 3600)
    const transcribe = attribute(verb, 'transcribe') === 'true'
    this.push(at, { type: 'record', maxLength, finishOnKey, beep: attribute(verb, 'playBeep') !== 'false', transcribe })
    const script = this.recordScript()
    if (script.key !== undefined && (script.key.length !== 1 || !finishOnKey.includes(script.key))) {
      throw new CallSimulationError(
        `record script key "${script.key}" does not end this <Record> (finishOnKey "${finishOnKey}")`,
      )
    }
    const seconds = Math.max(0, Math.min(script.duration ?? DEFAULT_RECORDING, maxLength))
    const inner: EventPosition = { leg: leg.name, depth: at.depth + 1 }
    this.push(inner, {
      type: 'recorded',
      seconds,
      ...(script.key === undefined ? {} : { key: script.key }),
      ...(script.hangup ? { hangup: true } : {}),
    })
    this.clock += seconds
    const statusCallback = attribute(verb, 'recordingStatusCallback')
    const statusEvents = new Set((attribute(verb, 'recordingStatusCallbackEvent') ?? 'completed').split(/\s+/))
    const statusMethod = methodOf(attribute(verb, 'recordingStatusCallbackMethod'))
    const common = { AccountSid: this.accountSid, CallSid: leg.base.CallSid ?? this.sid }
    if (seconds === 0) {
      // An empty recording: Twilio skips the action and goes on with the next verb.
      if (statusCallback !== undefined && statusEvents.has('absent')) {
        await this.callback(inner, 'recording-status-callback', statusMethod, this.absolute(statusCallback, doc.url), {
          ...common,
          RecordingStatus: 'absent',
          RecordingSource: 'RecordVerb',
          Timestamp: this.timestamp(),
        })
      }
      return { kind: 'next' }
    }
    const recordingSid = this.newSid('RE')
    const recordingUrl = `https://api.twilio.com/${API_VERSION}/Accounts/${this.accountSid}/Recordings/${recordingSid}`
    const recording = { RecordingSid: recordingSid, RecordingUrl: recordingUrl, RecordingDuration: String(seconds) }
    if (statusCallback !== undefined && statusEvents.has('completed')) {
      await this.callback(inner, 'recording-status-callback', statusMethod, this.absolute(statusCallback, doc.url), {
        ...common,
        ...recording,
        RecordingStatus: 'completed',
        RecordingChannels: '1',
        RecordingSource: 'RecordVerb',
        Timestamp: this.timestamp(),
      })
    }
    const transcribeCallback = attribute(verb, 'transcribeCallback')
    if (transcribe && transcribeCallback !== undefined) {
      const transcriptionSid = this.newSid('TR')
      await this.callback(inner, 'transcribe-callback', 'POST', this.absolute(transcribeCallback, doc.url), {
        ...this.params(leg),
        TranscriptionSid: transcriptionSid,
        TranscriptionText: script.transcription ?? '',
        TranscriptionStatus: 'completed',
        TranscriptionUrl: `https://api.twilio.com/${API_VERSION}/Accounts/${this.accountSid}/Transcriptions/${transcriptionSid}`,
        RecordingSid: recordingSid,
        RecordingUrl: recordingUrl,
      })
    }
    const params: Record<string, string> = { ...recording }
    if (script.hangup) params.Digits = 'hangup'
    else if (script.key !== undefined) params.Digits = script.key
    const method = methodOf(attribute(verb, 'method'))
    const url = this.absolute(attribute(verb, 'action') ?? doc.url, doc.url, '<Record action>')
    if (script.hangup) {
      // Twilio still requests the action, but the call is over: its TwiML is not run.
      leg.status = 'completed'
      await this.send(leg, 'record-action', method, url, { ...this.params(leg), ...params }, leg.depth, false)
      return { kind: 'ended', reason: 'caller hung up' }
    }
    return { kind: 'goto', request: 'record-action', method, url, params }
  }

  // --- Dial ------------------------------------------------------------------------------------

  private nouns(verb: XmlElement): Noun[] {
    const elements = childElements(verb)
    if (elements.length === 0) {
      const text = textContent(verb).trim()
      return text === '' ? [] : [{ tag: 'Number', element: undefined, target: text, address: text, index: 0 }]
    }
    return elements.map((element, index) => {
      if (!DIAL_NOUNS.has(element.name)) throw new CallSimulationError(`<Dial> holds <${element.name}>, not a noun`)
      const inner = childElements(element)
      const named =
        inner.find((e) => e.name === 'Uri' || e.name === 'Identity' || e.name === 'ApplicationSid') ?? element
      const target = (named === element ? textContent(element) : textContent(named)).trim()
      const address = element.name === 'Sip' ? target.replace(/[?;].*$/, '') : target
      return { tag: element.name, element, target, address, index }
    })
  }

  private plan(noun: Noun, timeout: number): { plan: Plan; rank: number } {
    const script = this.options.dial
    let outcome: DialOutcome | undefined
    let rank = Number.POSITIVE_INFINITY
    if (typeof script === 'function') {
      outcome = script({ noun: noun.tag, target: noun.target, address: noun.address, index: noun.index })
    } else if (script !== undefined) {
      const keys = Object.keys(script)
      const withoutHeaders = noun.target.replace(/\?.*$/, '')
      for (const key of [noun.target, withoutHeaders, noun.address, '*']) {
        if (Object.hasOwn(script, key)) {
          outcome = script[key]
          rank = key === '*' ? rank : keys.indexOf(key)
          break
        }
      }
    }
    const sip = noun.tag === 'Sip'
    const o: DialOutcomeScript =
      outcome === undefined || outcome === 'answer'
        ? {}
        : typeof outcome === 'string'
          ? { status: outcome }
          : typeof outcome === 'number'
            ? { sipResponseCode: outcome }
            : outcome
    const fromCode = o.sipResponseCode === undefined ? undefined : sipStatus(o.sipResponseCode)
    let answers = o.answer ?? (o.status === undefined && (fromCode === undefined || fromCode === 'answer'))
    let status = o.status ?? (fromCode === undefined || fromCode === 'answer' ? 'no-answer' : fromCode)
    // A missed call rings until the timeout, unless a SIP response other than a timeout ended it (480).
    const timedOut = o.sipResponseCode === undefined || o.sipResponseCode === 408 || o.sipResponseCode === 487
    let ringFor = o.ringFor ?? (answers ? DEFAULT_RING : status === 'no-answer' && timedOut ? timeout : 0)
    let sipCode = o.sipResponseCode ?? SIP_DEFAULT_CODES[answers ? 'answer' : status]
    if (answers && ringFor > timeout) {
      // Rang longer than the Dial waits: Twilio cancels the INVITE (487).
      answers = false
      status = 'no-answer'
      ringFor = timeout
      sipCode = SIP_DEFAULT_CODES['no-answer']
    }
    if (!answers && status === 'no-answer') ringFor = Math.min(ringFor, timeout)
    return {
      plan: {
        answers,
        status,
        sipCode: sip ? sipCode : undefined,
        ringFor,
        duration: o.duration ?? DEFAULT_TALK,
        press: o.press,
        speak: o.speak,
        confidence: o.confidence,
      },
      rank,
    }
  }

  private async statusCallback(
    attempt: Attempt,
    at: EventPosition,
    event: 'initiated' | 'ringing' | 'answered' | 'completed',
    callStatus: CallStatus,
    extra: Record<string, string> = {},
  ): Promise<void> {
    const callbacks = attempt.callbacks
    if (callbacks === undefined || !callbacks.events.has(event)) return
    await this.callback(at, 'status-callback', callbacks.method, callbacks.url, {
      ...attempt.base,
      CallStatus: callStatus,
      ...extra,
      SequenceNumber: String(attempt.sequence++),
      CallbackSource: 'call-progress-events',
      Timestamp: this.timestamp(),
    })
  }

  private legEvent(at: EventPosition, attempt: Attempt, outcome: Attempt['result'] | 'answered', rang: number): void {
    this.push(at, {
      type: 'dial-leg',
      noun: attempt.noun.tag,
      target: short(attempt.noun.target),
      outcome: outcome === 'completed' || outcome === undefined ? 'answered' : outcome,
      rang,
      ...(attempt.plan.sipCode === undefined
        ? {}
        : { sipResponseCode: outcome === 'canceled' ? SIP_DEFAULT_CODES['no-answer'] : attempt.plan.sipCode }),
    })
  }

  /** Runs the noun's screening document on the called party's leg; true when the call is accepted. */
  private async screen(attempt: Attempt, doc: Doc, at: EventPosition): Promise<boolean> {
    const url = attempt.noun.element === undefined ? undefined : attribute(attempt.noun.element, 'url')
    if (url === undefined || attempt.noun.tag === 'Queue') return true
    const callee: Leg = {
      name: 'callee',
      depth: at.depth + 1,
      base: attempt.base,
      status: 'in-progress',
      input: { press: attempt.plan.press, speak: attempt.plan.speak, confidence: attempt.plan.confidence },
    }
    const method = methodOf(attribute(attempt.noun.element!, 'method'))
    const screening = await this.fetchDocument(callee, {
      kind: 'goto',
      request: 'screening',
      method,
      url: this.absolute(url, doc.url, `<${attempt.noun.tag} url>`),
      params: {},
    })
    const outcome = await this.run(callee, screening)
    // The screening document ending by itself connects the parties; hanging up declines.
    const accepted = outcome.kind === 'ended' && outcome.reason === 'end of document'
    this.push(at, { type: 'screening-result', target: short(attempt.noun.target), accepted })
    return accepted
  }

  private async dial(leg: Leg, doc: Doc, verb: XmlElement, at: EventPosition): Promise<Step> {
    if (leg.name === 'callee') {
      throw new CallSimulationError(`<Dial> in the screening document ${this.display(doc.url)}: Twilio refuses it`)
    }
    const timeout = integer(attribute(verb, 'timeout'), 30)
    const timeLimit = integer(attribute(verb, 'timeLimit'), 14400)
    const sequential = attribute(verb, 'sequential') === 'true'
    const callerId = attribute(verb, 'callerId')
    const nouns = this.nouns(verb)
    if (nouns.length === 0) throw new CallSimulationError(`<Dial> in ${this.display(doc.url)} has nothing to dial`)
    this.push(at, { type: 'dial', targets: nouns.map((n) => n.target), sequential, timeout })
    const legAt: EventPosition = { leg: 'caller', depth: at.depth + 1 }

    const attempts: Attempt[] = nouns.map((noun) => {
      const { plan, rank } = this.plan(noun, timeout)
      const sid = this.newSid('CA')
      const statusCallback = noun.element === undefined ? undefined : attribute(noun.element, 'statusCallback')
      const events = noun.element === undefined ? undefined : attribute(noun.element, 'statusCallbackEvent')
      return {
        noun,
        plan,
        rank,
        sid,
        sipCallId: noun.tag === 'Sip' ? `${sid.slice(2, 18).toLowerCase()}@sip.twiml-jsx.invalid` : undefined,
        base: {
          CallSid: sid,
          AccountSid: this.accountSid,
          From: callerId ?? this.caller.base.From ?? '',
          To: noun.address,
          Direction: 'outbound-dial',
          ApiVersion: API_VERSION,
          ParentCallSid: this.sid,
        },
        callbacks:
          statusCallback === undefined
            ? undefined
            : {
                url: this.absolute(statusCallback, doc.url, `<${noun.tag} statusCallback>`),
                method: methodOf(attribute(noun.element!, 'statusCallbackMethod')),
                events: new Set((events ?? 'completed').split(/\s+/).filter(Boolean)),
              },
        sequence: 0,
      }
    })

    let winner: Attempt | undefined
    const rings = (a: Attempt) => a.plan.answers || a.plan.status === 'no-answer'
    const declined = async (a: Attempt) => {
      a.result = 'no-answer'
      await this.statusCallback(a, legAt, 'completed', 'completed', { CallDuration: '0' })
    }
    if (sequential || attempts.length === 1) {
      for (const a of attempts) {
        await this.statusCallback(a, legAt, 'initiated', 'initiated')
        if (rings(a)) await this.statusCallback(a, legAt, 'ringing', 'ringing')
        this.clock += a.plan.ringFor
        if (!a.plan.answers) {
          a.result = a.plan.status
          this.legEvent(legAt, a, a.result, a.plan.ringFor)
          await this.statusCallback(a, legAt, 'completed', a.plan.status)
          continue
        }
        this.legEvent(legAt, a, 'answered', a.plan.ringFor)
        await this.statusCallback(a, legAt, 'answered', 'in-progress')
        if (await this.screen(a, doc, legAt)) {
          winner = a
          break
        }
        await declined(a)
      }
    } else {
      for (const a of attempts) await this.statusCallback(a, legAt, 'initiated', 'initiated')
      for (const a of attempts) {
        if (rings(a)) continue
        a.result = a.plan.status
        this.legEvent(legAt, a, a.result, 0)
        await this.statusCallback(a, legAt, 'completed', a.plan.status)
      }
      for (const a of attempts) if (rings(a)) await this.statusCallback(a, legAt, 'ringing', 'ringing')
      const answering = attempts
        .filter((a) => a.plan.answers)
        .sort((x, y) => x.plan.ringFor - y.plan.ringFor || x.rank - y.rank || x.noun.index - y.noun.index)
      for (const a of answering) {
        this.legEvent(legAt, a, 'answered', a.plan.ringFor)
        await this.statusCallback(a, legAt, 'answered', 'in-progress')
        if (await this.screen(a, doc, legAt)) {
          winner = a
          break
        }
        await declined(a)
      }
      const rang = winner?.plan.ringFor ?? timeout
      this.clock += rang
      for (const a of attempts) {
        if (a.result !== undefined || a === winner || !rings(a)) continue
        // Still ringing: hung up when another leg is connected, otherwise at the timeout.
        a.result = winner === undefined ? 'no-answer' : 'canceled'
        this.legEvent(legAt, a, a.result, rang)
        await this.statusCallback(a, legAt, 'completed', a.result)
      }
    }

    let status: DialCallStatus
    let reported: Attempt
    let seconds: number | undefined
    if (winner !== undefined) {
      seconds = Math.min(winner.plan.duration, timeLimit)
      this.clock += seconds
      winner.result = 'completed'
      this.push(legAt, { type: 'connected', target: short(winner.noun.target), seconds })
      await this.statusCallback(winner, legAt, 'completed', 'completed', { CallDuration: String(seconds) })
      status = winner.noun.tag === 'Conference' ? 'answered' : 'completed'
      reported = winner
    } else if (sequential || attempts.length === 1) {
      reported = attempts[attempts.length - 1]!
      status = reported.result === 'canceled' || reported.result === undefined ? 'no-answer' : reported.result
    } else {
      // Several parties, none connected: a missed answer counts before busy, busy before failure.
      const order = ['no-answer', 'busy', 'failed'] as const
      const found = order.find((s) => attempts.some((a) => a.result === s)) ?? 'no-answer'
      status = found
      reported = attempts.find((a) => a.result === found) ?? attempts[0]!
    }
    this.push(at, { type: 'dial-end', status, ...(seconds === undefined ? {} : { seconds }) })

    const action = attribute(verb, 'action')
    if (action === undefined) return { kind: 'next' }
    const params: Record<string, string> = { DialCallStatus: status, DialCallSid: reported.sid }
    if (seconds !== undefined) params.DialCallDuration = String(seconds)
    params.DialBridged = winner === undefined ? 'false' : 'true'
    if (reported.sipCallId !== undefined && reported.plan.sipCode !== undefined) {
      params.DialSipCallId = reported.sipCallId
      params.DialSipResponseCode = String(
        reported.result === 'canceled' ? SIP_DEFAULT_CODES['no-answer'] : reported.plan.sipCode,
      )
    }
    const record = attribute(verb, 'record')
    if (winner !== undefined && seconds !== undefined && record !== undefined && record !== 'do-not-record') {
      const recordingSid = this.newSid('RE')
      params.RecordingUrl = `https://api.twilio.com/${API_VERSION}/Accounts/${this.accountSid}/Recordings/${recordingSid}`
      params.RecordingSid = recordingSid
      params.RecordingDuration = String(seconds)
    }
    return {
      kind: 'goto',
      request: 'dial-action',
      method: methodOf(attribute(verb, 'method')),
      url: this.absolute(action, doc.url, '<Dial action>'),
      params,
    }
  }

  // --- Enqueue ---------------------------------------------------------------------------------

  private queueScript(name: string): QueueScript {
    const scripts = this.options.queue
    if (typeof scripts === 'function') return scripts(name) ?? {}
    if (scripts === undefined) return {}
    return (Object.hasOwn(scripts, name) ? scripts[name] : scripts['*']) ?? {}
  }

  private async enqueue(leg: Leg, doc: Doc, verb: XmlElement, at: EventPosition): Promise<Step> {
    this.notOnCallee(leg, verb)
    const name = textContent(verb).trim()
    const script = this.queueScript(name)
    const waitUrlAttribute = attribute(verb, 'waitUrl')
    const waitUrl =
      waitUrlAttribute === undefined ? undefined : this.absolute(waitUrlAttribute, doc.url, '<Enqueue waitUrl>')
    this.push(at, {
      type: 'enqueue',
      queue: name,
      ...(waitUrl === undefined ? {} : { waitUrl: this.display(waitUrl) }),
    })
    const queueSid = this.newSid('QU')
    const perWait = script.secondsPerWait ?? 30
    const position = script.position ?? 1
    const scripted = script.result ?? 'bridged'
    const waits = scripted === 'bridged' || scripted === 'hangup' ? (script.waits ?? 1) : 0
    let result: string = scripted
    let queueTime = 0
    for (let i = 0; i < waits && waitUrl !== undefined; i++) {
      queueTime = i * perWait
      const waitLeg: Leg = { ...leg, depth: at.depth + 1 }
      const waitDoc = await this.fetchDocument(waitLeg, {
        kind: 'goto',
        request: 'enqueue-wait',
        method: methodOf(attribute(verb, 'waitUrlMethod')),
        url: waitUrl,
        params: {
          QueueSid: queueSid,
          QueuePosition: String(position),
          QueueTime: String(queueTime),
          AvgQueueTime: String(queueTime),
          CurrentQueueSize: String(position),
          MaxQueueSize: attribute(verb, 'maxQueueSize') ?? '100',
        },
      })
      const ended = this.waitDocument(waitLeg, waitDoc)
      if (ended !== undefined) {
        result = ended
        break
      }
    }
    if (result === 'bridged' || result === 'hangup') queueTime += perWait
    this.clock += queueTime
    const talk = result === 'bridged' ? (script.duration ?? DEFAULT_TALK) : undefined
    if (talk !== undefined) this.clock += talk
    this.push(at, { type: 'queue-result', result, ...(talk === undefined ? {} : { seconds: talk }) })
    const params: Record<string, string> = { QueueResult: result, QueueSid: queueSid, QueueTime: String(queueTime) }
    if (result === 'bridged') params.DequeuingCallSid = this.newSid('CA')
    const action = attribute(verb, 'action')
    const method = methodOf(attribute(verb, 'method'))
    const url = action === undefined ? undefined : this.absolute(action, doc.url, '<Enqueue action>')
    if (result === 'hangup') {
      leg.status = 'completed'
      if (url !== undefined) {
        await this.send(leg, 'enqueue-action', method, url, { ...this.params(leg), ...params }, leg.depth, false)
      }
      return { kind: 'ended', reason: 'caller hung up in the queue' }
    }
    return url === undefined ? { kind: 'next' } : { kind: 'goto', request: 'enqueue-action', method, url, params }
  }

  /** Runs a wait document; returns `leave` or `hangup` when it ends the wait, else undefined. */
  private waitDocument(leg: Leg, doc: Doc): 'leave' | 'hangup' | undefined {
    const at: EventPosition = { leg: leg.name, depth: leg.depth + 1 }
    for (const verb of doc.verbs) {
      switch (verb.name) {
        case 'Say':
        case 'Play':
        case 'Pause':
          this.prompt(at, verb)
          break
        case 'Leave':
          this.push(at, { type: 'leave' })
          return 'leave'
        case 'Hangup':
          this.push(at, { type: 'hangup' })
          return 'hangup'
        default:
          throw new CallSimulationError(
            `<${verb.name}> in the queue wait document ${this.display(doc.url)} is not simulated (Say, Play, Pause, Leave and Hangup are)`,
          )
      }
    }
    return undefined
  }

  // --- requests --------------------------------------------------------------------------------

  private get accountSid(): string {
    return this.options.accountSid ?? `AC${'0'.repeat(32)}`
  }

  private newSid(prefix: string): string {
    this.counter++
    return prefix + this.counter.toString(16).padStart(32, '0')
  }

  private timestamp(): string {
    return new Date(this.start + this.clock * 1000).toUTCString().replace('GMT', '+0000')
  }

  private notOnCallee(leg: Leg, verb: XmlElement): void {
    if (leg.name === 'callee')
      throw new CallSimulationError(`<${verb.name}> on the called party's leg is not simulated`)
  }

  private params(leg: Leg): Record<string, string> {
    const { CallSid, AccountSid, From, To, Direction, ApiVersion, ...rest } = leg.base
    return {
      CallSid: CallSid ?? '',
      AccountSid: AccountSid ?? '',
      From: From ?? '',
      To: To ?? '',
      CallStatus: leg.status,
      Direction: Direction ?? '',
      ApiVersion: ApiVersion ?? '',
      ...rest,
    }
  }

  private absolute(reference: string, base: string, what?: string): string {
    try {
      return new URL(reference, base).href
    } catch {
      throw new CallSimulationError(`${what ?? 'URL'} "${reference}" is not a valid URL`)
    }
  }

  private display(url: string): string {
    const parsed = new URL(url)
    return parsed.origin === this.origin ? parsed.pathname + parsed.search : url
  }

  private async fetchDocument(leg: Leg, step: Step & { kind: 'goto' }): Promise<Doc> {
    const params = { ...this.params(leg), ...step.params }
    if (leg.status === 'ringing') leg.status = 'in-progress'
    const request = await this.send(leg, step.request, step.method, step.url, params, leg.depth, true)
    return { url: step.url, verbs: this.twiml(request), index: 0 }
  }

  /** Sends a request that needs no TwiML back (status, recording and transcription callbacks). */
  private async callback(
    at: EventPosition,
    kind: RequestKind,
    method: 'GET' | 'POST',
    url: string,
    params: Record<string, string>,
  ): Promise<void> {
    const leg: Leg = { name: at.leg, depth: at.depth, base: {}, status: 'in-progress' }
    const request = await this.send(leg, kind, method, url, params, at.depth, false)
    if (request.sent && request.status !== undefined && request.status >= 400) {
      this.push(at, { type: 'warning', message: `${kind} ${method} ${request.path} answered ${request.status}` })
    }
  }

  /**
   * Sends one request with `params` as given (complete: standard parameters included). TwiML
   * fetches (`twiml`) must answer a TwiML document and get a transcript line; other requests only
   * need a 2xx. Callbacks to another host are only recorded.
   */
  private async send(
    leg: Leg,
    kind: RequestKind,
    method: 'GET' | 'POST',
    url: string,
    params: Record<string, string>,
    depth: number,
    twiml: boolean,
  ): Promise<SimulatedRequest> {
    const callback = kind.endsWith('callback')
    const base: SimulatedRequest = { kind, leg: leg.name, method, url, path: this.display(url), params, sent: false }
    if (new URL(url).origin !== this.origin) {
      if (callback) {
        this.requests.push(base)
        return base
      }
      throw new CallSimulationError(
        `${method} ${url} (${kind}) is on another host; the simulator only reaches the app at ${this.origin}`,
        base,
      )
    }
    const limit = this.options.maxRequests ?? 50
    // Only TwiML fetches can loop; callbacks are bounded by the verbs that send them.
    if (!callback && ++this.stepRequests > limit) {
      const recent = this.requests
        .slice(-5)
        .map((r) => `${r.method} ${r.path}`)
        .join(', ')
      throw new CallSimulationError(
        `more than ${limit} requests without input from the caller: a redirect loop? The last ones: ${recent}`,
        base,
      )
    }
    const response = await this.dispatch(await this.buildRequest(method, url, params))
    const body = await response.text()
    const sent: SimulatedRequest = { ...base, sent: true, status: response.status, body }
    this.requests.push(sent)
    if (!callback) {
      this.events.push({ leg: leg.name, depth, type: 'request', request: sent })
      this.checkResponse(sent, response.headers.get('content-type'), twiml)
    }
    return sent
  }

  private checkResponse(request: SimulatedRequest, contentType: string | null, twiml: boolean): void {
    const status = request.status ?? 0
    const where = `${request.method} ${request.path} (${request.kind})`
    if (status < 200 || status >= 300) {
      throw new CallSimulationError(
        `${where} answered HTTP ${status}${request.body ? `: ${snippet(request.body)}` : ''}`,
        request,
      )
    }
    if (!twiml) return
    if (contentType !== null && !/^\s*(text\/xml|application\/xml|text\/html)\b|\+xml\b/i.test(contentType)) {
      throw new CallSimulationError(
        `${where} answered ${contentType}, not TwiML (text/xml): ${snippet(request.body ?? '') || '(empty body)'}`,
        request,
      )
    }
  }

  private twiml(request: SimulatedRequest): XmlElement[] {
    const where = `${request.method} ${request.path} (${request.kind})`
    const body = request.body ?? ''
    let root: XmlElement
    try {
      root = parseXml(body).root
    } catch (error) {
      if (!(error instanceof XmlParseError)) throw error
      throw new CallSimulationError(
        `${where} answered invalid TwiML: ${error.message}: ${snippet(body) || '(empty body)'}`,
        request,
      )
    }
    if (root.name !== 'Response') {
      throw new CallSimulationError(`${where} answered <${root.name}>; a TwiML document's root is <Response>`, request)
    }
    for (const child of root.children) {
      if (child.kind === 'text' && child.value.trim() !== '') {
        throw new CallSimulationError(
          `${where} answered text directly in <Response>: "${snippet(child.value)}"`,
          request,
        )
      }
    }
    return childElements(root)
  }

  private async buildRequest(method: 'GET' | 'POST', url: string, params: Record<string, string>): Promise<Request> {
    const token = this.options.authToken
    if (token !== undefined) return signTwilioRequest(token, { url, method, params })
    const form = new URLSearchParams(params).toString()
    if (method === 'GET') {
      const separator = url.includes('?') ? '&' : '?'
      return new Request(form === '' ? url : url + separator + form, { method })
    }
    return new Request(url, {
      method,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    })
  }

  private async dispatch(request: Request): Promise<Response> {
    const app = this.app
    if (typeof app === 'function') return app(request)
    if ('request' in app && typeof app.request === 'function') return app.request(request)
    return (app as { fetch(request: Request): Response | Promise<Response> }).fetch(request)
  }
}

/** A dial target without its SIP headers, which make transcript lines long and add nothing there. */
function short(target: string): string {
  return target.replace(/\?.*$/, '')
}

/** Describes a Connect/Start/Stop child for the transcript: `Stream wss://… (name)`. */
function describeElement(element: XmlElement): string {
  const url = attribute(element, 'url')
  const name = attribute(element, 'name')
  const text = textContent(element).trim()
  const parts = [element.name]
  if (url !== undefined) parts.push(url)
  else if (text !== '' && childElements(element).length === 0) parts.push(text)
  if (name !== undefined) parts.push(`(${name})`)
  return parts.join(' ')
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/**
 * Starts a simulated call: requests `options.url` as Twilio would for an incoming call and runs the
 * TwiML until the call waits at a `<Gather>` or ends. Then `press`, `speak`, `silence` or `hangup`
 * move it on; `events`, `requests` and `transcript()` show what happened.
 *
 * Every request carries the standard parameters (`CallSid`, `AccountSid`, `From`, `To`, `CallStatus`,
 * `Direction`, `ApiVersion`) and is signed when `authToken` is given. A route that answers with an
 * HTTP error, something other than XML, or a document that is not TwiML throws a
 * {@link CallSimulationError} naming the request.
 */
export async function simulateCall(app: SimulatorApp, options: SimulateCallOptions): Promise<SimulatedCall> {
  return new SimulatedCall(app, options).begin()
}
