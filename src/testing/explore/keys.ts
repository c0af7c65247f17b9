/**
 * Identities: how the explorer tells two moments of two calls apart, and how it knows they are
 * the same. A request is known by its method, path, the parameters the call added (the
 * transcript's notable ones: `Digits`, `DialCallStatus`, `QueueTime`, ...) and the TwiML it got back;
 * a wait by the requests it happened in and what it waits for, minus its time and number.
 */
import type { SimulatedRequest } from '../simulator/events.js'
import { notableParams } from '../simulator/transcript.js'
import type { WaitingFor } from '../simulator/waiting.js'

/**
 * A 53-bit hash of a string as 14 hex digits (two 32-bit FNV-1a-style lanes mixed with Math.imul):
 * enough to tell apart the few hundred documents of one app, and the same on every runtime.
 */
export function hashText(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
  }
  a = Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) >>> 0
  b = Math.imul(b ^ (b >>> 13), 0x297a2d39) >>> 0
  return (b & 0x1fffff).toString(16).padStart(6, '0') + a.toString(16).padStart(8, '0')
}

/** Request kinds whose document runs inside another verb and returns to it. */
const NESTED_KINDS: ReadonlySet<string> = new Set(['screening', 'enqueue-wait', 'conference-wait', 'queue-url'])

/** Whether a request's document runs inside another (a screening, a queue's wait music). */
export function isNested(request: SimulatedRequest): boolean {
  return NESTED_KINDS.has(request.kind)
}

/**
 * Which kind of document a request fetched: `call` for the call's own documents, the request kind
 * for nested ones, `after-hangup` for an action requested after the caller hung up (Twilio sends
 * it with `CallStatus=completed` and runs nothing it answers).
 */
export function documentContext(request: SimulatedRequest): string {
  if (isNested(request)) return request.kind
  return request.params.CallStatus === 'completed' ? 'after-hangup' : 'call'
}

/** The map's identity of a route answering one document: the same on every run and in every test. */
export function routeKey(request: SimulatedRequest): string {
  return `route ${request.leg} ${documentContext(request)} ${request.method} ${request.path} #${hashText(request.body ?? '')}`
}

/**
 * The explorer's identity of a request: the route and its answer, plus the parameters the call
 * added. Call-level parameters (`hidden`: a variant's) are part of the variant's own key.
 */
export function requestStateKey(request: SimulatedRequest, hidden: ReadonlySet<string>): string {
  const params = notableParams(request.params, hidden)
    .map(([name, value]) => `${name}=${value}`)
    .sort()
    .join('&')
  return `${routeKey(request)} ?${params}`
}

/**
 * What a wait waits for, without what only says when (its number, its time, its deadline). A
 * Dial's parties that have finished ringing count as `done` however they ended: what follows
 * depends only on the ones still ringing or queued.
 */
export function waitShape(waiting: WaitingFor): string {
  const { index: _index, since: _since, deadline: _deadline, document: _document, ...rest } = waiting
  if (rest.kind === 'dial') {
    const parties = rest.parties.map((p) => ({
      index: p.index,
      target: p.target,
      state: p.state === 'ringing' || p.state === 'queued' ? p.state : 'done',
    }))
    return JSON.stringify({ ...rest, parties })
  }
  return JSON.stringify(rest)
}
