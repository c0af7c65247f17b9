/**
 * `<Record>`: records the caller until a `finishOnKey` key, `maxLength` seconds, `timeout` seconds
 * of silence, or a hang-up. Rules from https://www.twilio.com/docs/voice/twiml/record:
 * - the action (default: the document's URL) gets `RecordingUrl`, `RecordingSid`,
 *   `RecordingDuration` and `Digits` (the key that ended it, or `hangup`);
 * - an empty recording (silence only) requests no action: the call goes on with the next verb;
 * - after a hang-up the action is still requested, but its TwiML is not run;
 * - `recordingStatusCallback` gets the recording's events (`completed` by default; `absent` for an
 *   empty one) once the file is ready — after the action, like the transcription.
 */
import { attribute, type XmlElement } from '../../xml.js'
import { attributeOr, booleanOr, integerOr, methodOf, SIMULATED } from '../defaults.js'
import type { EventPosition } from '../events.js'
import { CallSimulationError } from '../http.js'
import type { RecordScript } from '../options.js'
import type { Step, VerbContext } from '../runtime.js'
import type { CallInput } from '../waiting.js'
import { transcriptionCallback } from './transcription.js'

const API = 'https://api.twilio.com/2010-04-01'

/** The URL Twilio gives a recording. */
export function recordingUrl(accountSid: string, recordingSid: string): string {
  return `${API}/Accounts/${accountSid}/Recordings/${recordingSid}`
}

export async function recordVerb({ call, leg, doc, at }: VerbContext, verb: XmlElement): Promise<Step> {
  const finishOnKey = attributeOr(verb, 'Record', 'finishOnKey')
  const maxLength = integerOr(verb, 'Record', 'maxLength')
  const timeout = integerOr(verb, 'Record', 'timeout')
  const transcribe = booleanOr(verb, 'Record', 'transcribe')
  const playBeep = booleanOr(verb, 'Record', 'playBeep')
  call.emit(at, { type: 'record', maxLength, finishOnKey, beep: playBeep, transcribe })
  const inner: EventPosition = { leg: leg.name, depth: at.depth + 1 }

  const index = call.count('record')
  const fromScript = (script: RecordScript | undefined): CallInput | undefined => {
    if (script === undefined) return undefined
    if (script.key !== undefined && (script.key.length !== 1 || !finishOnKey.includes(script.key))) {
      throw new CallSimulationError(
        `record script key "${script.key}" does not end this <Record> (finishOnKey "${finishOnKey}")`,
      )
    }
    return {
      kind: 'record',
      seconds: script.duration ?? SIMULATED.recordingSeconds,
      ...(script.key === undefined ? {} : { key: script.key }),
      ...(script.hangup ? { hangup: true } : {}),
      ...(script.transcription === undefined ? {} : { transcription: script.transcription }),
    }
  }
  const option = call.options.record
  const script =
    option === undefined
      ? undefined
      : () => {
          const value = typeof option === 'function' ? option(index) : option
          return value instanceof Promise ? value.then(fromScript) : fromScript(value ?? {})
        }
  const since = call.clock.now
  const statusCallback = attribute(verb, 'recordingStatusCallback')
  const statusEvents = new Set(attributeOr(verb, 'Record', 'recordingStatusCallbackEvent').split(/\s+/))
  const statusMethod = methodOf(attribute(verb, 'recordingStatusCallbackMethod'))
  const statusUrl = statusCallback === undefined ? undefined : call.http.absolute(statusCallback, doc.url)
  const common = { AccountSid: call.accountSid, CallSid: leg.base.CallSid ?? call.sid }
  const recordingSid = call.clock.sid('RE')
  const url = recordingUrl(call.accountSid, recordingSid)
  if (statusUrl !== undefined && statusEvents.has('in-progress')) {
    await call.callback(inner, 'recording-status-callback', statusMethod, statusUrl, {
      ...common,
      RecordingSid: recordingSid,
      RecordingUrl: url,
      RecordingStatus: 'in-progress',
      RecordingSource: 'RecordVerb',
      Timestamp: call.clock.timestamp(),
    })
  }
  const resolution = await call.wait(
    inner,
    { kind: 'record', deadline: since + maxLength, maxLength, finishOnKey, timeout, playBeep, transcribe },
    doc,
    {
      script,
      fallback: { kind: 'record', seconds: SIMULATED.recordingSeconds },
      accepts: (input) => {
        switch (input.kind) {
          case 'record':
            if (!(input.seconds >= 0)) return 'seconds must be 0 or more'
            if (input.key !== undefined && (input.key.length !== 1 || !finishOnKey.includes(input.key))) {
              return `key "${input.key}" does not end this <Record> (finishOnKey "${finishOnKey}")`
            }
            return undefined
          case 'press':
            return input.digits.length === 1 && finishOnKey.includes(input.digits)
              ? undefined
              : `only one key of finishOnKey "${finishOnKey}" ends this <Record>`
          case 'silence':
          case 'hangup':
            return input.kind === 'hangup' && input.leg === 'callee'
              ? 'the call is waiting for a recording of the caller'
              : undefined
          default:
            return 'the call is waiting at a <Record>, which takes record, press, silence, hangup or advance'
        }
      },
    },
  )

  let seconds: number
  let key: string | undefined
  let hangup = false
  let transcription: string | undefined
  switch (resolution.kind) {
    case 'record':
      seconds = Math.max(0, Math.min(resolution.seconds, maxLength))
      key = resolution.key
      hangup = resolution.hangup === true
      transcription = resolution.transcription
      break
    case 'press':
      seconds = call.clock.now - since
      key = resolution.digits
      break
    case 'hangup':
      seconds = call.clock.now - since
      hangup = true
      break
    case 'silence':
      // `timeout` seconds of silence from the start: nothing recorded.
      seconds = 0
      call.clock.advanceTo(since + timeout)
      break
    default:
      // The deadline: maxLength reached.
      seconds = maxLength
  }
  call.emit(inner, {
    type: 'recorded',
    seconds,
    ...(key === undefined ? {} : { key }),
    ...(hangup ? { hangup: true } : {}),
  })
  call.clock.advanceTo(since + seconds)

  if (seconds === 0) {
    if (statusUrl !== undefined && statusEvents.has('absent')) {
      await call.callback(inner, 'recording-status-callback', statusMethod, statusUrl, {
        ...common,
        RecordingStatus: 'absent',
        RecordingSource: 'RecordVerb',
        Timestamp: call.clock.timestamp(),
      })
    }
    if (hangup) return { kind: 'ended', reason: 'caller hung up' }
    return { kind: 'next' }
  }
  const recording = { RecordingSid: recordingSid, RecordingUrl: url, RecordingDuration: String(seconds) }
  if (statusUrl !== undefined && statusEvents.has('completed')) {
    const timestamp = call.clock.timestamp()
    call.defer(() =>
      call.callback(inner, 'recording-status-callback', statusMethod, statusUrl, {
        ...common,
        ...recording,
        RecordingStatus: 'completed',
        RecordingChannels: '1',
        RecordingSource: 'RecordVerb',
        Timestamp: timestamp,
      }),
    )
  }
  transcriptionCallback(call, leg, doc, verb, inner, { seconds, recordingSid, recordingUrl: url, transcription })

  const params: Record<string, string> = { ...recording }
  if (hangup) params.Digits = 'hangup'
  else if (key !== undefined) params.Digits = key
  const method = methodOf(attribute(verb, 'method'))
  const action = call.http.absolute(attribute(verb, 'action') ?? doc.url, doc.url, '<Record action>')
  if (hangup) {
    // Twilio still requests the action, but the call is over: its TwiML is not run.
    leg.status = 'completed'
    await call.request(leg, 'record-action', method, action, { ...call.params(leg), ...params })
    return { kind: 'ended', reason: 'caller hung up' }
  }
  return { kind: 'goto', request: 'record-action', method, url: action, params }
}
