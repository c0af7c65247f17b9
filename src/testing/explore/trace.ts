/**
 * Reads one simulated call's events as a walk through the map: the points it passed (the start,
 * each route and its answer, each verb that waits, the end or the failure) and, between two points,
 * what happened (the edge's label: "press 1", "Dial busy", "no input"). The explorer builds the map
 * from these walks; coverage reads the calls of a test suite the same way, so both agree on what a
 * node and an edge are.
 *
 * Requests at depth 0 are the call's own documents; deeper ones (a screening document on the dialed
 * party's leg, a queue's wait music) run inside the verb that fetched them, and the walk returns to
 * that verb when they end.
 */
import type { CallEvent, CallLeg, SimulatedRequest } from '../simulator/events.js'
import { CallSimulationError } from '../simulator/http.js'
import type { WaitingFor } from '../simulator/waiting.js'
import { hashText, requestStateKey, routeKey, waitShape } from './keys.js'
import { isPrompt, type Label, labelOf } from './labels.js'
import type { Outcome } from './types.js'

/** The verbs at which a call waits for something: each is a decision point of the map. */
const DECISION_EVENTS = {
  gather: 'Gather',
  dial: 'Dial',
  record: 'Record',
  enqueue: 'Enqueue',
  conference: 'Conference',
  pay: 'Pay',
  refer: 'Refer',
} as const satisfies Partial<Record<CallEvent['type'], string>>

type DecisionEvent = Extract<CallEvent, { type: keyof typeof DECISION_EVENTS }>

/** A point of the walk, with what the map needs to make its node. */
export type TracePoint =
  | { readonly kind: 'start'; readonly key: string; readonly method: string; readonly path: string }
  | { readonly kind: 'route'; readonly key: string; readonly request: SimulatedRequest }
  | {
      readonly kind: 'decision'
      readonly key: string
      readonly verb: string
      readonly route: string
      readonly leg: CallLeg
      readonly event: DecisionEvent
    }
  | { readonly kind: 'end'; readonly key: string; readonly reason: string }
  | {
      readonly kind: 'failure'
      readonly key: string
      readonly failure: 'http' | 'not-twiml' | 'loop' | 'call'
      readonly message: string
      readonly request?: SimulatedRequest
      readonly cycle?: readonly string[]
    }
  | { readonly kind: 'outside'; readonly key: string; readonly message: string }

/** What happened between two points. */
export interface TraceStep {
  readonly from: string
  readonly to: string
  readonly label: string
  readonly outcome: Outcome
  readonly error: boolean
  /** Nothing said or played after the input (or, without one, in the whole step). */
  readonly silent: boolean
  /** How many of the call's waits had been decided when the step reached `to`. */
  readonly decided: number
}

/** A wait of the call and the explorer's identity of the moment it happened. */
export interface TraceWait {
  readonly waiting: WaitingFor
  readonly stateKey: string
}

export interface Trace {
  readonly points: readonly TracePoint[]
  readonly steps: readonly TraceStep[]
  readonly waits: readonly TraceWait[]
  /**
   * Callbacks the app answered with an error status: the route point whose document sent them, and
   * how many steps the walk had taken then.
   */
  readonly failedCallbacks: readonly {
    readonly route: string
    readonly request: SimulatedRequest
    readonly steps: number
  }[]
}

/** A wait the `decide` hook saw: when (the number of events so far) and what. */
export interface DecidedWait {
  readonly at: number
  readonly waiting: WaitingFor
}

export interface TraceOptions {
  /** The call's error, if the simulation failed (`call.error`). */
  readonly error?: unknown
  /** Parameters every request of the call carries (a variant's): left out of request identities. */
  readonly hidden?: ReadonlySet<string>
  /**
   * The waits as the `decide` hook saw them. Without it, the call's `waiting` events are the waits
   * (a scripted call shows only those nothing decided).
   */
  readonly decided?: readonly DecidedWait[]
}

/** An open nested document: where it started and the verb it returns to. */
interface Frame {
  readonly depth: number
  readonly owner: string
  /** The nested document running now (a screening's Gather action follows the screening). */
  path: string
  stateKey: string
}

/**
 * The repeating tail of a list of request lines, starting with the one that came first:
 * `[a, b]` for `x a b a b a`.
 */
function repeatingTail(lines: readonly string[]): string[] {
  const last = lines[lines.length - 1]
  if (last === undefined) return []
  const previous = lines.lastIndexOf(last, lines.length - 2)
  const cycle = previous < 0 ? [last] : lines.slice(previous + 1)
  const first = cycle.reduce((best, line, i) => (lines.indexOf(line) < lines.indexOf(cycle[best]!) ? i : best), 0)
  return [...cycle.slice(first), ...cycle.slice(0, first)]
}

/** The failure (or the stop outside the app) that ended a call's walk. */
function failurePoint(error: unknown, from: string, sinceInput: readonly string[]): TracePoint {
  const message = error instanceof Error ? error.message : String(error)
  const request = error instanceof CallSimulationError ? error.request : undefined
  if (request !== undefined && !request.sent) {
    // Not sent: on another host (a path is only shown for the app's own origin), or the limit of
    // requests without input was reached — a loop.
    if (!request.path.startsWith('/'))
      return { kind: 'outside', key: `outside ${request.method} ${request.url}`, message }
    const cycle = repeatingTail(sinceInput)
    return { kind: 'failure', key: `failure loop ${cycle.join(' ')}`, failure: 'loop', message, request, cycle }
  }
  if (request !== undefined) {
    const status = request.status ?? 0
    const http = status < 200 || status >= 300
    return {
      kind: 'failure',
      key: http
        ? `failure http ${request.method} ${request.path} ${status}`
        : `failure not-twiml ${request.method} ${request.path} #${hashText(request.body ?? '')}`,
      failure: http ? 'http' : 'not-twiml',
      message,
      request,
    }
  }
  // The simulator stops at verbs it does not run; anything else is Twilio refusing the document.
  if (/ is not simulated|not simulated /.test(message)) return { kind: 'outside', key: `outside ${message}`, message }
  return { kind: 'failure', key: `failure call ${from} ${message}`, failure: 'call', message }
}

/** Reads a call's events as a walk through the map. */
export function traceCall(events: readonly CallEvent[], options: TraceOptions = {}): Trace {
  const hidden = options.hidden ?? new Set<string>()
  const points: TracePoint[] = []
  const byKey = new Map<string, TracePoint>()
  const steps: TraceStep[] = []
  const waits: TraceWait[] = []
  const failedCallbacks: { route: string; request: SimulatedRequest; steps: number }[] = []
  // The route of the last <Record> on each leg: its recording and transcription callbacks come later.
  const recordedIn = new Map<CallLeg, string>()

  let current: string | undefined
  let segment: CallEvent[] = []
  let decidedCount = 0
  // The route (and its count of waiting verbs so far) of the document running at each leg and depth.
  const routes = new Map<string, { key: string; verbs: number }>()
  const frames: Frame[] = []
  let mainStateKey = ''
  let sinceInput: string[] = []

  const move = (point: TracePoint, fallback: Omit<Label, 'rank'> = { label: '', outcome: 'flow', error: false }) => {
    if (current !== undefined) {
      let best: Label | undefined
      let at = -1
      segment.forEach((event, i) => {
        const label = labelOf(event)
        if (label !== undefined && (best === undefined || label.rank >= best.rank)) {
          best = label
          at = i
        }
      })
      let { label, outcome, error } = best ?? fallback
      // An action Twilio reports to after the caller hung up (a conversation the caller ended).
      if (point.kind === 'route' && outcome !== 'caller-hangup' && point.request.params.CallStatus === 'completed') {
        label = label === '' ? 'caller hangs up' : `${label}, caller hangs up`
        outcome = 'caller-hangup'
        error = false
      }
      // The SIP response says more than the Dial status, when the action reports one.
      const code = point.kind === 'route' ? point.request.params.DialSipResponseCode : undefined
      if (outcome.startsWith('dial-') && outcome !== 'dial-completed' && code !== undefined) label += ` (SIP ${code})`
      const silent = !segment.slice(at + 1).some(isPrompt)
      steps.push({ from: current, to: point.key, label, outcome, error, silent, decided: decidedCount })
    }
    points.push(point)
    byKey.set(point.key, point)
    current = point.key
    segment = []
  }

  const stateKey = () => [mainStateKey, ...frames.map((f) => f.stateKey)].join(' | ')

  // Back from a nested document: the walk returns to the verb that ran it.
  const pop = () => {
    const frame = frames.pop()!
    if (current !== frame.owner) move(byKey.get(frame.owner)!, { label: 'ends', outcome: 'flow', error: false })
  }

  const decide = (waiting: WaitingFor) => {
    // A wait in another document than the nested one running is the outer verb's (a queue between
    // two runs of its wait music): the nested document has ended.
    while (frames.length > 0 && frames[frames.length - 1]!.path !== waiting.document) pop()
    const route = routes.get(`${waiting.leg}:${frames.length === 0 ? 0 : frames[frames.length - 1]!.depth}`)
    waits.push({ waiting, stateKey: `${stateKey()} | ${waiting.leg} #${route?.verbs ?? 0} ${waitShape(waiting)}` })
    decidedCount++
    sinceInput = []
  }

  const decided = options.decided
  let nextDecided = 0
  const takeDecided = (position: number) => {
    while (decided !== undefined && nextDecided < decided.length && decided[nextDecided]!.at <= position) {
      decide(decided[nextDecided++]!.waiting)
    }
  }

  events.forEach((event, position) => {
    takeDecided(position)
    if (event.type === 'waiting') {
      if (decided === undefined) decide(event.waiting)
      return
    }
    // An event outside the nested document (the verb that ran it goes on) ends it; the end of the
    // call or a failure inside it does not.
    if (event.type !== 'end' && event.type !== 'error') {
      while (frames.length > 0 && event.depth < frames[frames.length - 1]!.depth) pop()
    }
    switch (event.type) {
      case 'request': {
        const request = event.request
        if (current === undefined) {
          move({
            kind: 'start',
            key: `start ${request.method} ${request.path}`,
            method: request.method,
            path: request.path,
          })
        }
        const key = routeKey(request)
        const state = requestStateKey(request, hidden)
        if (event.depth === 0) {
          mainStateKey = state
          frames.length = 0
        } else {
          const top = frames[frames.length - 1]
          if (top === undefined || event.depth > top.depth) {
            frames.push({ depth: event.depth, owner: current!, path: request.path, stateKey: state })
          } else {
            top.path = request.path
            top.stateKey = state
          }
        }
        const fallback: Omit<Label, 'rank'> =
          request.kind === 'redirect'
            ? { label: 'redirect', outcome: 'flow', error: false }
            : request.kind === 'enqueue-wait'
              ? { label: 'waits', outcome: 'waiting', error: false }
              : { label: '', outcome: 'flow', error: false }
        move({ kind: 'route', key, request }, fallback)
        routes.set(`${event.leg}:${event.depth}`, { key, verbs: 0 })
        sinceInput.push(`${request.method} ${request.path}`)
        return
      }
      case 'callback':
        if (event.request.sent && (event.request.status ?? 0) >= 400) {
          const kind = event.request.kind
          let route =
            kind === 'recording-status-callback' || kind === 'transcribe-callback'
              ? recordedIn.get(event.leg)
              : undefined
          for (let d = event.depth - 1; d >= 0 && route === undefined; d--) route = routes.get(`${event.leg}:${d}`)?.key
          failedCallbacks.push({ route: route ?? current ?? '', request: event.request, steps: steps.length })
        }
        return
      case 'end':
        segment.push(event)
        move({ kind: 'end', key: `end ${current ?? ''} ${event.reason}`, reason: event.reason })
        return
      case 'error':
        return
      default:
        if (event.type in DECISION_EVENTS) {
          const route = routes.get(`${event.leg}:${event.depth - 1}`)
          const verb = DECISION_EVENTS[event.type as keyof typeof DECISION_EVENTS]
          const ordinal = route === undefined ? 0 : route.verbs++
          if (event.type === 'record' && route !== undefined) recordedIn.set(event.leg, route.key)
          move({
            kind: 'decision',
            key: `decision ${route?.key ?? ''} #${ordinal} ${verb}`,
            verb,
            route: route?.key ?? '',
            leg: event.leg,
            event: event as DecisionEvent,
          })
          return
        }
        segment.push(event)
    }
  })
  takeDecided(events.length)
  if (options.error !== undefined) {
    if (current === undefined) {
      // The very first request failed: the walk starts where it was sent.
      const first = options.error instanceof CallSimulationError ? options.error.request : undefined
      const method = first?.method ?? ''
      const path = first?.path ?? ''
      move({ kind: 'start', key: `start ${method} ${path}`, method, path })
    }
    move(failurePoint(options.error, current ?? '', sinceInput))
  }
  return { points, steps, waits, failedCallbacks }
}
