/**
 * What happens when a dialed party picks up, before the parties are connected: answering machine
 * detection, the noun's `url` document (call screening on the called party; for `<Queue>`, a
 * message to the dequeued caller).
 */
import { attribute } from '../../xml.js'
import { methodOf, SIMULATED } from '../defaults.js'
import type { Leg } from '../runtime.js'
import type { AnsweredBy } from '../waiting.js'
import type { DialState } from './dial.js'
import { legEvent, type Party, short, statusCallback } from './dial-parties.js'

/**
 * `machineDetection` on a `<Number>` or `<Sip>`: who answered goes to the `url` request and to
 * `amdStatusCallback` as `AnsweredBy` with `MachineDetectionDuration` (milliseconds).
 * https://www.twilio.com/docs/voice/twiml/number#machinedetection,
 * https://www.twilio.com/docs/voice/answering-machine-detection
 */
async function detectMachine(state: DialState, party: Party): Promise<Record<string, string>> {
  const { call, doc, at } = state
  const element = party.element
  if (element === undefined || attribute(element, 'machineDetection') === undefined) return {}
  const detected = {
    AnsweredBy: party.answeredBy ?? party.plan?.answeredBy ?? 'human',
    MachineDetectionDuration: String(SIMULATED.machineDetectionMilliseconds),
  }
  const callback = attribute(element, 'amdStatusCallback')
  if (callback !== undefined) {
    await call.callback(
      at,
      'amd-status-callback',
      methodOf(attribute(element, 'amdStatusCallbackMethod')),
      call.http.absolute(callback, doc.url, `<${party.tag} amdStatusCallback>`),
      { AccountSid: call.accountSid, CallSid: party.sid, ...detected },
    )
  }
  return detected
}

/**
 * `<Queue url>` runs on the dequeued caller's leg before the two are connected, with `QueueSid`,
 * `CallSid` (the dequeued call), `QueueTime` and `DequeingCallSid` (sic, as Twilio spells it); it
 * cannot decline. https://www.twilio.com/docs/voice/twiml/queue
 */
async function queueMessage(state: DialState, party: Party, url: string): Promise<void> {
  const { call, doc, at } = state
  const dequeued: Leg = { name: 'callee', depth: at.depth + 1, base: party.base, status: 'in-progress' }
  const message = await call.fetch(dequeued, {
    kind: 'goto',
    request: 'queue-url',
    method: methodOf(attribute(party.element!, 'method')),
    url: call.http.absolute(url, doc.url, '<Queue url>'),
    params: {
      QueueSid: party.queueSid ?? '',
      QueueTime: String(party.queueTime ?? 0),
      DequeingCallSid: call.sid,
    },
  })
  await call.run(dequeued, message, 'queue-url')
}

/**
 * Runs the noun's screening document on the called party's leg: its ending by itself connects the
 * parties, a hang-up declines. https://www.twilio.com/docs/voice/twiml/number#url
 */
async function screen(state: DialState, party: Party, detected: Record<string, string>) {
  const { call, doc, at } = state
  const url = party.element === undefined ? undefined : attribute(party.element, 'url')
  if (url === undefined) return 'accepted'
  if (party.tag === 'Queue') {
    await queueMessage(state, party, url)
    return call.callerGone ? 'hangup' : 'accepted'
  }
  const callee: Leg = {
    name: 'callee',
    depth: at.depth + 1,
    base: party.base,
    status: 'in-progress',
    input: { press: party.plan?.press, speak: party.plan?.speak, confidence: party.plan?.confidence },
  }
  const screening = await call.fetch(callee, {
    kind: 'goto',
    request: 'screening',
    method: methodOf(attribute(party.element!, 'method')),
    url: call.http.absolute(url, doc.url, `<${party.tag} url>`),
    params: detected,
  })
  const outcome = await call.run(callee, screening, 'screening')
  if (call.callerGone) return 'hangup'
  const accepted = outcome.kind === 'ended' && outcome.reason === 'end of document'
  call.emit(at, { type: 'screening-result', target: short(party.target), accepted })
  return accepted ? 'accepted' : 'declined'
}

/** A party picked up: reported, checked for a machine, screened; says whether it is connected. */
export async function answered(
  state: DialState,
  party: Party,
  answeredBy: AnsweredBy | undefined,
): Promise<'accepted' | 'declined' | 'hangup'> {
  const { call, at } = state
  party.state = 'answered'
  party.answered = true
  if (answeredBy !== undefined) party.answeredBy = answeredBy
  legEvent(call, at, party, 'answered')
  await statusCallback(call, party, at, 'answered', 'in-progress')
  const detected = await detectMachine(state, party)
  const screening = await screen(state, party, detected)
  if (screening !== 'declined') return screening
  party.state = 'declined'
  party.result = 'no-answer'
  await statusCallback(call, party, at, 'completed', 'completed', { CallDuration: '0' })
  return 'declined'
}
