/**
 * Verbs the simulator records and steps over, because what they do happens outside the call flow:
 * `<Connect>` (taken to end at once, then its action), `<Start>`/`<Stop>` (streams, recordings,
 * transcriptions run beside the call), `<Echo>` (until the caller hangs up) and `<Sms>`.
 * https://www.twilio.com/docs/voice/twiml/connect, https://www.twilio.com/docs/voice/twiml/stream,
 * https://www.twilio.com/docs/voice/twiml/echo, https://www.twilio.com/docs/voice/twiml/sms
 */
import { attribute, childElements, textContent, type XmlElement } from '../../xml.js'
import { methodOf } from '../defaults.js'
import type { Step, VerbContext } from '../runtime.js'

/** Describes a Connect/Start/Stop child for the transcript: `Stream wss://… (name)`. */
function describeElement(element: XmlElement): string {
  const url = attribute(element, 'url')
  const name = attribute(element, 'name')
  const text = textContent(element).trim()
  const parts = [element.name]
  if (url !== undefined) parts.push(url)
  else if (text !== '' && childElements(element).length === 0) parts.push(text)
  if (name !== undefined) parts.push(`(${name})`)
  return parts.join(' ')
}

export function connectVerb({ call, doc, at }: VerbContext, verb: XmlElement): Step {
  call.emit(at, { type: 'connect', targets: childElements(verb).map(describeElement) })
  const action = attribute(verb, 'action')
  if (action === undefined) return { kind: 'next' }
  const url = call.http.absolute(action, doc.url, '<Connect action>')
  return { kind: 'goto', request: 'connect-action', method: methodOf(attribute(verb, 'method')), url, params: {} }
}

export function startStopVerb({ call, at }: VerbContext, verb: XmlElement): Step {
  call.emit(at, { type: 'verb', tag: verb.name, detail: childElements(verb).map(describeElement).join(', ') })
  return { kind: 'next' }
}

export function echoVerb({ call, at }: VerbContext): Step {
  call.emit(at, { type: 'verb', tag: 'Echo', detail: '' })
  return { kind: 'ended', reason: '<Echo> runs until the caller hangs up' }
}

export function smsVerb({ call, doc, at }: VerbContext, verb: XmlElement): Step {
  const to = attribute(verb, 'to') ?? call.caller.base.From ?? ''
  call.emit(at, { type: 'verb', tag: 'Sms', detail: `to ${to}: ${JSON.stringify(textContent(verb).trim())}` })
  const action = attribute(verb, 'action')
  if (action === undefined) return { kind: 'next' }
  const url = call.http.absolute(action, doc.url, '<Sms action>')
  const params = { SmsSid: call.clock.sid('SM'), SmsStatus: 'sent' }
  return { kind: 'goto', request: 'sms-action', method: methodOf(attribute(verb, 'method')), url, params }
}
