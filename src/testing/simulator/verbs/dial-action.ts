/**
 * What follows a `<Dial>` once its call (or conference) is over: the action URL with the Dial's
 * parameters, else the next verb. When the caller hung up, Twilio still requests the action but runs
 * nothing it answers. https://www.twilio.com/docs/voice/twiml/dial#action
 */
import { attribute, type XmlElement } from '../../xml.js'
import { methodOf } from '../defaults.js'
import type { CallRuntime, Doc, Leg, Step } from '../runtime.js'

export async function afterDial(
  call: CallRuntime,
  leg: Leg,
  doc: Doc,
  dial: XmlElement,
  params: Record<string, string>,
  callerHungUp: boolean,
): Promise<Step> {
  const action = attribute(dial, 'action')
  const url = action === undefined ? undefined : call.http.absolute(action, doc.url, '<Dial action>')
  const method = methodOf(attribute(dial, 'method'))
  if (callerHungUp) {
    if (url !== undefined) {
      // The call is over: Twilio reports the Dial, and nothing it answers is run.
      leg.status = 'completed'
      await call.request(leg, 'dial-action', method, url, { ...call.params(leg), ...params })
    }
    return { kind: 'ended', reason: 'caller hung up' }
  }
  if (url === undefined) return { kind: 'next' }
  return { kind: 'goto', request: 'dial-action', method, url, params }
}
