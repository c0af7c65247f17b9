/**
 * `<Dial>`: rings its nouns — in order (`sequential`) or all at once — connects the first to answer
 * (after its screening document, if any), and reports to `action`.
 * Rules from https://www.twilio.com/docs/voice/twiml/dial:
 * - each attempt rings at most `timeout` seconds; the conversation lasts at most `timeLimit`;
 * - `action` gets `DialCallStatus`, `DialCallSid`, `DialCallDuration`, `DialBridged` (and for
 *   `<Sip>` `DialSipCallId`, `DialSipResponseCode`; with `record`, the recording); without an action
 *   the next verb runs; after the caller hangs up the action is requested but its TwiML not run;
 * - a noun's `url` runs on the called party before the parties are connected: the document ending
 *   connects them, a hang-up declines (https://www.twilio.com/docs/voice/twiml/number#url).
 */
import type { DialCallStatus } from '../../../webhook/params.js'
import { attribute, childElements, type XmlElement } from '../../xml.js'
import { booleanOr, integerOr, SIMULATED } from '../defaults.js'
import type { EventPosition } from '../events.js'
import type { CallRuntime, Doc, Step, VerbContext } from '../runtime.js'
import type { AnsweredBy } from '../waiting.js'
import { converse } from './bridge.js'
import { conferenceDial } from './conference.js'
import { afterDial } from './dial-action.js'
import { answered } from './dial-answer.js'
import {
  describeParty,
  dialParties,
  legEvent,
  type Party,
  reportedSipCode,
  rings,
  short,
  sipStatus,
  statusCallback,
} from './dial-parties.js'
import { finishDialRecording, startDialRecording } from './dial-record.js'

export interface DialState {
  readonly call: CallRuntime
  readonly doc: Doc
  readonly at: EventPosition
  readonly parties: readonly Party[]
  readonly sequential: boolean
  readonly timeout: number
}

type RingEvent =
  | { readonly kind: 'answer'; readonly party: Party; readonly answeredBy?: AnsweredBy | undefined }
  | {
      readonly kind: 'end'
      readonly party: Party
      readonly status: 'busy' | 'no-answer' | 'failed'
      readonly sipCode?: number | undefined
    }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'none' }
  | { readonly kind: 'hangup' }

/** The party an input names: its index, its target or address, or (absent) the first one ringing. */
function findParty(parties: readonly Party[], party: number | string | undefined): Party | undefined {
  const ringing = parties.filter((p) => p.state === 'ringing')
  if (party === undefined) return ringing[0]
  return ringing.find(
    (p) => p.index === party || p.target === party || p.address === party || short(p.target) === party,
  )
}

/** Waits for the next thing to happen to the ringing parties: a planned outcome, an input, the timeout. */
async function nextRingEvent(state: DialState, timeoutAt: number): Promise<RingEvent> {
  const { call, doc, at, parties } = state
  for (;;) {
    const ringing = parties.filter((p) => p.state === 'ringing')
    if (ringing.length === 0) return { kind: 'none' }
    const planned = ringing
      .flatMap((party) =>
        party.plan === undefined ? [] : [{ party, plan: party.plan, at: party.ringStart + party.plan.ringFor }],
      )
      .sort(
        (a, b) =>
          a.at - b.at ||
          Number(b.plan.answers) - Number(a.plan.answers) ||
          a.party.rank - b.party.rank ||
          a.party.index - b.party.index,
      )
    const next = planned[0]
    const planned_ = (n: NonNullable<typeof next>): RingEvent =>
      n.plan.answers
        ? { kind: 'answer', party: n.party, answeredBy: n.plan.answeredBy }
        : { kind: 'end', party: n.party, status: n.plan.status }
    const undecided = ringing.filter((p) => p.plan === undefined)
    if (undecided.length === 0) {
      if (next === undefined || next.at > timeoutAt) {
        call.clock.advanceTo(timeoutAt)
        return { kind: 'timeout' }
      }
      call.clock.advanceTo(next.at)
      return planned_(next)
    }
    const settling = undecided.flatMap((p) => (p.planning === undefined ? [] : [p.planning]))
    const first = undecided.find((p) => p.planning === undefined)
    const resolution = await call.wait(
      at,
      {
        kind: 'dial',
        deadline: Math.min(next?.at ?? Number.POSITIVE_INFINITY, timeoutAt),
        sequential: state.sequential,
        timeout: state.timeout,
        parties: parties.map(describeParty),
      },
      doc,
      {
        wake: settling.length === 0 ? undefined : Promise.race(settling),
        // Unscripted (and undecided by the decide hook), a party answers after the usual ring.
        fallback:
          first === undefined
            ? undefined
            : {
                at: Math.max(call.clock.now, first.ringStart + SIMULATED.ringSeconds),
                input: { kind: 'answer', party: first.index },
              },
        accepts: (input) => {
          if (input.kind === 'answer' || input.kind === 'decline') {
            return findParty(parties, input.party) === undefined
              ? `no ringing party ${input.party === undefined ? '' : `${JSON.stringify(input.party)} `}to ${input.kind}`
              : undefined
          }
          if (input.kind === 'hangup') {
            return input.leg === 'callee' ? 'no dialed party has answered yet: decline it instead' : undefined
          }
          return 'the call is waiting at a <Dial>, which takes answer, decline, hangup or advance'
        },
      },
    )
    switch (resolution.kind) {
      case 'wake':
        continue
      case 'deadline':
        if (next !== undefined && next.at <= call.clock.now) return planned_(next)
        return { kind: 'timeout' }
      case 'answer':
        return { kind: 'answer', party: findParty(parties, resolution.party)!, answeredBy: resolution.answeredBy }
      case 'decline': {
        const code = resolution.sipResponseCode
        const fromCode = code === undefined ? undefined : sipStatus(code)
        const status = resolution.status ?? (fromCode === undefined || fromCode === 'answer' ? 'busy' : fromCode)
        return { kind: 'end', party: findParty(parties, resolution.party)!, status, sipCode: code }
      }
      case 'hangup':
        return { kind: 'hangup' }
      default:
        throw new Error(`unexpected ${resolution.kind} at a <Dial>`)
    }
  }
}

async function ended(
  state: DialState,
  party: Party,
  status: 'busy' | 'no-answer' | 'failed' | 'canceled',
  code?: number,
) {
  party.state = status === 'canceled' ? 'canceled' : status
  party.result = status
  if (code !== undefined) party.sipCode = code
  legEvent(state.call, state.at, party, status)
  await statusCallback(state.call, party, state.at, 'completed', status)
}

/** Rings the parties; returns the one connected, or whether the caller hung up. */
async function ring(state: DialState): Promise<{ winner?: Party; hungUp?: boolean }> {
  const { call, at, parties, timeout } = state
  const cancelRinging = async () => {
    for (const p of parties) if (p.state === 'ringing') await ended(state, p, 'canceled')
  }
  const groups = state.sequential ? parties.map((p) => [p]) : [parties]
  for (const group of groups) {
    const start = call.clock.now
    for (const p of group) p.ringStart = start
    for (const p of group) await statusCallback(call, p, at, 'initiated', 'initiated')
    // Busy and failed lines never ring; they end at once.
    for (const p of group) {
      if (p.plan !== undefined && !rings(p.plan)) {
        p.state = 'ringing'
        if (!state.sequential) await ended(state, p, p.plan.status)
      }
    }
    for (const p of group) {
      if (p.state === 'queued') {
        p.state = 'ringing'
        await statusCallback(call, p, at, 'ringing', 'ringing')
      }
    }
    for (;;) {
      const event = await nextRingEvent(state, start + timeout)
      if (event.kind === 'none') break
      if (event.kind === 'timeout') {
        for (const p of group) if (p.state === 'ringing') await ended(state, p, 'no-answer')
        break
      }
      if (event.kind === 'hangup') {
        await cancelRinging()
        return { hungUp: true }
      }
      if (event.kind === 'end') {
        await ended(state, event.party, event.status, event.sipCode)
        continue
      }
      const outcome = await answered(state, event.party, event.answeredBy)
      if (outcome === 'hangup') {
        await cancelRinging()
        return { hungUp: true }
      }
      if (outcome === 'accepted') {
        // Still ringing: hung up now that another leg is connected.
        await cancelRinging()
        return { winner: event.party }
      }
    }
  }
  return {}
}

export async function dialVerb({ call, leg, doc, at }: VerbContext, verb: XmlElement): Promise<Step> {
  const timeout = integerOr(verb, 'Dial', 'timeout')
  const timeLimit = integerOr(verb, 'Dial', 'timeLimit')
  const sequential = attribute(verb, 'sequential') === 'true'
  const hangupOnStar = booleanOr(verb, 'Dial', 'hangupOnStar')
  const only = childElements(verb)
  if (only.length === 1 && only[0]!.name === 'Conference') return conferenceDial(call, leg, doc, at, verb, only[0]!)
  const parties = await dialParties(call, verb, doc, timeout)
  call.emit(at, { type: 'dial', targets: parties.map((p) => p.target), sequential, timeout })
  const state: DialState = {
    call,
    doc,
    at: { leg: 'caller', depth: at.depth + 1 },
    parties,
    sequential: sequential || parties.length === 1,
    timeout,
  }
  const dialStart = call.clock.now
  const { winner, hungUp } = await ring(state)
  let recorded: Record<string, string> = {}

  let status: DialCallStatus
  let reported: Party
  let seconds: number | undefined
  let callerHungUp = hungUp === true
  if (winner !== undefined) {
    const plan = winner.plan === undefined ? undefined : { seconds: winner.plan.duration, hangup: winner.plan.hangup }
    winner.state = 'connected'
    const recording = await startDialRecording(call, state.at, doc, verb, dialStart)
    const talk = await converse(call, state.at, doc, describeParty(winner), { timeLimit, hangupOnStar, plan })
    seconds = talk.seconds
    if (recording !== undefined) recorded = finishDialRecording(call, at, recording)
    callerHungUp = talk.endedBy === 'caller'
    winner.result = 'completed'
    winner.state = 'completed'
    call.emit(state.at, { type: 'connected', target: short(winner.target), seconds })
    await statusCallback(call, winner, state.at, 'completed', 'completed', { CallDuration: String(seconds) })
    status = winner.tag === 'Conference' ? 'answered' : 'completed'
    reported = winner
  } else if (hungUp) {
    // The caller gave up while it rang: the attempts are canceled.
    status = 'canceled'
    reported = parties.find((p) => p.result === 'canceled') ?? parties[parties.length - 1]!
  } else if (state.sequential) {
    reported = parties[parties.length - 1]!
    status = reported.result === 'canceled' || reported.result === undefined ? 'no-answer' : reported.result
  } else {
    // Several parties, none connected: a missed answer counts before busy, busy before failure.
    const found =
      (['no-answer', 'busy', 'failed'] as const).find((s) => parties.some((p) => p.result === s)) ?? 'no-answer'
    status = found
    reported = parties.find((p) => p.result === found) ?? parties[0]!
  }
  call.emit(at, { type: 'dial-end', status, ...(seconds === undefined ? {} : { seconds }) })

  const params: Record<string, string> = { DialCallStatus: status, DialCallSid: reported.sid }
  if (seconds !== undefined) params.DialCallDuration = String(seconds)
  params.DialBridged = winner === undefined ? 'false' : 'true'
  const sipCode = reportedSipCode(reported)
  if (reported.sipCallId !== undefined && sipCode !== undefined) {
    params.DialSipCallId = reported.sipCallId
    params.DialSipResponseCode = String(sipCode)
  }
  Object.assign(params, recorded)

  return afterDial(call, leg, doc, verb, params, callerHungUp)
}
