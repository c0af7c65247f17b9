/**
 * `<Refer>`: transfers a SIP call with a SIP REFER; the outcome is scripted (`refer` option) or
 * chosen by the controller. Rules from https://www.twilio.com/docs/voice/twiml/refer:
 * - only SIP call legs can be referred (PSTN and Voice SDK calls are an error);
 * - the action gets `ReferCallStatus`, `ReferSipResponseCode` (202 when the REFER is accepted) and
 *   `NotifySipResponseCode` (the target's answer, from the NOTIFY); a rejected REFER reports only
 *   its code;
 * - when the target takes the call (`in-progress`) the SIP device's new call replaces the Twilio
 *   leg: the call is over for Twilio, so the action's TwiML is not run; otherwise it continues the call.
 */
import { attribute, childElements, textContent, type XmlElement } from '../../xml.js'
import { methodOf } from '../defaults.js'
import { CallSimulationError } from '../http.js'
import type { ReferScript } from '../options.js'
import type { Step, VerbContext } from '../runtime.js'
import type { ReferStatus } from '../waiting.js'

const NOTIFY_CODES: Record<ReferStatus, number> = {
  'in-progress': 200,
  busy: 486,
  'no-answer': 487,
  canceled: 487,
  failed: 503,
}

const REFER_SECONDS = 5

export async function referVerb({ call, leg, doc, at }: VerbContext, verb: XmlElement): Promise<Step> {
  const base = leg.base
  const sip = /^sip:/i.test(base.From ?? '') || /^sip:/i.test(base.To ?? '') || base.SipCallId !== undefined
  if (!sip) {
    throw new CallSimulationError(
      `<Refer> in ${call.http.display(doc.url)}: only SIP calls can be referred (give the call a sip: From or To, or a SipCallId param)`,
    )
  }
  const target = textContent(childElements(verb).find((e) => e.name === 'Sip') ?? verb).trim()
  call.emit(at, { type: 'refer', target })
  const inner = { leg: leg.name, depth: at.depth + 1 }
  const since = call.clock.now
  const fromScript = (script: ReferScript | undefined) => ({
    at: since + (script?.duration ?? REFER_SECONDS),
    input: {
      kind: 'refer' as const,
      status: script?.status ?? ('in-progress' as const),
      ...(script?.sipResponseCode === undefined ? {} : { sipResponseCode: script.sipResponseCode }),
      ...(script?.notifySipResponseCode === undefined ? {} : { notifySipResponseCode: script.notifySipResponseCode }),
    },
  })
  const option = call.options.refer
  const resolution = await call.wait(inner, { kind: 'refer', target }, doc, {
    script:
      option === undefined
        ? undefined
        : () => {
            const value = typeof option === 'function' ? option(target) : option
            return value instanceof Promise ? value.then(fromScript) : fromScript(value)
          },
    fallback: fromScript(undefined),
    accepts: (input) =>
      input.kind === 'refer' || input.kind === 'hangup'
        ? undefined
        : 'the call is being transferred: give a refer result',
  })
  if (resolution.kind === 'hangup') return { kind: 'ended', reason: 'caller hung up' }
  if (resolution.kind !== 'refer') throw new Error(`unexpected ${resolution.kind} at a <Refer>`)
  const referCode = resolution.sipResponseCode ?? 202
  const accepted = referCode >= 200 && referCode < 300
  const status: ReferStatus = accepted ? resolution.status : 'failed'
  const notifyCode = resolution.notifySipResponseCode ?? NOTIFY_CODES[status]
  call.emit(inner, { type: 'referred', status, sipResponseCode: accepted ? notifyCode : referCode })
  const params: Record<string, string> = accepted
    ? { ReferCallStatus: status, ReferSipResponseCode: String(referCode), NotifySipResponseCode: String(notifyCode) }
    : { ReferSipResponseCode: String(referCode) }
  const action = attribute(verb, 'action')
  const url = action === undefined ? undefined : call.http.absolute(action, doc.url, '<Refer action>')
  const method = methodOf(attribute(verb, 'method'))
  if (status === 'in-progress') {
    leg.status = 'completed'
    if (url !== undefined) await call.request(leg, 'refer-action', method, url, { ...call.params(leg), ...params })
    return { kind: 'ended', reason: `transferred to ${target}` }
  }
  if (url === undefined) return { kind: 'next' }
  return { kind: 'goto', request: 'refer-action', method, url, params }
}
