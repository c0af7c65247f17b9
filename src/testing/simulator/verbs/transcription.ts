/**
 * `<Record transcribe>`: the transcription callback, sent once the transcription is ready (after
 * the Record's action). Twilio transcribes recordings of 2 to 120 seconds; for any other length
 * the callback reports `TranscriptionStatus=failed` with no text.
 * https://www.twilio.com/docs/voice/twiml/record#transcribe,
 * https://www.twilio.com/docs/voice/api/recording-transcription ("limited to recordings at most two
 * minutes in length")
 */
import { attribute, type XmlElement } from '../../xml.js'
import { booleanOr } from '../defaults.js'
import type { EventPosition } from '../events.js'
import type { CallRuntime, Doc, Leg } from '../runtime.js'

/** The recording lengths Twilio transcribes. */
export const MIN_SECONDS = 2
export const MAX_SECONDS = 120

export interface Recorded {
  readonly seconds: number
  readonly recordingSid: string
  readonly recordingUrl: string
  readonly transcription: string | undefined
}

/** Queues the transcription callback of a recording, if the Record asks for one. */
export function transcriptionCallback(
  call: CallRuntime,
  leg: Leg,
  doc: Doc,
  verb: XmlElement,
  at: EventPosition,
  recorded: Recorded,
): void {
  const callback = attribute(verb, 'transcribeCallback')
  if (!booleanOr(verb, 'Record', 'transcribe') || callback === undefined) return
  const url = call.http.absolute(callback, doc.url, '<Record transcribeCallback>')
  const params = call.params(leg)
  const transcribed = recorded.seconds >= MIN_SECONDS && recorded.seconds <= MAX_SECONDS
  call.defer(async () => {
    const transcriptionSid = call.clock.sid('TR')
    await call.callback(at, 'transcribe-callback', 'POST', url, {
      ...params,
      TranscriptionSid: transcriptionSid,
      TranscriptionText: transcribed ? (recorded.transcription ?? '') : '',
      TranscriptionStatus: transcribed ? 'completed' : 'failed',
      TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/${call.accountSid}/Transcriptions/${transcriptionSid}`,
      RecordingSid: recorded.recordingSid,
      RecordingUrl: recorded.recordingUrl,
    })
  })
}
