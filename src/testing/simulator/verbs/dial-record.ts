/**
 * `<Dial record>`: the recording of a connected Dial — from the answer or from the start of the
 * ringing, one channel or two (`-dual`) — reported in the action (`RecordingUrl`, `RecordingSid`,
 * `RecordingDuration`) and to `recordingStatusCallback` (`RecordingSource=DialVerb`) once ready,
 * after the action. https://www.twilio.com/docs/voice/twiml/dial#record
 */
import { attribute, type XmlElement } from '../../xml.js'
import { attributeOr, methodOf } from '../defaults.js'
import type { EventPosition } from '../events.js'
import type { CallRuntime, Doc } from '../runtime.js'
import { recordingUrl } from './record.js'

export interface DialRecording {
  readonly sid: string
  readonly url: string
  /** The virtual second the recording began. */
  readonly start: number
  readonly channels: number
  readonly callback:
    | { readonly url: string; readonly method: 'GET' | 'POST'; readonly events: ReadonlySet<string> }
    | undefined
}

/** Starts the recording when the parties are connected, if the Dial records; sends `in-progress`. */
export async function startDialRecording(
  call: CallRuntime,
  at: EventPosition,
  doc: Doc,
  verb: XmlElement,
  dialStart: number,
): Promise<DialRecording | undefined> {
  const record = attributeOr(verb, 'Dial', 'record')
  if (record === 'do-not-record' || record === 'false') return undefined
  const sid = call.clock.sid('RE')
  const callbackUrl = attribute(verb, 'recordingStatusCallback')
  const recording: DialRecording = {
    sid,
    url: recordingUrl(call.accountSid, sid),
    start: record.startsWith('record-from-ringing') ? dialStart : call.clock.now,
    channels: record.endsWith('-dual') ? 2 : 1,
    callback:
      callbackUrl === undefined
        ? undefined
        : {
            url: call.http.absolute(callbackUrl, doc.url, '<Dial recordingStatusCallback>'),
            method: methodOf(attribute(verb, 'recordingStatusCallbackMethod')),
            events: new Set(attributeOr(verb, 'Dial', 'recordingStatusCallbackEvent').split(/\s+/)),
          },
  }
  if (recording.callback?.events.has('in-progress')) {
    await call.callback(at, 'recording-status-callback', recording.callback.method, recording.callback.url, {
      ...base(call, recording),
      RecordingStatus: 'in-progress',
      RecordingSource: 'DialVerb',
      Timestamp: call.clock.timestamp(),
    })
  }
  return recording
}

function base(call: CallRuntime, recording: DialRecording) {
  return { AccountSid: call.accountSid, CallSid: call.sid, RecordingSid: recording.sid, RecordingUrl: recording.url }
}

/** The conversation ended: the recording's parameters for the action; `completed` follows it. */
export function finishDialRecording(
  call: CallRuntime,
  at: EventPosition,
  recording: DialRecording,
): Record<string, string> {
  const duration = String(call.clock.now - recording.start)
  const callback = recording.callback
  if (callback?.events.has('completed')) {
    const timestamp = call.clock.timestamp()
    call.defer(() =>
      call.callback(at, 'recording-status-callback', callback.method, callback.url, {
        ...base(call, recording),
        RecordingDuration: duration,
        RecordingStatus: 'completed',
        RecordingChannels: String(recording.channels),
        RecordingSource: 'DialVerb',
        Timestamp: timestamp,
      }),
    )
  }
  return { RecordingUrl: recording.url, RecordingSid: recording.sid, RecordingDuration: duration }
}
