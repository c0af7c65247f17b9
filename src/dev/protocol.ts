/**
 * What the console's server and its page say to each other: plain JSON, so a saved session is a
 * file, the page is a thin view of the simulator's own events, and another panel (a flow map, a chat
 * view) can read the same stream.
 */
import type { CallEvent, CallInput, SimulatedRequest, WaitingFor } from '../testing/simulator/index.js'

/** How a call is placed: the first request, as the form on the page sets it. */
export interface CallSetup {
  /** Path of the app (`/ivr`) or an absolute URL on the app's origin. */
  readonly url: string
  /** Default `POST`. */
  readonly method?: 'GET' | 'POST'
  readonly from?: string
  readonly to?: string
  /** More call parameters, sent with every request of the call (`CallerName`, `SipHeader_X-…`). */
  readonly params?: Readonly<Record<string, string>>
}

/** A problem the app had answering one request: a validation issue, a warning, an exception. */
export interface ConsoleIssue {
  readonly severity: 'error' | 'warning'
  readonly message: string
  /** Element path (`Response > Dial > Sip[2]`), for validation issues. */
  readonly path?: string
  /** Stable rule id (`sip.uri-length`), for validation issues. */
  readonly rule?: string
  /** Twilio error code or documentation link. */
  readonly code?: string | number
}

/** What the console adds to a request the simulator sent. */
export interface HttpDetail {
  /** The `X-Twilio-Signature` header sent, when the call is signed. */
  readonly signature?: string
  /** The response body pretty-printed, when it is XML. */
  readonly twiml?: string
  /** Validation issues, warnings and exceptions the app reported while answering. */
  readonly issues: readonly ConsoleIssue[]
}

/** One line of the timeline: a simulator event, when it happened, and what the page shows for it. */
export interface TimelineEntry {
  /** Position in the call's timeline, from 0 (the SSE event id). */
  readonly seq: number
  /** The virtual second it happened at. */
  readonly at: number
  /** The transcript's line for the event (`Say "…"`, `POST /ivr/choice Digits=2`); empty when it has none. */
  readonly line: string
  readonly event: CallEvent
  /** For `request` and `callback` events, and for an `error` event caused by a request. */
  readonly http?: HttpDetail
  /** For an `error` event: the request whose answer stopped the call, if one did. */
  readonly failed?: SimulatedRequest
  /** For a `waiting` event: what the call waits for, in words. */
  readonly label?: string
}

/** Where a call stands after its latest move. */
export interface CallState {
  readonly id: string
  /** The virtual clock, in seconds since the first request. */
  readonly now: number
  readonly ended: boolean
  readonly endReason?: string
  /** Why the simulation failed, if it did. */
  readonly error?: string
  readonly waiting?: WaitingFor
  /** `describeWait(waiting)`. */
  readonly label?: string
  /** `inputChoices(waiting)`: the buttons of a wait the page has no special controls for. */
  readonly choices: readonly CallInput[]
  /** How many inputs the call has taken. */
  readonly inputs: number
}

/** The messages of a call's event stream (`GET api/calls/:id/events`, Server-Sent Events). */
export type ConsoleMessage =
  | { readonly type: 'entry'; readonly entry: TimelineEntry }
  | { readonly type: 'state'; readonly state: CallState }

/** One input as the session keeps it: the input, and the wait it answered. */
export interface RecordedInput {
  readonly input: CallInput
  /** `index` of the wait it answered. */
  readonly wait: number
  /** `describeWait` of that wait, and where: `/ivr: waiting for input`. */
  readonly at: string
}

/** A saved session (`Save session`): enough to place the same call again and replay it. */
export interface SessionFile {
  readonly format: typeof SESSION_FORMAT
  readonly version: 1
  readonly call: CallSetup
  /** Every input in order, `advance` steps included; each answers the next wait (see `decide`). */
  readonly inputs: readonly CallInput[]
  /** The transcript when it was saved, for people reading the file. */
  readonly transcript?: string
}

export const SESSION_FORMAT = 'twiml-jsx-call-session'

/** A route of the app the page offers. */
export interface RouteInfo {
  readonly method: string
  readonly path: string
}

/** `GET api/app`: what the page needs to place a call. */
export interface AppInfo {
  readonly title: string
  readonly routes: readonly RouteInfo[]
  /** The route selected at first. */
  readonly entry: string
  readonly from: string
  readonly to: string
  /** Whether requests are signed, and where the token came from. */
  readonly signing: { readonly signed: boolean; readonly source: string }
  /** The file a "Copy as test" test is meant for, relative to the project root. */
  readonly testFile: string
  /** Set when the app could not be (re)loaded: no call can be placed until it is fixed. */
  readonly error?: string
}
