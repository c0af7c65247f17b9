/**
 * The engine of a simulated call: it fetches TwiML, runs each verb through the verb table, and at
 * every decision (a Gather's input, a dialed party's answer, a recording's end, ...) asks a script,
 * the `decide` hook, the defaults — or, when nothing decides, waits for the controller
 * (`call.press()`, `call.answer()`, `call.advance()`). The call is one async function; a wait is a
 * Promise the controller settles.
 */
import type { HttpMethod } from '../../voice/common.js'
import type { CallStatus } from '../../webhook/params.js'
import type { XmlElement } from '../xml.js'
import { VirtualClock } from './clock.js'
import type { CallEvent, CallLeg, EventPosition, RequestKind, SimulatedRequest, SocketMessage } from './events.js'
import { CallHttp, CallSimulationError, isCallback } from './http.js'
import type { SimulateCallOptions, SimulatorApp } from './options.js'
import { CONTEXTS, type RunContext, VERBS } from './verbs/table.js'
import { type Pending, type Resolution, type WaitOptions, type WaitSpec, Waits } from './waits.js'

/** A party on the line: the caller, or a dialed party running a screening (or queue) document. */
export interface Leg {
  readonly name: CallLeg
  /** Depth of this leg's request lines in the transcript; its verbs are one deeper. */
  readonly depth: number
  /** Standard parameters, in Twilio's order, without CallStatus. */
  readonly base: Readonly<Record<string, string>>
  status: CallStatus
  /** A dialed party's scripted input, used at the first Gather of its screening document. */
  input?: { press?: string | undefined; speak?: string | undefined; confidence?: number | undefined } | undefined
}

/** A TwiML document being run. */
export interface Doc {
  readonly url: string
  readonly verbs: readonly XmlElement[]
  index: number
}

/** Fetch a document and go on there. */
export interface Goto {
  readonly kind: 'goto'
  readonly request: RequestKind
  readonly method: HttpMethod
  readonly url: string
  readonly params: Readonly<Record<string, string>>
}

/** What a verb did: go on, go elsewhere, end the call (or this document's run), or leave a queue. */
export type Step = { readonly kind: 'next' } | Goto | Ended | { readonly kind: 'leave' }
export interface Ended {
  readonly kind: 'ended'
  readonly reason: string
}

/** How a document's run ended. `end of document` is its own reason. */
export type Outcome = Ended | { readonly kind: 'leave' }

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** What a verb handler gets. */
export interface VerbContext {
  readonly call: CallRuntime
  readonly leg: Leg
  readonly doc: Doc
  /** Where the verb's events go (one deeper than the leg's requests). */
  readonly at: EventPosition
  readonly context: RunContext
}

/** Runs one simulated call. {@link SimulatedCall} is its public face. */
export class CallRuntime {
  readonly events: CallEvent[] = []
  /** Every WebSocket message of the call's realtime sessions, both ways, in order. */
  readonly messages: SocketMessage[] = []
  readonly clock: VirtualClock
  readonly http: CallHttp
  readonly caller: Leg
  readonly sid: string
  readonly accountSid: string
  /** Parameters the test passed for every request: kept out of the transcript's request lines. */
  readonly hidden: ReadonlySet<string>
  /** Counters a verb keeps across the call (records, pays, ...). */
  readonly counters = new Map<string, number>()
  reason: string | undefined
  failure: unknown
  /** The caller hung up during a nested run (a screening document): the verbs above end the call. */
  callerGone = false
  readonly waits: Waits
  private readonly listeners = new Set<(event: CallEvent) => void>()
  private deferred: (() => Promise<void>)[] = []

  constructor(
    app: SimulatorApp,
    readonly options: SimulateCallOptions,
    /** Steered (`startCall`): waits nothing decides go to the controller instead of the defaults. */
    readonly steered: boolean,
  ) {
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(options.url)
    const origin = options.baseUrl ?? (absolute ? options.url : 'http://localhost')
    this.http = new CallHttp(app, options.authToken, options.maxRequests ?? 50, origin)
    this.clock = new VirtualClock((options.startTime ?? new Date('2025-01-01T00:00:00Z')).getTime())
    this.sid = options.callSid ?? this.clock.sid('CA')
    this.accountSid = options.accountSid ?? `AC${'0'.repeat(32)}`
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
        ApiVersion: '2010-04-01',
        ...options.params,
      },
      status: 'ringing',
    }
    if (options.onEvent !== undefined) this.listeners.add(options.onEvent)
    this.waits = new Waits(this)
  }

  get ended(): boolean {
    return this.reason !== undefined || this.failure !== undefined
  }

  /** Makes the first request and runs the call to its end; failures end it too (see `failure`). */
  async main(): Promise<void> {
    try {
      const url = this.http.absolute(this.options.url, `${this.http.origin}/`)
      const method = this.options.method ?? 'POST'
      const doc = await this.fetch(this.caller, { kind: 'goto', request: 'call', method, url, params: {} })
      const outcome = await this.run(this.caller, doc, 'call')
      await this.finish(this.caller, outcome.kind === 'ended' ? outcome.reason : 'end of document')
    } catch (error) {
      this.failure = error
      this.emit(
        { leg: 'caller', depth: 0 },
        { type: 'error', message: error instanceof Error ? error.message : String(error) },
      )
      this.waits.failed(error)
    }
  }

  // --- events ----------------------------------------------------------------------------------

  emit(at: EventPosition, event: DistributiveOmit<CallEvent, 'leg' | 'depth'>): void {
    const full = { leg: at.leg, depth: at.depth, ...event } as CallEvent
    this.events.push(full)
    for (const listener of this.listeners) listener(full)
  }

  listen(listener: (event: CallEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  // --- running documents -----------------------------------------------------------------------

  /** Runs a document on a leg until it ends, a verb ends the call, or (in a queue) a `<Leave>`. */
  async run(leg: Leg, doc: Doc, context: RunContext): Promise<Outcome> {
    let current = doc
    for (;;) {
      const verb = current.verbs[current.index]
      if (verb === undefined) return { kind: 'ended', reason: 'end of document' }
      current.index++
      const step = await this.verb(leg, current, verb, context)
      if (step.kind === 'next') continue
      if (step.kind === 'goto') {
        current = await this.fetch(leg, step)
        continue
      }
      return step
    }
  }

  private verb(leg: Leg, doc: Doc, verb: XmlElement, context: RunContext): Step | Promise<Step> {
    const handler = VERBS[verb.name]
    if (handler === undefined) {
      throw new CallSimulationError(`<${verb.name}> in ${this.http.display(doc.url)} is not a TwiML voice verb`)
    }
    const refused = CONTEXTS[context].refuse(verb.name, this.http.display(doc.url))
    if (refused !== undefined) throw new CallSimulationError(refused)
    return handler({ call: this, leg, doc, at: { leg: leg.name, depth: leg.depth + 1 }, context }, verb)
  }

  /** Requests a TwiML document for a leg (parameters: the leg's standard ones, then the step's). */
  async fetch(leg: Leg, step: Goto): Promise<Doc> {
    const params = { ...this.params(leg), ...step.params }
    if (leg.status === 'ringing') leg.status = 'in-progress'
    const request = await this.request(leg, step.request, step.method, step.url, params)
    const verbs = this.http.verbs(request)
    await this.flushDeferred()
    return { url: step.url, verbs, index: 0 }
  }

  /**
   * A TwiML request whose answer is not run (an action requested after the caller hung up): it
   * must answer 2xx, and gets a transcript line.
   */
  async request(
    leg: Leg,
    kind: RequestKind,
    method: HttpMethod,
    url: string,
    params: Record<string, string>,
  ): Promise<SimulatedRequest> {
    const sent = await this.http.send({ kind, leg: leg.name, method, url, params })
    this.emit({ leg: leg.name, depth: leg.depth }, { type: 'request', request: sent })
    return sent
  }

  /** Sends a callback (no TwiML back); an error status is a warning, not a failure. */
  async callback(
    at: EventPosition,
    kind: RequestKind,
    method: HttpMethod,
    url: string,
    params: Record<string, string>,
  ): Promise<void> {
    if (!isCallback(kind)) throw new Error(`${kind} is not a callback`)
    const request = await this.http.send({ kind, leg: at.leg, method, url, params })
    this.emit(at, { type: 'callback', request })
    if (request.sent && request.status !== undefined && request.status >= 400) {
      this.emit(at, { type: 'warning', message: `${kind} ${method} ${request.path} answered ${request.status}` })
    }
  }

  /**
   * Sends a callback after the next TwiML fetch (or at the end of the call): what Twilio sends once
   * a recording or a transcription is ready, after the verb's action.
   */
  defer(send: () => Promise<void>): void {
    this.deferred.push(send)
  }

  private async flushDeferred(): Promise<void> {
    while (this.deferred.length > 0) await this.deferred.shift()!()
  }

  /** The standard parameters of a leg's requests, in Twilio's order, with its current status. */
  params(leg: Leg): Record<string, string> {
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

  /** A verb's count so far in this call (`record`, `pay`, ...), then one more. */
  count(what: string): number {
    const n = this.counters.get(what) ?? 0
    this.counters.set(what, n + 1)
    return n
  }

  async finish(leg: Leg, reason: string): Promise<void> {
    await this.flushDeferred()
    leg.status = 'completed'
    this.reason = reason
    this.emit({ leg: leg.name, depth: 0 }, { type: 'end', reason })
    this.waits.notifyPaused()
  }

  // --- waiting (the decision points live in waits.ts) -----------------------------------------

  /** A decision point: see {@link Waits.open}. */
  wait(at: EventPosition, spec: WaitSpec, doc: Doc, options: WaitOptions): Promise<Resolution> {
    return this.waits.open(at, spec, this.http.display(doc.url), options)
  }

  /** The wait the controller can answer now, if any. */
  get pending(): Pending | undefined {
    return this.waits.pending
  }
}

export { CallSimulationError }
