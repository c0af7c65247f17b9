/**
 * The decision points of a call: how a verb's wait is decided (its script, the `decide` hook, the
 * defaults, or the controller), and the controller's side — answering a wait, moving the virtual
 * clock, and learning when the call next pauses.
 */
import type { EventPosition } from './events.js'
import { CallSimulationError } from './http.js'
import type { Eventually } from './options.js'
import type { CallRuntime } from './runtime.js'
import type { CallInput, WaitingFor } from './waiting.js'

/** The deadline of a wait passed (the controller advanced the clock past it). */
export const DEADLINE = { kind: 'deadline' } as const
/** Something the verb waits on besides an input changed (a script's Promise settled): look again. */
export const WAKE = { kind: 'wake' } as const
export type Resolution = CallInput | typeof DEADLINE | typeof WAKE

/** An input that happens at a virtual second, unless the wait's deadline comes first. */
export interface Timed {
  readonly at: number
  readonly input: CallInput
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
/** A wait as a verb describes it; the runtime adds index, leg, since and document. */
export type WaitSpec = DistributiveOmit<WaitingFor, 'index' | 'leg' | 'since' | 'document'>

/** How a verb asks for a decision. */
export interface WaitOptions {
  /** The verb's own script (dial, record, queue, ... options), already turned into an input. */
  readonly script?: (() => Eventually<CallInput | Timed | undefined>) | undefined
  /** What an unscripted `simulateCall` does (none: it waits, as at the caller's Gather). */
  readonly fallback?: CallInput | Timed | undefined
  /** Settles when the verb should look again (the wait then resolves with {@link WAKE}). */
  readonly wake?: Promise<unknown> | undefined
  /** Why the input does not fit this wait, or undefined when it does. */
  readonly accepts: (input: CallInput) => string | undefined
  /** Extra data for `call.gather` (the legacy view of a Gather wait). */
  readonly gather?: unknown
}

export interface Pending {
  readonly waiting: WaitingFor
  /** Depth of the transcript's "… waiting" line. */
  readonly depth: number
  readonly options: WaitOptions
  /** Ends the wait (once; later calls do nothing). */
  readonly settle: (resolution: Resolution) => void
  readonly fail: (error: unknown) => void
}

/** The waits of one call. */
export class Waits {
  /** The wait the controller can answer now. */
  pending: Pending | undefined
  private count = 0
  private queuedHangup: CallInput | undefined
  private pauseWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = []

  constructor(private readonly call: CallRuntime) {}

  /**
   * A decision point. The verb's script decides first, then the `decide` hook; either may return a
   * Promise, and the call waits for it (the controller may answer meanwhile). With neither, an
   * unscripted `simulateCall` takes the fallback; otherwise the controller decides.
   */
  async open(at: EventPosition, spec: WaitSpec, document: string, options: WaitOptions): Promise<Resolution> {
    const waiting = { index: this.count++, leg: at.leg, since: this.call.clock.now, document, ...spec } as WaitingFor
    const { deadline } = waiting
    const check = (decision: CallInput | Timed, source: string): CallInput | Timed => {
      const input = 'at' in decision ? decision.input : decision
      const problem = input.kind === 'advance' ? undefined : options.accepts(input)
      if (problem !== undefined) throw new CallSimulationError(`${source}: ${problem}`)
      return decision
    }
    // A decision happens at its time, unless the deadline comes first; `advance` only lets time pass.
    const apply = (decision: CallInput | Timed): Resolution | undefined => {
      const at =
        'at' in decision
          ? decision.at
          : decision.kind === 'advance'
            ? this.call.clock.now + decision.seconds
            : undefined
      // A timed input at the deadline itself still happens (a party answering as the timeout ends);
      // time passing up to the deadline lets the deadline happen.
      const late = at !== undefined && deadline !== undefined && ('at' in decision ? at > deadline : at >= deadline)
      if (late) {
        this.call.clock.advanceTo(deadline)
        return DEADLINE
      }
      if (at !== undefined) this.call.clock.advanceTo(at)
      if ('at' in decision) return decision.input
      return decision.kind === 'advance' ? undefined : decision
    }
    const hook = this.call.options.decide
    const later: Promise<CallInput | Timed | undefined>[] = []
    const scripted = options.script?.()
    if (scripted instanceof Promise) later.push(scripted.then((d) => d && check(d, 'script')))
    else if (scripted !== undefined) {
      const resolution = apply(check(scripted, 'script'))
      if (resolution !== undefined) return resolution
    }
    // The decide hook may let time pass (`advance`) and be asked again; a bound keeps a loop finite.
    for (let asked = 0; hook !== undefined && later.length === 0; asked++) {
      if (asked === 1000) throw new CallSimulationError('decide() returned advance 1000 times at the same wait')
      const decided = hook(waiting)
      if (decided instanceof Promise) later.push(decided.then((d) => d && check(d, 'decide()')))
      else if (decided === undefined) break
      else {
        // The hook stands in for the controller: its answer is input, as a controller's is
        // (`maxRequests` counts requests between inputs).
        this.call.http.inputReceived()
        const resolution = apply(check(decided, 'decide()'))
        if (resolution !== undefined) return resolution
      }
    }
    const fallback = this.call.steered ? undefined : options.fallback
    if (later.length === 0 && options.wake === undefined && fallback !== undefined) {
      return apply(fallback) ?? DEADLINE
    }
    return new Promise<Resolution>((resolve, reject) => {
      const pending: Pending = {
        waiting,
        depth: at.depth,
        options,
        settle: (resolution) => {
          if (this.pending !== pending) return
          this.pending = undefined
          this.call.http.inputReceived()
          resolve(resolution)
        },
        fail: (error) => {
          if (this.pending !== pending) return
          this.pending = undefined
          reject(error)
        },
      }
      this.pending = pending
      this.call.emit(at, { type: 'waiting', waiting })
      for (const promise of later) {
        promise.then((decision) => {
          if (this.pending !== pending) return
          const chosen = decision ?? fallback
          if (chosen === undefined) return
          try {
            pending.settle(apply(chosen) ?? WAKE)
          } catch (error) {
            pending.fail(error)
          }
        }, pending.fail)
      }
      options.wake?.then(() => pending.settle(WAKE), pending.fail)
      const queued = this.queuedHangup
      if (queued !== undefined && options.accepts(queued) === undefined) {
        this.queuedHangup = undefined
        pending.settle(queued)
        return
      }
      this.notifyPaused()
    })
  }

  /** Resolves when the call waits for the controller or has ended; rejects if it failed. */
  whenPaused(): Promise<void> {
    if (this.call.failure !== undefined) return Promise.reject(this.call.failure)
    if (this.pending !== undefined || this.call.reason !== undefined) return Promise.resolve()
    return new Promise((resolve, reject) => this.pauseWaiters.push({ resolve, reject }))
  }

  notifyPaused(): void {
    const waiters = this.pauseWaiters
    this.pauseWaiters = []
    for (const w of waiters) w.resolve()
  }

  /** The controller's input for the current wait. Resolves when the call next pauses or ends. */
  async respond(input: CallInput, label: string): Promise<void> {
    if (input.kind === 'advance') return this.advance(input.seconds)
    if (this.call.ended) {
      throw new CallSimulationError(
        `${label}: the call has ended (${this.call.reason ?? 'it failed'}); it is not waiting for input`,
      )
    }
    const pending = this.pending
    if (pending === undefined) {
      if (input.kind === 'hangup') {
        // The call is between waits (fetching TwiML, running verbs): the hang-up takes effect at the next one.
        this.queuedHangup = input
        return this.whenPaused()
      }
      throw new CallSimulationError(`${label}: the call is not waiting (it is running); await call.nextWait() first`)
    }
    const problem = pending.options.accepts(input)
    if (problem !== undefined) throw new CallSimulationError(`${label}: ${problem}`)
    const paused = this.resumeThenPause()
    pending.settle(input)
    await paused
  }

  /**
   * Moves the virtual clock forward. Every wait whose deadline falls within the time ends by itself
   * (a Gather's timeout, a Dial's timeout, a time limit, a scripted party's answer), in order.
   */
  async advance(seconds: number): Promise<void> {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) {
      throw new CallSimulationError(`advance(${seconds}): give a number of seconds, 0 or more`)
    }
    const target = this.call.clock.now + seconds
    for (;;) {
      await this.whenPaused()
      const pending = this.pending
      if (pending === undefined) return
      const deadline = pending.waiting.deadline
      if (deadline === undefined || deadline > target) break
      this.call.clock.advanceTo(deadline)
      const paused = this.resumeThenPause()
      pending.settle(DEADLINE)
      await paused
    }
    this.call.clock.advanceTo(target)
  }

  /** A promise for the next pause, taken before the call resumes (so it cannot be missed). */
  private resumeThenPause(): Promise<void> {
    return new Promise((resolve, reject) => this.pauseWaiters.push({ resolve, reject }))
  }

  /** The call failed: whoever waits for a pause learns why. */
  failed(error: unknown): void {
    this.pending = undefined
    const waiters = this.pauseWaiters
    this.pauseWaiters = []
    for (const w of waiters) w.reject(error)
  }
}
