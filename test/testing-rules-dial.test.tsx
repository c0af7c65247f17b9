/**
 * The simulator follows Twilio's documented semantics of <Dial> and its nouns: each test names the
 * page its rule comes from.
 */
import { describe, expect, test } from 'vitest'
import { Client, Conference, Dial, Gather, Number, Queue, Response, Say, Sip } from '../src/index.js'
import { simulateCall, startCall } from '../src/testing/index.js'
import { own, voiceApp } from './support/voice-app.js'

const after = () => (
  <Response>
    <Say>After.</Say>
  </Response>
)

describe('<Conference> (https://www.twilio.com/docs/voice/twiml/conference)', () => {
  const app = voiceApp({
    '/moderated': () => (
      <Response>
        <Dial action="/after">
          <Conference
            startConferenceOnEnter={false}
            waitUrl="/hold"
            statusCallback="/events"
            statusCallbackEvent={['start', 'end', 'join', 'leave']}
          >
            standup
          </Conference>
        </Dial>
      </Response>
    ),
    '/host': () => (
      <Response>
        <Dial action="/after">
          <Conference endConferenceOnExit>standup</Conference>
        </Dial>
        <Say>Never heard: the action answers.</Say>
      </Response>
    ),
    '/bad-wait': () => (
      <Response>
        <Dial>
          <Conference startConferenceOnEnter={false} waitUrl="/bad-hold">
            standup
          </Conference>
        </Dial>
      </Response>
    ),
    '/hold': () => (
      <Response>
        <Say>Waiting for the host.</Say>
      </Response>
    ),
    '/bad-hold': () => (
      <Response>
        <Gather>
          <Say>Press a key.</Say>
        </Gather>
      </Response>
    ),
    '/events': () => null,
    '/after': after,
  })

  test('a participant without startConferenceOnEnter hears waitUrl until the host joins; the host leaving ends it', async () => {
    const call = await simulateCall(app, {
      url: '/moderated',
      conference: {
        standup: {
          participants: [
            { label: 'Ana', joinAt: 0, leaveAt: 300, startConferenceOnEnter: false },
            { label: 'host', joinAt: 20, leaveAt: 200, endConferenceOnExit: true },
          ],
        },
      },
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /moderated
        Conference standup (wait: /hold)
          Ana joins
          caller joins
          POST /hold
            Say "Waiting for the host."
          host joins
          Conference started
          host leaves
          Conference ended after 200s: participant-with-end-conference-on-exit-left
      POST /after DialCallStatus=answered
        Say "After."
      Call ended: end of document"
    `)
    // A conference is not a dialed call: the action has no DialCallSid, DialCallDuration or DialBridged
    // (https://www.twilio.com/docs/voice/twiml/dial#dialcallstatus: "answered" when calling a conference).
    expect(own(call.requestsTo('/after')[0])).toEqual({ DialCallStatus: 'answered' })
    const events = call.requestsTo('/events')
    expect(events.map((r) => `${r.params.StatusCallbackEvent} ${r.params.CallSid ?? ''}`.trim())).toEqual([
      `participant-join ${events[0]!.params.CallSid}`,
      `participant-join ${call.sid}`,
      `participant-join ${events[2]!.params.CallSid}`,
      'conference-start',
      `participant-leave ${events[2]!.params.CallSid}`,
      'conference-end',
    ])
    expect(events.at(-1)?.params).toMatchObject({
      ConferenceSid: expect.stringMatching(/^CF[0-9a-f]{32}$/),
      FriendlyName: 'standup',
      SequenceNumber: '5',
      ReasonConferenceEnded: 'participant-with-end-conference-on-exit-left',
      CallSidEndingConference: events[2]!.params.CallSid,
      Timestamp: 'Wed, 01 Jan 2025 00:03:20 +0000',
    })
  })

  test('the caller with endConferenceOnExit ends it by leaving; unscripted, a moderator ends it after 30 s', async () => {
    const leaving = await simulateCall(app, {
      url: '/host',
      conference: { '*': { participants: [{ label: 'Bo' }], callerLeavesAt: 90 } },
    })
    expect(leaving.events.filter((e) => e.type === 'conference-end')).toMatchObject([
      { reason: 'participant-with-end-conference-on-exit-left', seconds: 90 },
    ])
    // Leaving after callerLeavesAt is hanging up: the action is still requested, its TwiML not run.
    expect(leaving.endReason).toBe('caller hung up')
    expect(leaving.requestsTo('/after')[0]?.params.CallStatus).toBe('completed')
    const unscripted = await simulateCall(app, { url: '/host' })
    expect(unscripted.events.find((e) => e.type === 'conference-end')).toMatchObject({ seconds: 30 })
    expect(unscripted.endReason).toBe('end of document')
  })

  // The waitUrl TwiML may hold only Play, Say, Pause and Redirect (https://www.twilio.com/docs/api/errors/13238).
  test('a conference wait document with another verb is an error naming the rule', async () => {
    await expect(simulateCall(app, { url: '/bad-wait', conference: { '*': { participants: [] } } })).rejects.toThrow(
      '<Gather> in the conference wait document /bad-hold: Twilio allows only Play, Say, Pause and Redirect there',
    )
  })

  test('steered: participants join and leave on the controller’s word, and the wait says who is in the room', async () => {
    const call = startCall(app, { url: '/moderated' })
    expect(await call.nextWait()).toMatchObject({
      kind: 'conference',
      name: 'standup',
      started: false,
      participants: [],
    })
    await call.respond({ kind: 'participant', action: 'join', label: 'host', endConferenceOnExit: true })
    expect(call.waitingFor).toMatchObject({
      started: true,
      participants: [{ label: 'host', endConferenceOnExit: true }],
    })
    await call.advance(45)
    await call.respond({ kind: 'participant', action: 'leave', label: 'host' })
    expect(call.requestsTo('/after')).toHaveLength(1)
    expect(call.events.find((e) => e.type === 'conference-end')).toMatchObject({ seconds: 45 })
  })
})

describe('dialed nouns', () => {
  const app = voiceApp({
    '/client': () => (
      <Response>
        <Dial action="/after">
          <Client url="/whisper" statusCallback="/status">
            alice
          </Client>
        </Dial>
      </Response>
    ),
    '/agent': () => (
      <Response>
        <Dial action="/after">
          <Queue url="/about-to-connect">support</Queue>
        </Dial>
      </Response>
    ),
    '/bad-queue-url': () => (
      <Response>
        <Dial>
          <Queue url="/queue-gather">support</Queue>
        </Dial>
      </Response>
    ),
    '/queue-gather': () => (
      <Response>
        <Gather />
      </Response>
    ),
    '/amd': () => (
      <Response>
        <Dial action="/after">
          <Number machineDetection="Enable" amdStatusCallback="/amd-result" url="/whisper">
            +15550001111
          </Number>
          <Sip machineDetection="DetectMessageEnd">sip:desk@example.com</Sip>
        </Dial>
      </Response>
    ),
    '/whisper': (_c, p) => (
      <Response>
        <Say>{p.AnsweredBy === undefined ? 'Incoming call.' : `Answered by ${p.AnsweredBy}.`}</Say>
      </Response>
    ),
    '/about-to-connect': () => (
      <Response>
        <Say>An agent is about to take your call.</Say>
      </Response>
    ),
    '/status': () => null,
    '/amd-result': () => null,
    '/after': after,
  })

  // A dialed Client is addressed as client:<identity> (https://www.twilio.com/docs/voice/twiml/client).
  test('a dialed <Client> leg: To and Called are client:alice', async () => {
    const call = await simulateCall(app, { url: '/client' })
    for (const request of [...call.requestsTo('/whisper'), ...call.requestsTo('/status')]) {
      expect(request.params).toMatchObject({ To: 'client:alice', Called: 'client:alice', Direction: 'outbound-dial' })
    }
    expect(call.requestsTo('/status')).toHaveLength(1)
  })

  // <Queue url> runs on the dequeued caller's end before the two are connected, with QueueSid, CallSid (the
  // dequeued call), QueueTime and DequeingCallSid; it may hold Play, Say, Pause and Redirect
  // (https://www.twilio.com/docs/voice/twiml/queue).
  test('<Queue url> runs for the dequeued caller, with the queue parameters Twilio sends', async () => {
    const call = await simulateCall(app, { url: '/agent', queue: { support: { from: '+15551230000', queueTime: 75 } } })
    const message = call.requestsTo('/about-to-connect')[0]!
    expect(message).toMatchObject({ kind: 'queue-url', leg: 'callee' })
    expect(message.params).toEqual({
      CallSid: call.requestsTo('/after')[0]?.params.DialCallSid,
      AccountSid: `AC${'0'.repeat(32)}`,
      From: '+15551230000',
      To: '+15558675310',
      CallStatus: 'in-progress',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
      QueueSid: expect.stringMatching(/^QU[0-9a-f]{32}$/),
      QueueTime: '75',
      DequeingCallSid: call.sid,
    })
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /agent
        Dial support (timeout 30s)
          support: answered after 5s
            POST /about-to-connect QueueTime=75
              Say "An agent is about to take your call."
          Connected to support for 30s
        Dial ended: completed
      POST /after DialCallStatus=completed DialCallDuration=30
        Say "After."
      Call ended: end of document"
    `)
    await expect(simulateCall(app, { url: '/bad-queue-url' })).rejects.toThrow(
      '<Gather> in the <Queue url> document /queue-gather: Twilio allows only Play, Say, Pause and Redirect there',
    )
  })

  // machineDetection on <Number> and <Sip>: AnsweredBy goes to the url request and to amdStatusCallback
  // (https://www.twilio.com/docs/voice/twiml/number#machinedetection, .../twiml/sip).
  test('machineDetection: the scripted AnsweredBy reaches the screening document and amdStatusCallback', async () => {
    const call = await simulateCall(app, {
      url: '/amd',
      dial: { '+15550001111': { answeredBy: 'machine_end_beep', ringFor: 2 }, 'sip:desk@example.com': 'busy' },
    })
    expect(own(call.requestsTo('/amd-result')[0])).toEqual({
      AnsweredBy: 'machine_end_beep',
      MachineDetectionDuration: '2400',
    })
    expect(call.requestsTo('/whisper')[0]?.params).toMatchObject({ AnsweredBy: 'machine_end_beep' })
    expect(call.transcript()).toContain('Say "Answered by machine_end_beep."')
    // Steered: the controller says who answered.
    const steered = startCall(app, { url: '/amd' })
    const wait = await steered.nextWait()
    expect(wait).toMatchObject({ parties: [{ machineDetection: 'Enable' }, { machineDetection: 'DetectMessageEnd' }] })
    await steered.answer('+15550001111', { answeredBy: 'human' })
    expect(steered.requestsTo('/amd-result')[0]?.params.AnsweredBy).toBe('human')
  })
})

describe('<Dial> attributes and hang-ups (https://www.twilio.com/docs/voice/twiml/dial)', () => {
  const app = voiceApp({
    '/star': () => (
      <Response>
        <Dial action="/after" hangupOnStar>
          <Number statusCallback="/status">+15550002222</Number>
        </Dial>
      </Response>
    ),
    '/no-star': () => (
      <Response>
        <Dial action="/after">+15550002222</Dial>
      </Response>
    ),
    '/recorded': () => (
      <Response>
        <Dial action="/after" record="record-from-ringing-dual" recordingStatusCallback="/recording">
          <Number>+15550002222</Number>
        </Dial>
      </Response>
    ),
    '/status': () => null,
    '/recording': () => null,
    '/after': after,
  })

  // hangupOnStar: "lets the calling party hang up on the called party by pressing *"; the caller goes on.
  test('hangupOnStar: the caller presses * to end the call with the party, and goes on with the action', async () => {
    const call = startCall(app, { url: '/star' })
    await call.nextWait()
    await call.advance(4)
    await call.answer()
    expect(call.waitingFor).toMatchObject({ kind: 'bridged', hangupOnStar: true })
    await call.advance(25)
    await call.press('*')
    expect(own(call.requestsTo('/after')[0])).toMatchObject({ DialCallStatus: 'completed', DialCallDuration: '25' })
    expect(call.requestsTo('/status').at(-1)?.params).toMatchObject({ CallStatus: 'completed', CallDuration: '25' })
    expect(call.endReason).toBe('end of document')
    // Scripted, and refused where the Dial does not allow it.
    const scripted = await simulateCall(app, { url: '/star', dial: { '*': { duration: 12, hangup: 'star' } } })
    expect(scripted.requestsTo('/after')[0]?.params.DialCallDuration).toBe('12')
    const plain = startCall(app, { url: '/no-star' })
    await plain.nextWait()
    await plain.answer()
    await expect(plain.press('*')).rejects.toThrow('the <Dial> has no hangupOnStar: * does nothing')
  })

  // "If the caller hangs up" the action is still requested (the call is over: its TwiML is not run); while
  // ringing, the attempts are canceled.
  test('the caller hangs up while the Dial rings: the attempt is canceled, the action requested and not run', async () => {
    const call = startCall(app, { url: '/star' })
    await call.nextWait()
    await call.advance(7)
    await call.hangup()
    expect(own(call.requestsTo('/after')[0])).toMatchObject({ DialCallStatus: 'canceled', DialBridged: 'false' })
    expect(call.requestsTo('/after')[0]?.params.CallStatus).toBe('completed')
    expect(call.requestsTo('/status')[0]?.params.CallStatus).toBe('canceled')
    expect(call.endReason).toBe('caller hung up')
    expect(call.transcript()).not.toContain('After.')
  })

  test('the caller hangs up while the parties talk: the action gets completed and its TwiML is not run', async () => {
    const call = await simulateCall(app, { url: '/star', dial: { '*': { duration: 50, hangup: 'caller' } } })
    expect(own(call.requestsTo('/after')[0])).toMatchObject({ DialCallStatus: 'completed', DialCallDuration: '50' })
    expect(call.endReason).toBe('caller hung up')
    expect(call.transcript()).toMatchInlineSnapshot(`
      "POST /star
        Dial +15550002222 (timeout 30s)
          +15550002222: answered after 5s
          Connected to +15550002222 for 50s
        Dial ended: completed
      POST /after DialCallStatus=completed DialCallDuration=50
      Call ended: caller hung up"
    `)
  })

  // record + recordingStatusCallback: the recording callback (RecordingSource=DialVerb) once the file is
  // ready, after the action; record-from-ringing counts the ringing, -dual records two channels.
  test('record with recordingStatusCallback: the action carries the recording, the callback follows it', async () => {
    const call = await simulateCall(app, { url: '/recorded', dial: { '*': { ringFor: 6, duration: 40 } } })
    expect(call.requests.map((r) => r.kind)).toEqual(['call', 'dial-action', 'recording-status-callback'])
    const action = call.requestsTo('/after')[0]!
    expect(own(action)).toMatchObject({ RecordingDuration: '46', RecordingSid: expect.stringMatching(/^RE/) })
    expect(call.requestsTo('/recording')[0]?.params).toEqual({
      AccountSid: `AC${'0'.repeat(32)}`,
      CallSid: call.sid,
      RecordingSid: action.params.RecordingSid,
      RecordingUrl: action.params.RecordingUrl,
      RecordingDuration: '46',
      RecordingStatus: 'completed',
      RecordingChannels: '2',
      RecordingSource: 'DialVerb',
      Timestamp: 'Wed, 01 Jan 2025 00:00:46 +0000',
    })
  })
})
