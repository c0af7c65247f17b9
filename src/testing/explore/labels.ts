/**
 * What an event says about the step of a walk it is in: "press 1", "say sales", "no input", "Dial
 * busy", "agent answers", "recording" — and whether it is an error branch. When a step holds several
 * such events (a Dial's legs, then its end), the one of highest rank names the step.
 */
import type { CallEvent } from '../simulator/events.js'
import type { Outcome } from './types.js'

export interface Label {
  readonly label: string
  readonly outcome: Outcome
  readonly error: boolean
  /** Rank: a higher one wins when a step holds several happenings. */
  readonly rank: number
}

const speech = (text: string) => (/^[\w'-]+$/.test(text) ? `say ${text}` : `say "${text}"`)

/** What one event says about the step it is in, if anything. */
export function labelOf(event: CallEvent): Label | undefined {
  const caller = (rank = 9): Label => ({
    label: event.leg === 'caller' ? 'caller hangs up' : 'callee hangs up',
    outcome: 'caller-hangup',
    error: false,
    rank,
  })
  switch (event.type) {
    case 'input':
      if (event.hangup) return caller()
      if (event.silence) return { label: 'no input', outcome: 'silence', error: false, rank: 3 }
      if (event.speech !== undefined) return { label: speech(event.speech), outcome: 'speech', error: false, rank: 3 }
      return { label: `press ${event.digits ?? ''}`, outcome: 'press', error: false, rank: 3 }
    case 'dial-end':
      if (event.status === 'canceled') return caller(8)
      if (event.status === 'completed' || event.status === 'answered') {
        return { label: `Dial ${event.status}`, outcome: 'dial-completed', error: false, rank: 8 }
      }
      return { label: `Dial ${event.status}`, outcome: `dial-${event.status}`, error: true, rank: 8 }
    case 'queue-result':
      switch (event.result) {
        case 'bridged':
          return { label: 'agent answers', outcome: 'queue-bridged', error: false, rank: 7 }
        case 'leave':
          return { label: 'leaves the queue', outcome: 'queue-left', error: false, rank: 7 }
        case 'hangup':
          return caller(7)
        default:
          return {
            label: event.result === 'queue-full' ? 'queue full' : `queue ${event.result.replace('-', ' ')}`,
            outcome: 'queue-failed',
            error: true,
            rank: 7,
          }
      }
    case 'paid':
      return event.result === 'success'
        ? { label: 'payment succeeds', outcome: 'payment', error: false, rank: 6 }
        : { label: `payment: ${event.result}`, outcome: 'payment-failed', error: true, rank: 6 }
    case 'referred':
      return event.status === 'completed'
        ? { label: 'Refer completed', outcome: 'refer', error: false, rank: 6 }
        : { label: `Refer ${event.status}`, outcome: 'refer-failed', error: true, rank: 6 }
    case 'recorded':
      if (event.hangup) return caller(5)
      return event.seconds === 0
        ? { label: 'no recording', outcome: 'no-recording', error: true, rank: 5 }
        : { label: 'recording', outcome: 'recording', error: false, rank: 5 }
    case 'screening-result':
      return event.accepted
        ? { label: 'accepts the call', outcome: 'screening', error: false, rank: 4 }
        : { label: 'declines the call', outcome: 'screening', error: true, rank: 4 }
    case 'dial-leg':
      return event.outcome === 'answered'
        ? { label: `${event.target} answers`, outcome: 'answered', error: false, rank: 2 }
        : undefined
    case 'conference-end':
      return { label: 'conference ends', outcome: 'conference-ended', error: false, rank: 1 }
    default:
      return undefined
  }
}

export function isPrompt(event: CallEvent): boolean {
  return event.type === 'say' || event.type === 'play'
}
