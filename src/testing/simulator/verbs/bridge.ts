/**
 * Two parties connected — by a `<Dial>`, or a queue's agent — until one hangs up, the caller
 * presses `*` (`hangupOnStar`), or `timeLimit` passes. https://www.twilio.com/docs/voice/twiml/dial
 */

import { SIMULATED } from '../defaults.js'
import type { EventPosition } from '../events.js'
import { CallSimulationError } from '../http.js'
import type { CallRuntime, Doc } from '../runtime.js'
import type { DialParty } from '../waiting.js'
import type { Timed } from '../waits.js'

/** How a conversation ended. */
export type ConversationEnd = 'callee' | 'caller' | 'star' | 'time-limit'

/** A scripted conversation: its length, and who ends it. */
export interface ConversationPlan {
  readonly seconds: number
  readonly hangup: 'callee' | 'caller' | 'star'
}

/** Runs a conversation; returns its length and who ended it. */
export async function converse(
  call: CallRuntime,
  at: EventPosition,
  doc: Doc,
  party: DialParty,
  options: { readonly timeLimit: number; readonly hangupOnStar: boolean; readonly plan?: ConversationPlan | undefined },
): Promise<{ seconds: number; endedBy: ConversationEnd }> {
  const since = call.clock.now
  const deadline = since + options.timeLimit
  const input = (hangup: ConversationPlan['hangup']): Timed['input'] =>
    hangup === 'star' ? { kind: 'press', digits: '*' } : { kind: 'hangup', leg: hangup }
  const plan = options.plan
  if (plan?.hangup === 'star' && !options.hangupOnStar) {
    throw new CallSimulationError('the dial script ends the call with *, but the <Dial> has no hangupOnStar')
  }
  const resolution = await call.wait(
    at,
    { kind: 'bridged', deadline, party, timeLimit: options.timeLimit, hangupOnStar: options.hangupOnStar },
    doc,
    {
      script: plan === undefined ? undefined : () => ({ at: since + plan.seconds, input: input(plan.hangup) }),
      fallback: { at: since + SIMULATED.talkSeconds, input: input('callee') },
      accepts: (given) => {
        if (given.kind === 'hangup') return undefined
        if (given.kind === 'press') {
          if (given.digits !== '*') return 'only * does anything during a conversation (with hangupOnStar)'
          return options.hangupOnStar ? undefined : 'the <Dial> has no hangupOnStar: * does nothing'
        }
        return 'the parties are talking: hang up either leg, press * (hangupOnStar), or advance'
      },
    },
  )
  const seconds = call.clock.now - since
  if (resolution.kind === 'deadline') return { seconds, endedBy: 'time-limit' }
  if (resolution.kind === 'press') return { seconds, endedBy: 'star' }
  if (resolution.kind === 'hangup') return { seconds, endedBy: resolution.leg ?? 'caller' }
  throw new Error(`unexpected ${resolution.kind} during a conversation`)
}
