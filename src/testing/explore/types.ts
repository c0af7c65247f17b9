/**
 * The call-flow map as data: what `exploreCalls()` returns, what the exports (Mermaid, DOT, JSON),
 * the lint rules and coverage read. Plain data throughout — `JSON.stringify` of a map is its JSON
 * export, and two explorations of the same app give the same JSON.
 */
import type { TwimlIssue } from '../../errors.js'
import type { CallInput } from '../simulator/waiting.js'

/** A call made with other caller parameters: a known caller's `From`, a SIP header, .... */
export interface CallVariant {
  /** How the map names it: `known caller`. */
  readonly name: string
  readonly from?: string
  readonly to?: string
  /** More parameters sent with every request of the call (`CallerName`, `SipHeader_X-…`). */
  readonly params?: Readonly<Record<string, string>>
}

/**
 * How to reach a node: the call to place (entry route, variant) and the inputs to give at its
 * waits, in order (wait 0, 1, 2, ... — pass them to `startCall`'s `decide`). `steps` says the same
 * for a reader: the labels of the edges taken.
 */
export interface CallPath {
  readonly entry: string
  readonly method: 'GET' | 'POST'
  /** The variant the call uses; absent for the plain call. */
  readonly variant?: CallVariant
  readonly inputs: readonly CallInput[]
  readonly steps: readonly string[]
}

/** What a request's document holds, as far as the map and the lint rules care. */
export interface DocumentFacts {
  /** Size of the body in bytes (UTF-8). */
  readonly bytes: number
  /** The top-level verbs, one short phrase each: `Say "Thanks for calling…"`, `Redirect /ivr`. */
  readonly verbs: readonly string[]
  /** Each `<Say>`: its voice (`''`: the default) and the length of its text in characters. */
  readonly says: readonly { readonly voice: string; readonly length: number }[]
}

/** A route the call requested and the TwiML it answered (the same route answering differently is another node). */
export interface RouteNode {
  readonly kind: 'route'
  readonly id: string
  /** Identity across runs: leg, context, method, path and a hash of the body (coverage matches on it). */
  readonly key: string
  readonly method: string
  /** Path on the app (`/ivr/choice`), with its query string, or an absolute URL on another host. */
  readonly path: string
  readonly leg: 'caller' | 'callee'
  /**
   * Which document it is: `call` (the call's own document: the first, a redirect, an action),
   * `screening`, `enqueue-wait`, `conference-wait`, `queue-url`; `after-hangup` for an action
   * Twilio reports to after the caller hung up (its TwiML is not run).
   */
  readonly context: string
  readonly label: string
  readonly document: DocumentFacts
  /** Validation issues the app's renderer reported while answering (Hono apps, see `exploreCalls`). */
  readonly issues: readonly TwimlIssue[]
  /**
   * The app could not render its document and answered `twiml()`'s broken-document answer (the
   * apology) instead; `thrown` says why when it was not a validation error.
   */
  readonly brokenDocument?: boolean
  readonly thrown?: string
  /** Callbacks sent from this document that the app answered with an error status, and a path that sends each. */
  readonly failedCallbacks: readonly {
    readonly kind: string
    readonly method: string
    readonly path: string
    readonly status: number
    readonly reach: CallPath
  }[]
  readonly reach: CallPath
}

/** A verb where the call waits for something: a Gather, a Dial, a Record, an Enqueue, .... */
export interface DecisionNode {
  readonly kind: 'decision'
  readonly id: string
  readonly key: string
  /** The verb: `Gather`, `Dial`, `Record`, `Enqueue`, `Conference`, `Pay`, `Refer`. */
  readonly verb: string
  /** The route whose document holds the verb. */
  readonly route: string
  readonly leg: 'caller' | 'callee'
  readonly label: string
  readonly reach: CallPath
}

/** Where the call started: one per entry route. */
export interface StartNode {
  readonly kind: 'start'
  readonly id: string
  readonly key: string
  readonly entry: string
  readonly label: string
  readonly reach: CallPath
}

/** The call ended (a `<Hangup>`, the end of the document, the caller hanging up, ...). */
export interface EndNode {
  readonly kind: 'end'
  readonly id: string
  readonly key: string
  readonly reason: string
  readonly label: string
  readonly reach: CallPath
}

/** Where the call broke: a dead link, a document that is not TwiML, a redirect loop, a verb Twilio refuses. */
export interface FailureNode {
  readonly kind: 'failure'
  readonly id: string
  readonly key: string
  /**
   * `http`: the route answered 4xx/5xx; `not-twiml`: it answered something else than a TwiML
   * document; `loop`: requests followed each other without caller input; `call`: Twilio would refuse
   * what the document asks (a `<Dial>` in a screening document, ...).
   */
  readonly failure: 'http' | 'not-twiml' | 'loop' | 'call'
  readonly message: string
  /** The failing request, when one failed. */
  readonly request?: { readonly method: string; readonly path: string; readonly kind: string; readonly status?: number }
  /** For a loop: the requests that repeat, in order. */
  readonly cycle?: readonly string[]
  /** Validation issues the app's renderer reported for the failing request (why it answered 500). */
  readonly issues: readonly TwimlIssue[]
  /** The error the app's handler threw, when a Hono app's route threw one. */
  readonly thrown?: string
  readonly label: string
  readonly reach: CallPath
}

/** Where the explorer stopped without an answer: another host, a verb the simulator does not run. */
export interface OutsideNode {
  readonly kind: 'outside'
  readonly id: string
  readonly key: string
  readonly message: string
  readonly label: string
  readonly reach: CallPath
}

export type MapNode = RouteNode | DecisionNode | StartNode | EndNode | FailureNode | OutsideNode

/** What happened on an edge, as far as the lint rules care. */
export type Outcome =
  | 'press'
  | 'speech'
  | 'silence'
  | 'caller-hangup'
  | 'answered'
  | 'dial-completed'
  | 'dial-busy'
  | 'dial-no-answer'
  | 'dial-failed'
  | 'dial-canceled'
  | 'recording'
  | 'no-recording'
  | 'queue-bridged'
  | 'queue-left'
  | 'queue-failed'
  | 'screening'
  | 'payment'
  | 'payment-failed'
  | 'refer'
  | 'refer-failed'
  | 'conference-ended'
  /** Time passes in a queue: its wait music runs again. */
  | 'waiting'
  /** The call goes on by itself: a redirect, a document that runs into a verb, a nested one ending. */
  | 'flow'

/** One input (or happening) an edge stands for. */
export interface EdgeInput {
  readonly label: string
  readonly outcome: Outcome
  /** An error branch: a Dial not answered, a queue that failed, no recording, a failed payment. */
  readonly error: boolean
  /** How to take this edge: the path to its source and the inputs to its target. */
  readonly reach: CallPath
}

/** A step from one node to another, with every input that takes it. */
export interface MapEdge {
  readonly id: string
  readonly from: string
  readonly to: string
  /** The inputs' labels joined: `press 1 · say sales · say buy`. */
  readonly label: string
  readonly inputs: readonly EdgeInput[]
  /** Nothing is said or played between the input and the target (no `<Say>`, `<Play>`). */
  readonly silent: boolean
}

/** Something the explorer did not explore, and why. */
export interface CutItem {
  /** `depth`: the path reached `maxDepth`; `states`: `maxStates` waits were explored; `outside`: see {@link OutsideNode}. */
  readonly reason: 'depth' | 'states' | 'outside'
  readonly node: string
  readonly message: string
  readonly reach: CallPath
}

/** The map of an app's call flows. */
export interface CallMap {
  readonly version: 1
  /** The start node of each entry route. */
  readonly entries: readonly string[]
  readonly nodes: readonly MapNode[]
  readonly edges: readonly MapEdge[]
  /** What was not explored; empty when the map is complete. */
  readonly cut: readonly CutItem[]
  readonly stats: {
    /** Calls simulated (each replays a path from the start). */
    readonly runs: number
    /** Distinct waits explored. */
    readonly states: number
    /** Distinct requests the app answered (TwiML fetches and callbacks; replays are answered from memory). */
    readonly requests: number
  }
}
