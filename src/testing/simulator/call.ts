/**
 * The public face of a simulated call: what happened so far (events, requests, the transcript),
 * what it waits for, and the moves that take it on — for a test script, a UI or an explorer.
 */
import { encodeBase64 } from '../../realtime/mulaw.js'
import type { CallEvent, CallLeg, SimulatedRequest, SocketMessage } from './events.js'
import type { CallRuntime } from './runtime.js'
import { formatTranscript } from './transcript.js'
import type { PendingGather } from './verbs/gather.js'
import { type AnsweredBy, type CallInput, describeWait, type WaitingFor } from './waiting.js'

/** How an input reads in an error message: `press('12#')`, `answer(1)`. */
function label(input: CallInput): string {
  switch (input.kind) {
    case 'press':
      return `press('${input.digits}')`
    case 'speak':
      return `speak(${JSON.stringify(input.text)})`
    case 'silence':
      return 'silence()'
    case 'hangup':
      return input.leg === undefined ? 'hangup()' : `hangup('${input.leg}')`
    case 'answer':
    case 'decline':
      return `${input.kind}(${input.party === undefined ? '' : JSON.stringify(input.party)})`
    default:
      return `${input.kind}()`
  }
}

/**
 * A call in progress or over. Every move (`press`, `answer`, `advance`, ...) resolves once the call
 * waits again or has ended; `waitingFor` then says what it waits for.
 */
export class SimulatedCall {
  readonly #runtime: CallRuntime

  /** Use {@link simulateCall} or `startCall`. */
  constructor(runtime: CallRuntime) {
    this.#runtime = runtime
  }

  /** Everything that happened, in order (plain data: JSON round-trips it). */
  get events(): CallEvent[] {
    return this.#runtime.events
  }

  /** Every request Twilio would have made, in order: TwiML fetches and callbacks. */
  get requests(): SimulatedRequest[] {
    return this.#runtime.http.requests
  }

  /**
   * Every WebSocket message of the call's realtime sessions (`<Connect><ConversationRelay>`,
   * `<Connect><Stream>`), both ways, in order: what was sent as Twilio, and what the app sent.
   */
  get messages(): SocketMessage[] {
    return this.#runtime.messages
  }

  /** The call's `CallSid`. */
  get sid(): string {
    return this.#runtime.sid
  }

  /** The virtual clock: seconds since the first request. Events happen at the `now` of their listener call. */
  get now(): number {
    return this.#runtime.clock.now
  }

  /** True once the call has ended (or the simulation failed). */
  get ended(): boolean {
    return this.#runtime.ended
  }

  /** Why the call ended (`hangup`, `end of document`, `caller hung up`, ...); `undefined` while it runs. */
  get endReason(): string | undefined {
    return this.#runtime.reason
  }

  /** The error that stopped the simulation (a `CallSimulationError` naming the request), if one did. */
  get error(): unknown {
    return this.#runtime.failure
  }

  /** What the call waits for now, as data; `undefined` while it runs or once it has ended. */
  get waitingFor(): WaitingFor | undefined {
    return this.#runtime.pending?.waiting
  }

  /** The caller's `<Gather>` the call is waiting at, if it is. */
  get gather(): PendingGather | undefined {
    return this.#runtime.pending?.options.gather as PendingGather | undefined
  }

  /** The readable transcript: requests with the parameters that matter, and what the caller hears and does. */
  transcript(): string {
    const text = formatTranscript(this.#runtime.events, this.#runtime.hidden)
    const pending = this.#runtime.pending
    return pending === undefined ? text : `${text}\n${'  '.repeat(pending.depth)}… ${describeWait(pending.waiting)}`
  }

  /** The requests to a path (`/sip/after-dial`) or absolute URL, in order. */
  requestsTo(pathOrUrl: string): SimulatedRequest[] {
    return this.requests.filter((r) => r.path === pathOrUrl || r.url === pathOrUrl)
  }

  /** Resolves when the call waits (with what it waits for) or has ended (`undefined`); rejects if it failed. */
  async nextWait(): Promise<WaitingFor | undefined> {
    await this.#runtime.waits.whenPaused()
    return this.#runtime.pending?.waiting
  }

  /** Resolves once the call has ended (a steered call ends only when its waits are answered). */
  async finished(): Promise<this> {
    while (!this.#runtime.ended) {
      await this.#runtime.waits.whenPaused()
      if (this.#runtime.pending !== undefined) await new Promise<void>((resolve) => this.#afterEvent(resolve))
    }
    if (this.#runtime.failure !== undefined) throw this.#runtime.failure
    return this
  }

  /** Calls `listener` with every event from now on, synchronously as it happens. Returns the unsubscribe. */
  on(listener: (event: CallEvent) => void): () => void {
    return this.#runtime.listen(listener)
  }

  /** Every event — those so far, then each as it happens — until the call ends. */
  async *[Symbol.asyncIterator](): AsyncIterator<CallEvent> {
    let next = 0
    for (;;) {
      const events = this.#runtime.events
      while (next < events.length) yield events[next++]!
      if (this.#runtime.ended) return
      await new Promise<void>((resolve) => this.#afterEvent(resolve))
    }
  }

  #afterEvent(resolve: () => void): void {
    const off = this.#runtime.listen(() => {
      off()
      resolve()
    })
  }

  /** Gives the waiting call an input (see {@link CallInput}); resolves when it waits again or ends. */
  async respond(input: CallInput): Promise<this> {
    await this.#runtime.waits.respond(input, label(input))
    return this
  }

  /**
   * The caller presses keys at the waiting `<Gather>`: `Digits` (and `FinishedOnKey`) go to its
   * action. In a realtime session each key is a `dtmf` message.
   */
  press(digits: string): Promise<this> {
    return this.respond({ kind: 'press', digits })
  }

  /** The caller speaks at the waiting `<Gather>`: `SpeechResult` and `Confidence` go to its action. */
  speak(text: string, confidence?: number): Promise<this> {
    return this.respond(confidence === undefined ? { kind: 'speak', text } : { kind: 'speak', text, confidence })
  }

  /**
   * The caller says `text`: at a `<Gather>` the same as {@link speak}; in a ConversationRelay
   * session a `prompt` (with partial prompts first when `partialPrompts` is on), and the call
   * goes on once the app has answered.
   */
  say(text: string): Promise<this> {
    return this.respond({ kind: 'speak', text })
  }

  /**
   * The caller talks over the agent (ConversationRelay): an `interrupt` message with what the agent
   * had said, then `text` as a prompt if given.
   */
  interrupt(text?: string): Promise<this> {
    return this.respond(text === undefined ? { kind: 'interrupt' } : { kind: 'interrupt', text })
  }

  /**
   * The caller's audio in a Media Stream, sent as 20 ms μ-law frames on the virtual clock: a WAV
   * file's bytes (8 kHz mono, 16-bit PCM or μ-law), or a number of milliseconds of silence.
   */
  sendAudio(audio: Uint8Array | number): Promise<this> {
    return this.respond(
      typeof audio === 'number' ? { kind: 'audio', silenceMs: audio } : { kind: 'audio', wav: encodeBase64(audio) },
    )
  }

  /**
   * The caller gives no input: the `<Gather>` (or `<Record>`) times out. A Gather goes on with the next
   * verb, or, with `actionOnEmptyResult`, requests the action with empty `Digits`.
   */
  silence(): Promise<this> {
    return this.respond({ kind: 'silence' })
  }

  /** The caller (default) or the dialed party hangs up, wherever the call waits. */
  hangup(leg?: CallLeg): Promise<this> {
    return this.respond(leg === undefined ? { kind: 'hangup' } : { kind: 'hangup', leg })
  }

  /** A ringing party of the waiting `<Dial>` answers: by index or target; default the first ringing. */
  answer(party?: number | string, options: { answeredBy?: AnsweredBy } = {}): Promise<this> {
    return this.respond({
      kind: 'answer',
      ...(party === undefined ? {} : { party }),
      ...(options.answeredBy === undefined ? {} : { answeredBy: options.answeredBy }),
    })
  }

  /** A ringing party does not take the call: `busy` (default), `no-answer`, `failed`, or a SIP code. */
  decline(
    party?: number | string,
    how: { status?: 'busy' | 'no-answer' | 'failed'; sipResponseCode?: number } = {},
  ): Promise<this> {
    return this.respond({ kind: 'decline', ...(party === undefined ? {} : { party }), ...how })
  }

  /**
   * Moves the virtual clock forward: whatever is due in that time happens (a timeout, a scripted
   * answer), in order. No real time passes.
   */
  async advance(seconds: number): Promise<this> {
    await this.#runtime.waits.advance(seconds)
    return this
  }
}
