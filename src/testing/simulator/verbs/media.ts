/**
 * `<Connect>` (a ConversationRelay or Media Streams session on the app's socket, see relay.ts and
 * stream.ts; other nouns are taken to end at once, then its action), and verbs the simulator
 * records and steps over because what they do happens outside the call flow: `<Start>`/`<Stop>`
 * (streams, recordings, transcriptions run beside the call), `<Echo>` (until the caller hangs up)
 * and `<Sms>`.
 * https://www.twilio.com/docs/voice/twiml/connect, https://www.twilio.com/docs/voice/twiml/stream,
 * https://www.twilio.com/docs/voice/twiml/echo, https://www.twilio.com/docs/voice/twiml/sms
 */
import { attribute, childElements, textContent, type XmlElement } from '../../xml.js'
import { methodOf } from '../defaults.js'
import type { Step, VerbContext } from '../runtime.js'
import { relayVerb } from './relay.js'
import { connectAction, socketTarget } from './socket.js'
import { streamVerb } from './stream.js'

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

export function connectVerb(context: VerbContext, verb: XmlElement): Step | Promise<Step> {
  const { call, doc, at } = context
  const nouns = childElements(verb)
  call.emit(at, { type: 'connect', targets: nouns.map(describeElement) })
  const noun = nouns[0]
  if (noun !== undefined && (noun.name === 'ConversationRelay' || noun.name === 'Stream')) {
    const target = socketTarget(call, doc, noun)
    if (!('elsewhere' in target)) {
      return noun.name === 'Stream' ? streamVerb(context, verb, noun, target) : relayVerb(context, verb, noun, target)
    }
    call.emit(
      { leg: at.leg, depth: at.depth + 1 },
      {
        type: 'warning',
        message: `${target.elsewhere} is on another host: not opened (socketApps can name its app), the session is taken to end at once`,
      },
    )
  }
  return connectAction(context, verb, {})
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
