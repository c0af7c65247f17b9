/**
 * One call placed from the console: a steered simulator call (`startCall`) plus what the page
 * needs beside the simulator's own events — when each happened, the transcript line, the request's
 * signature, pretty TwiML and the app's issues — and the inputs in the form a test replays them.
 */
import { prettyXml } from '../testing/pretty.js'
import {
  type CallEvent,
  type CallInput,
  CallSimulationError,
  describeWait,
  formatTranscript,
  inputChoices,
  type SimulatedCall,
  type SimulatedRequest,
  type SimulatorApp,
  startCall,
  type WaitingFor,
} from '../testing/simulator/index.js'
import { collectIssues } from './issues.js'
import type {
  CallSetup,
  CallState,
  ConsoleIssue,
  ConsoleMessage,
  HttpDetail,
  RecordedInput,
  SessionFile,
  TimelineEntry,
} from './protocol.js'
import { SESSION_FORMAT } from './protocol.js'

/** How the console signs: the token, and where it came from (for messages). */
export interface Signing {
  readonly authToken?: string | undefined
  readonly source: string
}

/** The outcome of a batch of inputs. */
export type InputResult =
  | { readonly ok: true; readonly state: CallState }
  | { readonly ok: false; readonly error: string; readonly state: CallState }

interface Dispatch {
  readonly signature?: string
  readonly issues: ConsoleIssue[]
}

// The console is a development tool: a Hono app under it runs in development mode (twiml-jsx/hono
// reads NODE_ENV from the bindings), so a broken document answers its error, not the caller's apology.
const DEVELOPMENT_BINDINGS = { NODE_ENV: 'development' }

/**
 * Sends a request to the app the way the simulator does (Hono's `request`, `fetch`, or a function).
 * `env` is there only for a realtime session's in-process socket (it carries the socket pair).
 */
function dispatch(app: SimulatorApp, request: Request, env?: object): Promise<Response> {
  const bindings = env === undefined ? DEVELOPMENT_BINDINGS : { ...DEVELOPMENT_BINDINGS, ...env }
  if (typeof app === 'function') {
    if (env === undefined) return Promise.resolve(app(request))
    return Promise.resolve((app as (request: Request, env: object) => Response | Promise<Response>)(request, bindings))
  }
  if ('request' in app && typeof app.request === 'function') {
    const request_ = app.request as (request: Request, init: undefined, env: object) => Response | Promise<Response>
    return Promise.resolve(request_.call(app, request, undefined, bindings))
  }
  return Promise.resolve(
    (app as { fetch(request: Request, env?: object): Response | Promise<Response> }).fetch(request, bindings),
  )
}

function pretty(body: string | undefined): string | undefined {
  if (body === undefined || !body.trimStart().startsWith('<')) return undefined
  try {
    return prettyXml(body)
  } catch {
    return undefined
  }
}

/** Steps `advance` takes at most at one input (a redirect loop of zero-second waits ends sooner). */
const MAX_STEPS = 1000

export class ConsoleCall {
  readonly entries: TimelineEntry[] = []
  readonly inputs: RecordedInput[] = []
  readonly call: SimulatedCall
  private readonly dispatches: Dispatch[] = []
  private readonly listeners = new Set<(message: ConsoleMessage) => void>()
  /** Inputs run one after another, each once the call has paused after the one before. */
  private queue: Promise<unknown>

  constructor(
    readonly id: string,
    app: SimulatorApp,
    readonly setup: CallSetup,
    private readonly signing: Signing,
    baseUrl: string | undefined,
  ) {
    const observed = async (request: Request, env?: unknown): Promise<Response> => {
      // A ConversationRelay or Media Streams socket opening in-process: not a webhook of the timeline.
      if (env !== undefined) return dispatch(app, request, env as object)
      const signature = request.headers.get('x-twilio-signature') ?? undefined
      const detail: Dispatch = { ...(signature === undefined ? {} : { signature }), issues: [] }
      this.dispatches.push(detail)
      return collectIssues(detail.issues, () => dispatch(app, request))
    }
    this.call = startCall(observed, {
      url: setup.url,
      ...(setup.method === undefined ? {} : { method: setup.method }),
      ...(setup.from === undefined ? {} : { from: setup.from }),
      ...(setup.to === undefined ? {} : { to: setup.to }),
      ...(setup.params === undefined ? {} : { params: setup.params }),
      ...(signing.authToken === undefined ? {} : { authToken: signing.authToken }),
      ...(baseUrl === undefined ? {} : { baseUrl }),
    })
    this.call.on((event) => this.add(event))
    this.queue = this.call
      .nextWait()
      .catch(() => undefined)
      .then(() => this.publish())
  }

  /** Resolves once the call has made its first move (it waits, ended, or failed). */
  ready(): Promise<CallState> {
    return this.queue.then(() => this.state())
  }

  /** Listens to new timeline entries and states; returns the unsubscribe. */
  subscribe(listener: (message: ConsoleMessage) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  state(): CallState {
    const call = this.call
    const waiting = call.waitingFor
    const error = call.error
    return {
      id: this.id,
      now: call.now,
      ended: call.ended,
      ...(call.endReason === undefined ? {} : { endReason: call.endReason }),
      ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
      ...(waiting === undefined ? {} : { waiting, label: describeWait(waiting) }),
      choices: waiting === undefined ? [] : inputChoices(waiting),
      inputs: this.inputs.length,
    }
  }

  /**
   * Gives the call inputs, in order, each once it has paused after the one before. Stops at the first
   * input that does not fit (the call keeps waiting) and says why.
   */
  send(inputs: readonly CallInput[]): Promise<InputResult> {
    const run = this.queue.then(async (): Promise<InputResult> => {
      try {
        for (const [n, input] of inputs.entries()) {
          const refused = await this.apply(input)
          if (refused !== undefined) {
            const where = inputs.length > 1 ? `input ${n + 1} of ${inputs.length}: ` : ''
            return { ok: false, error: where + refused, state: this.state() }
          }
        }
        return { ok: true, state: this.state() }
      } finally {
        this.publish()
      }
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  /** The session as a file: the setup and every input, in order. */
  session(): SessionFile {
    return {
      format: SESSION_FORMAT,
      version: 1,
      call: this.setup,
      inputs: this.inputs.map((recorded) => recorded.input),
      transcript: this.call.transcript(),
    }
  }

  /** Applies one input; returns why it was refused, or undefined. */
  private async apply(input: CallInput): Promise<string | undefined> {
    const call = this.call
    if (call.ended) return `the call has ended (${call.endReason ?? 'it failed'})`
    if (input.kind === 'advance') return this.advance(input.seconds)
    const waiting = call.waitingFor
    if (waiting === undefined) return 'the call is not waiting for anything'
    try {
      await call.respond(input)
    } catch (error) {
      // The input was taken but the app failed afterwards: the timeline shows the failure.
      if (call.error !== undefined) {
        this.record(input, waiting)
        return undefined
      }
      return error instanceof Error ? error.message : String(error)
    }
    this.record(input, waiting)
    return undefined
  }

  /**
   * Lets time pass. Recorded as one step per wait it crosses (up to that wait's deadline, then the
   * rest), so that replaying the inputs one per decision (`decide`) ends each wait at the same time.
   */
  private async advance(seconds: number): Promise<string | undefined> {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) return `advance(${seconds}): give a number of seconds, 0 or more`
    const call = this.call
    let remaining = seconds
    for (let step = 0; step < MAX_STEPS; step++) {
      const waiting = call.waitingFor
      if (waiting === undefined) return undefined
      const untilDeadline =
        waiting.deadline === undefined ? Number.POSITIVE_INFINITY : Math.max(0, waiting.deadline - call.now)
      if (untilDeadline > remaining) {
        if (remaining > 0) {
          this.record({ kind: 'advance', seconds: remaining }, waiting)
          await call.advance(remaining).catch(() => undefined)
        }
        return undefined
      }
      this.record({ kind: 'advance', seconds: untilDeadline }, waiting)
      await call.advance(untilDeadline).catch(() => undefined)
      remaining -= untilDeadline
    }
    return `advance(${seconds}): more than ${MAX_STEPS} waits ended within that time`
  }

  private record(input: CallInput, waiting: WaitingFor): void {
    this.inputs.push({ input, wait: waiting.index, at: `${waiting.document}: ${describeWait(waiting)}` })
  }

  private add(event: CallEvent): void {
    const entry = this.entry(event)
    this.entries.push(entry)
    this.emit({ type: 'entry', entry })
  }

  private entry(event: CallEvent): TimelineEntry {
    const base = {
      seq: this.entries.length,
      at: this.call.now,
      line: formatTranscript([{ ...event, depth: 0 }], new Set(Object.keys(this.setup.params ?? {}))),
      event,
    }
    switch (event.type) {
      case 'request':
      case 'callback':
        return { ...base, http: this.detail(event.request) }
      case 'waiting':
        return { ...base, label: describeWait(event.waiting) }
      case 'error': {
        const failure = this.call.error
        const failed = failure instanceof CallSimulationError ? failure.request : undefined
        return failed === undefined ? base : { ...base, failed, http: this.detail(failed) }
      }
      default:
        return base
    }
  }

  /** The signature sent, the pretty TwiML and the app's issues for a request. */
  private detail(request: SimulatedRequest): HttpDetail {
    const sent = this.call.requests.filter((r) => r.sent)
    const dispatched = request.sent ? this.dispatches[sent.indexOf(request)] : undefined
    const issues: ConsoleIssue[] = [...(dispatched?.issues ?? [])]
    if (request.status === 403) {
      issues.push({
        severity: 'error',
        rule: 'signature',
        message: this.signing.authToken
          ? `The app refused the request: does it check signatures with another token? The console signs with ${this.signing.source}.`
          : 'The app refused the request: the console sends it unsigned (no auth token). Give the token the app checks signatures with.',
      })
    }
    const twiml = request.kind.endsWith('callback') ? undefined : pretty(request.body)
    return {
      ...(dispatched?.signature === undefined ? {} : { signature: dispatched.signature }),
      ...(twiml === undefined ? {} : { twiml }),
      issues,
    }
  }

  private publish(): void {
    this.emit({ type: 'state', state: this.state() })
  }

  private emit(message: ConsoleMessage): void {
    for (const listener of this.listeners) listener(message)
  }
}
