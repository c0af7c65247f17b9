/**
 * The parties of a `<Dial>`: its nouns, each one's scripted outcome (a plan) or none (the
 * controller decides), its call SID and parameters, and its status callbacks.
 * https://www.twilio.com/docs/voice/twiml/dial, https://www.twilio.com/docs/voice/twiml/number,
 * https://www.twilio.com/docs/voice/twiml/sip, https://www.twilio.com/docs/voice/twiml/client
 */

import type { HttpMethod } from '../../../voice/common.js'
import { DIAL_NOUNS } from '../../../voice/dial.js'
import type { CallStatus } from '../../../webhook/params.js'
import { attribute, childElements, textContent, type XmlElement } from '../../xml.js'
import { attributeOr, methodOf, SIMULATED } from '../defaults.js'
import type { EventPosition } from '../events.js'
import { CallSimulationError } from '../http.js'
import type { DialOutcome, DialOutcomeScript } from '../options.js'
import type { CallRuntime, Doc } from '../runtime.js'
import type { AnsweredBy, DialParty } from '../waiting.js'

const NOUNS: ReadonlySet<string> = new Set(DIAL_NOUNS)

/** SIP responses the simulator reports when a script gives none. */
export const SIP_DEFAULT_CODES = { answer: 200, busy: 486, 'no-answer': 487, failed: 503 } as const

/** How a final SIP response ends an attempt. */
export function sipStatus(code: number): 'answer' | 'busy' | 'no-answer' | 'failed' {
  if (code >= 200 && code < 300) return 'answer'
  if (code === 486 || code === 600 || code === 603) return 'busy'
  if (code === 408 || code === 480 || code === 487) return 'no-answer'
  return 'failed'
}

/** A dialed party's scripted behaviour, resolved against the Dial's timeout. */
export interface Plan {
  readonly answers: boolean
  readonly status: 'busy' | 'no-answer' | 'failed'
  readonly sipCode: number | undefined
  /** Seconds from the start of its ringing to the outcome. */
  readonly ringFor: number
  readonly duration: number
  readonly hangup: 'callee' | 'caller' | 'star'
  readonly answeredBy: AnsweredBy | undefined
  readonly press?: string | undefined
  readonly speak?: string | undefined
  readonly confidence?: number | undefined
}

/** One attempt of the Dial. */
export interface Party {
  readonly tag: string
  readonly element: XmlElement | undefined
  readonly target: string
  readonly address: string
  readonly index: number
  readonly sid: string
  readonly sipCallId: string | undefined
  /** Standard parameters of the dialed call's requests, without CallStatus. */
  readonly base: Readonly<Record<string, string>>
  readonly callbacks: { url: string; method: HttpMethod; events: ReadonlySet<string> } | undefined
  /** Order among parties answering at the same time (the script's key order). */
  rank: number
  plan: Plan | undefined
  /** A script Promise still settling. */
  planning: Promise<void> | undefined
  state: DialParty['state']
  ringStart: number
  sequence: number
  /** The party picked up (whatever happened next: screening may still decline). */
  answered: boolean
  /** How the attempt ended for the caller. */
  result?: 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled'
  /** The SIP code reported for a decline the controller chose. */
  sipCode?: number
  answeredBy?: AnsweredBy
  /** `<Queue>`: the queue's SID and how long the dequeued caller waited. */
  queueSid?: string
  queueTime?: number
}

interface Noun {
  readonly tag: string
  readonly element: XmlElement | undefined
  readonly target: string
  readonly address: string
  readonly index: number
}

function nouns(verb: XmlElement): Noun[] {
  const elements = childElements(verb)
  if (elements.length === 0) {
    const text = textContent(verb).trim()
    return text === '' ? [] : [{ tag: 'Number', element: undefined, target: text, address: text, index: 0 }]
  }
  return elements.map((element, index) => {
    if (!NOUNS.has(element.name)) throw new CallSimulationError(`<Dial> holds <${element.name}>, not a noun`)
    const named = childElements(element).find((e) => ['Uri', 'Identity', 'ApplicationSid'].includes(e.name))
    const target = textContent(named ?? element).trim()
    const address = element.name === 'Sip' ? target.replace(/[?;].*$/, '') : target
    return { tag: element.name, element, target, address, index }
  })
}

/** Turns a script's outcome into a plan, applying the Dial's timeout. */
export function toPlan(outcome: DialOutcome | undefined, timeout: number, sip: boolean): Plan {
  const o: DialOutcomeScript =
    outcome === undefined || outcome === 'answer'
      ? {}
      : typeof outcome === 'string'
        ? { status: outcome }
        : typeof outcome === 'number'
          ? { sipResponseCode: outcome }
          : outcome
  const fromCode = o.sipResponseCode === undefined ? undefined : sipStatus(o.sipResponseCode)
  let answers = o.answer ?? (o.status === undefined && (fromCode === undefined || fromCode === 'answer'))
  let status = o.status ?? (fromCode === undefined || fromCode === 'answer' ? 'no-answer' : fromCode)
  // A missed call rings until the timeout, unless a SIP response other than a timeout ended it (480).
  const timedOut = o.sipResponseCode === undefined || o.sipResponseCode === 408 || o.sipResponseCode === 487
  let ringFor = o.ringFor ?? (answers ? SIMULATED.ringSeconds : status === 'no-answer' && timedOut ? timeout : 0)
  let sipCode = o.sipResponseCode ?? SIP_DEFAULT_CODES[answers ? 'answer' : status]
  if (answers && ringFor > timeout) {
    // Rang longer than the Dial waits: Twilio cancels the INVITE (487).
    answers = false
    status = 'no-answer'
    ringFor = timeout
    sipCode = SIP_DEFAULT_CODES['no-answer']
  }
  if (!answers && status === 'no-answer') ringFor = Math.min(ringFor, timeout)
  return {
    answers,
    status,
    sipCode: sip ? sipCode : undefined,
    ringFor,
    duration: o.duration ?? SIMULATED.talkSeconds,
    hangup: o.hangup ?? 'callee',
    answeredBy: o.answeredBy,
    press: o.press,
    speak: o.speak,
    confidence: o.confidence,
  }
}

/** A script's outcome for a noun, and its rank (the key's position in an object script). */
function scripted(
  call: CallRuntime,
  noun: Noun,
): { outcome: DialOutcome | Promise<DialOutcome | undefined> | undefined; rank: number } {
  const script = call.options.dial
  if (typeof script === 'function') {
    return {
      outcome: script({ noun: noun.tag, target: noun.target, address: noun.address, index: noun.index }),
      rank: Number.POSITIVE_INFINITY,
    }
  }
  if (script === undefined) return { outcome: undefined, rank: Number.POSITIVE_INFINITY }
  const keys = Object.keys(script)
  for (const key of [noun.target, noun.target.replace(/\?.*$/, ''), noun.address, '*']) {
    if (Object.hasOwn(script, key)) {
      return { outcome: script[key], rank: key === '*' ? Number.POSITIVE_INFINITY : keys.indexOf(key) }
    }
  }
  return { outcome: undefined, rank: Number.POSITIVE_INFINITY }
}

/**
 * The Dial's parties, in order, each with its plan: the script's, else (an unscripted
 * `simulateCall` without a `decide` hook) the default one, else none — the controller decides.
 */
export async function dialParties(call: CallRuntime, verb: XmlElement, doc: Doc, timeout: number): Promise<Party[]> {
  const found = nouns(verb)
  if (found.length === 0) throw new CallSimulationError(`<Dial> in ${call.http.display(doc.url)} has nothing to dial`)
  const callerId = attribute(verb, 'callerId')
  const undecidedByDefault = call.steered || call.options.decide !== undefined
  const parties: Party[] = []
  for (const noun of found) {
    const { outcome, rank } = scripted(call, noun)
    const sid = call.clock.sid('CA')
    const element = noun.element
    const statusCallback = element === undefined ? undefined : attribute(element, 'statusCallback')
    const sip = noun.tag === 'Sip'
    // A dialed <Client>'s leg is addressed as `client:<identity>`. https://www.twilio.com/docs/voice/twiml/client
    const to = noun.tag === 'Client' ? `client:${noun.address}` : noun.address
    const queue = noun.tag === 'Queue' ? await dequeued(call, noun.address, sid) : undefined
    const party: Party = {
      ...(queue === undefined ? {} : { queueSid: queue.queueSid, queueTime: queue.queueTime }),
      tag: noun.tag,
      element,
      target: noun.target,
      address: noun.address,
      index: noun.index,
      sid,
      sipCallId: sip ? `${sid.slice(2, 18).toLowerCase()}@sip.twiml-jsx.invalid` : undefined,
      base: queue?.base ?? {
        CallSid: sid,
        AccountSid: call.accountSid,
        From: callerId ?? call.caller.base.From ?? '',
        To: to,
        Direction: 'outbound-dial',
        ApiVersion: '2010-04-01',
        ParentCallSid: call.sid,
        Called: to,
        Caller: callerId ?? call.caller.base.From ?? '',
      },
      callbacks:
        statusCallback === undefined || element === undefined
          ? undefined
          : {
              url: call.http.absolute(statusCallback, doc.url, `<${noun.tag} statusCallback>`),
              method: methodOf(attribute(element, 'statusCallbackMethod')),
              events: new Set(
                (attribute(element, 'statusCallbackEvent') ?? attributeOr(element, 'Number', 'statusCallbackEvent'))
                  .split(/\s+/)
                  .filter(Boolean),
              ),
            },
      rank,
      plan: undefined,
      planning: undefined,
      state: 'queued',
      ringStart: 0,
      sequence: 0,
      answered: false,
    }
    if (outcome instanceof Promise) {
      party.planning = outcome.then((settled) => {
        party.planning = undefined
        if (settled !== undefined || !undecidedByDefault) party.plan = toPlan(settled, timeout, sip)
      })
    } else if (outcome !== undefined || !undecidedByDefault) party.plan = toPlan(outcome, timeout, sip)
    parties.push(party)
  }
  return parties
}

/**
 * A `<Dial><Queue>` connects to the first caller waiting in the queue: the party's call is theirs
 * (an inbound call to the number the simulated call dialed), as the queue script describes it.
 */
async function dequeued(call: CallRuntime, queue: string, sid: string) {
  const scripts = call.options.queue
  const script =
    typeof scripts === 'function'
      ? await scripts(queue)
      : scripts === undefined
        ? undefined
        : Object.hasOwn(scripts, queue)
          ? scripts[queue]
          : scripts['*']
  return {
    base: {
      CallSid: sid,
      AccountSid: call.accountSid,
      From: script?.from ?? SIMULATED.dequeuedCaller,
      To: call.caller.base.To ?? '',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
    },
    queueSid: call.clock.sid('QU'),
    queueTime: script?.queueTime ?? 0,
  }
}

/** Whether a planned attempt rings at all (busy and failed lines do not). */
export function rings(plan: Plan): boolean {
  return plan.answers || plan.status === 'no-answer'
}

/** A dial target without its SIP headers, which make transcript lines long and add nothing there. */
export function short(target: string): string {
  return target.replace(/\?.*$/, '')
}

/** The party as a wait describes it. */
export function describeParty(party: Party): DialParty {
  const detection = party.element === undefined ? undefined : attribute(party.element, 'machineDetection')
  return {
    index: party.index,
    noun: party.tag,
    target: party.target,
    address: party.address,
    state: party.state,
    ...(detection === undefined ? {} : { machineDetection: detection }),
  }
}

/** Sends the party's status callback for an event, if it asked for that event. */
export async function statusCallback(
  call: CallRuntime,
  party: Party,
  at: EventPosition,
  event: 'initiated' | 'ringing' | 'answered' | 'completed',
  callStatus: CallStatus,
  extra: Record<string, string> = {},
): Promise<void> {
  const callbacks = party.callbacks
  if (callbacks === undefined || !callbacks.events.has(event)) return
  await call.callback(at, 'status-callback', callbacks.method, callbacks.url, {
    ...party.base,
    CallStatus: callStatus,
    ...extra,
    SequenceNumber: String(party.sequence++),
    CallbackSource: 'call-progress-events',
    Timestamp: call.clock.timestamp(),
  })
}

/** The transcript line of an attempt's outcome. */
export function legEvent(
  call: CallRuntime,
  at: EventPosition,
  party: Party,
  outcome: 'answered' | 'busy' | 'no-answer' | 'failed' | 'canceled',
): void {
  const sipCode =
    party.tag !== 'Sip'
      ? undefined
      : outcome === 'canceled'
        ? SIP_DEFAULT_CODES['no-answer']
        : outcome === 'answered'
          ? ((party.plan?.answers ? party.plan.sipCode : undefined) ?? SIP_DEFAULT_CODES.answer)
          : (party.sipCode ?? party.plan?.sipCode ?? SIP_DEFAULT_CODES[outcome])
  call.emit(at, {
    type: 'dial-leg',
    noun: party.tag,
    target: short(party.target),
    outcome,
    rang: call.clock.now - party.ringStart,
    ...(sipCode === undefined ? {} : { sipResponseCode: sipCode }),
  })
}

/** The SIP code the action reports for the party. */
export function reportedSipCode(party: Party): number | undefined {
  if (party.tag !== 'Sip') return undefined
  if (party.result === 'canceled') return SIP_DEFAULT_CODES['no-answer']
  if (party.answered) return party.plan?.answers ? (party.plan.sipCode ?? 200) : SIP_DEFAULT_CODES.answer
  const result = party.result === undefined || party.result === 'completed' ? 'no-answer' : party.result
  return party.sipCode ?? party.plan?.sipCode ?? SIP_DEFAULT_CODES[result]
}
