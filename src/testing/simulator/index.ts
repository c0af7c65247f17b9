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
 * Scripted (`simulateCall`): the options script the world (who answers, how long a recording is,
 * what a queue does); unscripted parties take defaults, and the call stops only at the caller's
 * `<Gather>`. Steered (`startCall`): every decision nothing scripts waits for the controller —
 * `call.waitingFor` says what, `call.answer()`/`press()`/`advance()` decide — while events stream
 * out (`call.on()`, `for await (const event of call)`).
 *
 * Layout: `runtime.ts` runs the call (documents, waits, the virtual clock of `clock.ts`),
 * `http.ts` builds, signs and sends requests, `options.ts` is the script model, `waiting.ts` what a
 * wait looks like and what answers it, `verbs/` one module per verb family behind `verbs/table.ts`.
 */
import { SimulatedCall } from './call.js'
import { announceCall } from './observe.js'
import type { SimulateCallOptions, SimulatorApp } from './options.js'
import { CallRuntime } from './runtime.js'

export { SimulatedCall } from './call.js'
export type {
  CallEvent,
  CallLeg,
  EventPosition,
  RealtimeProtocolName,
  RequestKind,
  SimulatedRequest,
  SocketMessage,
} from './events.js'
export { CallSimulationError } from './http.js'
export { type CallObserver, observeCalls } from './observe.js'
export type {
  ConferenceParticipantScript,
  ConferenceScript,
  ConferenceScripts,
  DialOutcome,
  DialOutcomeScript,
  DialScript,
  DialTarget,
  Eventually,
  PayScript,
  QueueScript,
  QueueScripts,
  RecordScript,
  ReferScript,
  RelayScript,
  SimulateCallOptions,
  SimulatorApp,
  StreamScript,
} from './options.js'
export { formatTranscript, notableParams, spokenText } from './transcript.js'
export type { PendingGather } from './verbs/gather.js'
export {
  type AnsweredBy,
  type BridgedWait,
  type CallInput,
  type ConferenceParticipant,
  type ConferenceWait,
  type DialParty,
  type DialWait,
  DTMF_KEYS,
  describeWait,
  type GatherWait,
  inputChoices,
  type PayResult,
  type PayWait,
  type QueueWait,
  type RecordWait,
  type ReferStatus,
  type ReferWait,
  type WaitBase,
  type WaitingFor,
} from './waiting.js'
export type { RealtimeInput, RelayInterruptible, RelayWait, StreamWait } from './waiting-realtime.js'

/**
 * Starts a scripted call: requests `options.url` as Twilio would for an incoming call and runs the
 * TwiML until the call waits at the caller's `<Gather>` (or at a wait a script's Promise leaves
 * open) or ends. Then `press`, `speak`, `silence` or `hangup` move it on; `events`, `requests` and
 * `transcript()` show what happened.
 *
 * Every request carries the standard parameters (`CallSid`, `AccountSid`, `From`, `To`, `CallStatus`,
 * `Direction`, `ApiVersion`) and is signed when `authToken` is given. A route that answers with an
 * HTTP error, something other than XML, or a document that is not TwiML throws a
 * `CallSimulationError` naming the request.
 */
export async function simulateCall(app: SimulatorApp, options: SimulateCallOptions): Promise<SimulatedCall> {
  const runtime = new CallRuntime(app, options, false)
  const call = new SimulatedCall(runtime)
  announceCall(call, options)
  void runtime.main()
  await runtime.waits.whenPaused()
  return call
}

/**
 * Starts a steered call and returns at once; the first request goes out on the next tick, so
 * listeners added now see every event. Whatever the options script is decided by it; every other
 * decision — a Gather's input, each dialed party's answer, the end of a conversation, a recording, a
 * queue's agent — waits for the controller: `await call.nextWait()` says what the call waits for,
 * `call.respond(input)` (or `press`, `answer`, `decline`, `hangup`, `advance`) decides it.
 * Same options and inputs, same events, SIDs, timestamps and requests.
 */
export function startCall(app: SimulatorApp, options: SimulateCallOptions): SimulatedCall {
  const runtime = new CallRuntime(app, options, true)
  const call = new SimulatedCall(runtime)
  announceCall(call, options)
  void Promise.resolve().then(() => runtime.main())
  return call
}
