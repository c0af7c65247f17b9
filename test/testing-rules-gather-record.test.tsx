/**
 * The simulator follows Twilio's documented semantics of <Gather> and <Record>: each test names
 * the page its rule comes from.
 */
import { describe, expect, test } from 'vitest'
import { Gather, Record, Response, Say } from '../src/index.js'
import { simulateCall, startCall } from '../src/testing/index.js'
import { own, voiceApp } from './support/voice-app.js'

describe('<Gather> (https://www.twilio.com/docs/voice/twiml/gather)', () => {
  const app = voiceApp({
    '/pin': () => (
      <Response>
        <Gather action="/got" numDigits={4} timeout={3}>
          <Say>Your PIN, then pound.</Say>
        </Gather>
        <Say>No PIN.</Say>
      </Response>
    ),
    '/empty-ok': () => (
      <Response>
        <Gather action="/got" actionOnEmptyResult>
          <Say>Anything.</Say>
        </Gather>
      </Response>
    ),
    '/no-finish': () => (
      <Response>
        <Gather action="/got" finishOnKey="" timeout={4}>
          <Say>Type away.</Say>
        </Gather>
      </Response>
    ),
    '/both': () => (
      <Response>
        <Gather action="/got" input={['dtmf', 'speech']} timeout={6} speechTimeout={2}>
          <Say>Say or press.</Say>
        </Gather>
      </Response>
    ),
    '/auto': () => (
      <Response>
        <Gather action="/got" input={['speech']} speechTimeout="auto">
          <Say>Speak.</Say>
        </Gather>
      </Response>
    ),
    '/got': () => (
      <Response>
        <Say>Got it.</Say>
      </Response>
    ),
  })

  // "If the caller enters the finishOnKey value before entering any other digits, Twilio will not make a
  // request to the action URL" (the Gather page; http://www.twilio.com/docs/api/twiml/gather says it in
  // those words): only the key is no input, as if the timeout had passed.
  test('pressing only the finishOnKey key is no input: the next verb runs, the action is not requested', async () => {
    const call = await simulateCall(app, { url: '/pin' })
    await call.press('#')
    expect(call.requests.map((r) => r.path)).toEqual(['/pin'])
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /pin
        Gather (dtmf; 4 digits) → POST /got
          Say "Your PIN, then pound."
          Caller presses #
        Say "No PIN."
      Call ended: end of document"
    `)
  })

  test('with actionOnEmptyResult, only the finishOnKey key requests the action with empty Digits', async () => {
    const call = await simulateCall(app, { url: '/empty-ok' })
    await call.press('#')
    expect(own(call.requestsTo('/got')[0])).toEqual({ Digits: '' })
  })

  // timeout: seconds Twilio waits for the next digit before submitting what it has; numDigits and
  // finishOnKey submit at once.
  test('digits end the Gather at numDigits or the finishOnKey key at once, otherwise after timeout seconds', async () => {
    const timing = async (digits: string) => {
      const call = startCall(app, { url: '/pin' })
      await call.nextWait()
      await call.press(digits)
      return { now: call.now, params: own(call.requestsTo('/got')[0]) }
    }
    expect(await timing('1234')).toEqual({ now: 0, params: { Digits: '1234' } })
    expect(await timing('12#')).toEqual({ now: 0, params: { Digits: '12', FinishedOnKey: '#' } })
    expect(await timing('12')).toEqual({ now: 3, params: { Digits: '12' } })
  })

  // finishOnKey="": "no key will end the <Gather>": # is a digit like any other, and the input goes to
  // the action only once the timeout has passed.
  test('finishOnKey="": # is sent as a digit, and the Gather waits out its timeout', async () => {
    const call = startCall(app, { url: '/no-finish' })
    expect(await call.nextWait()).toMatchObject({ kind: 'gather', finishOnKey: '', timeout: 4 })
    await call.press('12#')
    expect(call.now).toBe(4)
    expect(own(call.requestsTo('/got')[0])).toEqual({ Digits: '12#' })
  })

  // speechTimeout: seconds of silence after speech before the result is sent (default: the timeout
  // value; auto: at the first pause); with both inputs, timeout governs DTMF and speechTimeout speech.
  test('speech ends speechTimeout seconds after it (auto: at once); keys at the same Gather follow timeout', async () => {
    const run = async (url: string, input: (call: ReturnType<typeof startCall>) => Promise<unknown>) => {
      const call = startCall(app, { url })
      await call.nextWait()
      await input(call)
      return call.now
    }
    expect(await run('/both', (c) => c.speak('billing'))).toBe(2)
    expect(await run('/both', (c) => c.press('7'))).toBe(6)
    expect(await run('/auto', (c) => c.speak('billing'))).toBe(0)
    const defaults = startCall(app, { url: '/pin' })
    expect(await defaults.nextWait()).toMatchObject({ timeout: 3, speechTimeout: 3 })
  })

  test('silence waits the whole timeout, then the next verb runs', async () => {
    const call = startCall(app, { url: '/pin' })
    expect(await call.nextWait()).toMatchObject({ since: 0, deadline: 3 })
    await call.silence()
    expect(call.now).toBe(3)
    expect(call.endReason).toBe('end of document')
    expect(call.requests).toHaveLength(1)
  })
})

describe('<Record> (https://www.twilio.com/docs/voice/twiml/record)', () => {
  const app = voiceApp({
    '/plain': () => (
      <Response>
        <Record />
        <Say>Nothing recorded.</Say>
      </Response>
    ),
    '/message': () => (
      <Response>
        <Record
          action="/saved"
          maxLength={300}
          transcribe
          transcribeCallback="/transcript"
          recordingStatusCallback="/recording"
          recordingStatusCallbackEvent={['in-progress', 'completed']}
        />
      </Response>
    ),
    '/saved': () => (
      <Response>
        <Say>Saved.</Say>
      </Response>
    ),
    '/transcript': () => null,
    '/recording': () => null,
  })

  // The attribute table: action = the document's URL, timeout 5, finishOnKey 1234567890*#, maxLength 3600,
  // playBeep true; an empty recording goes on with the next verb.
  test('defaults: 3600 s at most, any key ends it, 5 s of silence record nothing, the action is the document', async () => {
    const call = startCall(app, { url: '/plain' })
    expect(await call.nextWait()).toEqual({
      kind: 'record',
      index: 0,
      leg: 'caller',
      since: 0,
      deadline: 3600,
      document: '/plain',
      maxLength: 3600,
      finishOnKey: '1234567890*#',
      timeout: 5,
      playBeep: true,
      transcribe: false,
    })
    await call.silence()
    expect(call.now).toBe(5)
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /plain
        Record (beep, max 3600s, finish on 1234567890*#)
          Caller records nothing
        Say "Nothing recorded."
      Call ended: end of document"
    `)
    const keyed = startCall(app, { url: '/plain' })
    await keyed.nextWait()
    await keyed.advance(8)
    await keyed.press('7')
    expect(keyed.requests[1]).toMatchObject({ kind: 'record-action', path: '/plain' })
    expect(own(keyed.requests[1])).toMatchObject({ RecordingDuration: '8', Digits: '7' })
  })

  test('maxLength ends the recording by itself', async () => {
    const call = startCall(app, { url: '/message' })
    await call.nextWait()
    await call.advance(400)
    expect(own(call.requestsTo('/saved')[0])).toMatchObject({ RecordingDuration: '300' })
    expect(own(call.requestsTo('/saved')[0])).not.toHaveProperty('Digits')
  })

  // The action comes first; the recording status callback once the file is ready; the transcription
  // when it is done — both after the action. in-progress is sent as the recording starts.
  test('callbacks in Twilio order: in-progress, then the action, then completed, then the transcription', async () => {
    const call = await simulateCall(app, { url: '/message', record: { duration: 40, transcription: 'Call me' } })
    expect(
      call.requests.map((r) => `${r.kind} ${r.params.RecordingStatus ?? r.params.TranscriptionStatus ?? ''}`),
    ).toEqual([
      'call ',
      'recording-status-callback in-progress',
      'record-action ',
      'recording-status-callback completed',
      'transcribe-callback completed',
    ])
    expect(call.requestsTo('/transcript')[0]?.params).toMatchObject({
      TranscriptionText: 'Call me',
      RecordingSid: call.requestsTo('/saved')[0]?.params.RecordingSid,
    })
  })

  // Transcription is "limited to recordings at most two minutes in length"
  // (https://www.twilio.com/docs/voice/api/recording-transcription); Twilio transcribes 2 to 120 s.
  test('transcription only for recordings of 2 to 120 seconds; any other length reports failed, without text', async () => {
    const status = async (duration: number) => {
      const call = await simulateCall(app, { url: '/message', record: { duration, transcription: 'words' } })
      const { TranscriptionStatus, TranscriptionText } = call.requestsTo('/transcript')[0]!.params
      return `${TranscriptionStatus} "${TranscriptionText}"`
    }
    expect(await status(1)).toBe('failed ""')
    expect(await status(2)).toBe('completed "words"')
    expect(await status(120)).toBe('completed "words"')
    expect(await status(121)).toBe('failed ""')
  })
})
