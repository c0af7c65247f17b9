/**
 * `<Redirect>`, `<Hangup>`, `<Reject>` and `<Leave>`: verbs that move the call elsewhere or end it.
 * https://www.twilio.com/docs/voice/twiml/redirect, https://www.twilio.com/docs/voice/twiml/hangup,
 * https://www.twilio.com/docs/voice/twiml/reject, https://www.twilio.com/docs/voice/twiml/leave
 */
import { attribute, textContent, type XmlElement } from '../../xml.js'
import { attributeOr, methodOf } from '../defaults.js'
import type { Step, VerbContext } from '../runtime.js'

export function redirectVerb({ call, doc, at }: VerbContext, verb: XmlElement): Step {
  const method = methodOf(attribute(verb, 'method'))
  const url = call.http.absolute(textContent(verb).trim(), doc.url, '<Redirect>')
  call.emit(at, { type: 'redirect', method, url: call.http.display(url) })
  return { kind: 'goto', request: 'redirect', method, url, params: {} }
}

export function hangupVerb({ call, at }: VerbContext): Step {
  call.emit(at, { type: 'hangup' })
  return { kind: 'ended', reason: 'hangup' }
}

export function rejectVerb({ call, at }: VerbContext, verb: XmlElement): Step {
  const reason = attributeOr(verb, 'Reject', 'reason')
  call.emit(at, { type: 'reject', reason })
  return { kind: 'ended', reason: `rejected (${reason})` }
}

/** In a queue's wait document `<Leave>` leaves the queue; anywhere else there is nothing to leave. */
export function leaveVerb({ call, at, context }: VerbContext): Step {
  call.emit(at, { type: 'leave' })
  return context === 'enqueue-wait' ? { kind: 'leave' } : { kind: 'next' }
}
