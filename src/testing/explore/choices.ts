/**
 * What the explorer tries at each wait: the inputs that can change where the call goes. At a
 * `<Gather>` each key that ends it, each speech hint, silence; at a `<Dial>` each ringing party
 * answering, everyone declining (busy, failed, and for `<Sip>` the SIP responses apps tell apart),
 * nobody answering; at a `<Record>` a recording and none; in a queue each result; and everywhere
 * the caller hanging up. A choice is a list of inputs for consecutive waits: declining a parallel
 * `<Dial>` declines each ringing party in turn.
 */
import type { CallInput, WaitingFor } from '../simulator/waiting.js'
import { inputChoices } from '../simulator/waiting.js'

/** Inputs for consecutive waits, starting at the wait they are chosen for. */
export type Choice = readonly CallInput[]

/**
 * SIP final responses worth trying when a `<Sip>` is declined: not found, temporarily unavailable,
 * busy here, declined, service unavailable (https://www.twilio.com/docs/voice/twiml/sip#dial-action:
 * the action gets `DialSipResponseCode`).
 */
export const SIP_DECLINE_CODES = [404, 480, 486, 603, 503] as const

const untilDeadline = (waiting: WaitingFor): Choice[] =>
  waiting.deadline === undefined ? [] : [[{ kind: 'advance', seconds: Math.max(0, waiting.deadline - waiting.since) }]]

/** The choices the explorer tries at a wait, in a fixed order. */
export function explorerChoices(waiting: WaitingFor): Choice[] {
  switch (waiting.kind) {
    case 'dial': {
      const ringing = waiting.parties.filter((p) => p.state === 'ringing')
      const choices: Choice[] = []
      for (const party of ringing) {
        choices.push([{ kind: 'answer', party: party.index }])
        if (party.machineDetection !== undefined) {
          choices.push([{ kind: 'answer', party: party.index, answeredBy: 'machine_end_beep' }])
        }
      }
      const declineAll = (how: { status?: 'busy' | 'failed'; sipResponseCode?: number }): Choice =>
        ringing.map((p) => ({ kind: 'decline', party: p.index, ...how }))
      if (ringing.some((p) => p.noun === 'Sip')) {
        for (const code of SIP_DECLINE_CODES) choices.push(declineAll({ sipResponseCode: code }))
      } else {
        choices.push(declineAll({ status: 'busy' }), declineAll({ status: 'failed' }))
      }
      choices.push(...untilDeadline(waiting), [{ kind: 'hangup' }])
      return choices
    }
    case 'bridged': {
      // How long the parties talk changes only a duration; who ends the conversation changes the flow.
      const choices: Choice[] = [[{ kind: 'hangup', leg: 'callee' }]]
      if (waiting.hangupOnStar) choices.push([{ kind: 'press', digits: '*' }])
      choices.push([{ kind: 'hangup' }])
      return choices
    }
    case 'record': {
      const key = waiting.finishOnKey[0]
      return [
        [key === undefined ? { kind: 'record', seconds: 10 } : { kind: 'record', seconds: 10, key }],
        [{ kind: 'silence' }],
        [{ kind: 'hangup' }],
      ]
    }
    case 'queue': {
      const choices: Choice[] = [[{ kind: 'queue-result', result: 'bridged' }]]
      // A full queue or an error turns the caller away on entering, not after waiting.
      if (waiting.queueTime === 0) {
        for (const result of ['queue-full', 'error', 'system-error'] as const) {
          choices.push([{ kind: 'queue-result', result }])
        }
      }
      // Time matters only when the wait music runs again (Twilio's own hold music changes nothing).
      if (waiting.waitUrl !== undefined) choices.push(...untilDeadline(waiting))
      choices.push([{ kind: 'hangup' }])
      return choices
    }
    default:
      return inputChoices(waiting).map((input) => [input])
  }
}
